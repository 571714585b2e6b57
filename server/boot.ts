import { parseEnv, type Config } from './config.ts'
import { resolveSecret } from './secrets.ts'

export interface BootResult {
  config: Config
  /** The hub token when this start generated it, to be shown once to the operator. */
  generatedHubToken: string | null
}

/** Validates the environment and resolves the secrets kept in DATA_DIR. */
export function loadConfig(env: Record<string, string | undefined>): BootResult {
  const parsed = parseEnv(env)
  const secret = resolveSecret(parsed.DATA_DIR, 'secret', parsed.SECRET)
  const hubToken = resolveSecret(parsed.DATA_DIR, 'hub-token', parsed.HUB_TOKEN)
  return {
    config: { ...parsed, SECRET: secret.value, HUB_TOKEN: hubToken.value },
    generatedHubToken: hubToken.generated ? hubToken.value : null,
  }
}
