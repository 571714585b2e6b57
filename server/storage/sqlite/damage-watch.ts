import type { Logger } from '../../sync/socket.ts'
import { isDamagedDatabaseError } from '../errors.ts'

/**
 * Damage found while the server runs: SQLite reports a damaged page only when a query reads
 * it. Every method of the stores is watched; the first such error is logged at error level,
 * and from then on the storage's ping fails, so GET /readyz answers 503 until the database
 * is restored and the process restarted. Queries that do not touch the damage go on working:
 * stopping the process would take the healthy boards away too.
 */
export class DamageWatch {
  readonly #path: string
  readonly #log: Logger | undefined
  #damage: Error | null = null

  constructor(path: string, log?: Logger) {
    this.#path = path
    this.#log = log
  }

  /** Throws once damage has been found (the readiness ping). */
  check(): void {
    if (this.#damage) throw new Error(`the database ${this.#path} is damaged: ${this.#damage.message}`)
  }

  /** The store with every method watched: errors pass through unchanged, damage is noted on the way. */
  watch<T extends object>(store: T): T {
    // One wrapper per method, made on first use: the update log's append runs on every group
    // commit, and a new closure per call was garbage on the hot path.
    const wrappers = new Map<PropertyKey, { method: unknown; wrapper: unknown }>()
    return new Proxy(store, {
      get: (target, property) => {
        const value: unknown = Reflect.get(target, property, target)
        if (typeof value !== 'function') return value
        const cached = wrappers.get(property)
        if (cached?.method === value) return cached.wrapper
        const wrapper = (...args: unknown[]) => {
          try {
            const result: unknown = value.apply(target, args)
            return result instanceof Promise ? result.catch((error: unknown) => this.#noted(error)) : result
          } catch (error) {
            return this.#noted(error)
          }
        }
        wrappers.set(property, { method: value, wrapper })
        return wrapper
      },
    })
  }

  #noted(error: unknown): never {
    if (isDamagedDatabaseError(error) && this.#damage === null) {
      this.#damage = error as Error
      this.#log?.error(
        { err: error, path: this.#path },
        'the database is damaged: this process is no longer ready (GET /readyz 503); stop it and restore the latest backup (docs/operations.md)',
      )
    }
    throw error
  }
}
