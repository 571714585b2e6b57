import { resolve } from 'node:path'
import { parseEnv, type Config } from './config.ts'
import { resolveSecret } from './secrets.ts'

export interface BootResult {
  config: Config
  /**
   * Where the hub token comes from: 'HUB_TOKEN' (the environment) or the absolute path of the
   * file in DATA_DIR that holds it. The token itself is never printed: logs end up in journald
   * and container logs, which more people read than should hold it.
   */
  hubTokenSource: string
  /** True when this start generated the hub token (the first start on this DATA_DIR). */
  hubTokenGenerated: boolean
}

/** Validates the environment and resolves the secrets kept in DATA_DIR. */
export function loadConfig(env: Record<string, string | undefined>): BootResult {
  const parsed = parseEnv(env)
  const secret = resolveSecret(parsed.DATA_DIR, 'secret', parsed.SECRET)
  const hubToken = resolveSecret(parsed.DATA_DIR, 'hub-token', parsed.HUB_TOKEN)
  return {
    config: { ...parsed, SECRET: secret.value, HUB_TOKEN: hubToken.value },
    hubTokenSource: parsed.HUB_TOKEN ? 'HUB_TOKEN' : resolve(parsed.DATA_DIR, 'hub-token'),
    hubTokenGenerated: hubToken.generated,
  }
}
