import { randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface ResolvedSecret {
  value: string
  /** True when this call generated the value (first start on this DATA_DIR). */
  generated: boolean
}

/**
 * A secret from the environment, else from DATA_DIR/<file>, else generated once into that
 * file (mode 0600). Creation uses the exclusive flag, so two processes starting on one
 * DATA_DIR agree on one value.
 */
export function resolveSecret(dataDir: string, file: string, fromEnv: string | undefined): ResolvedSecret {
  if (fromEnv) return { value: fromEnv, generated: false }
  const path = join(dataDir, file)
  const existing = readIfPresent(path)
  if (existing) return { value: existing, generated: false }
  mkdirSync(dataDir, { recursive: true })
  const value = randomBytes(32).toString('base64url')
  try {
    writeFileSync(path, `${value}\n`, { flag: 'wx', mode: 0o600 })
    return { value, generated: true }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
    // Another process created it between our read and write: use theirs.
    return { value: readIfPresent(path) ?? value, generated: false }
  }
}

function readIfPresent(path: string): string | null {
  try {
    const value = readFileSync(path, 'utf8').trim()
    return value.length > 0 ? value : null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw error
  }
}
