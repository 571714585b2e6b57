/** A listener that is told "something changed"; it reads the new value itself. */
export type Listener = () => void

/** The shape React's useSyncExternalStore reads. */
export interface ReadableStore<T> {
  // Properties, not methods: React's useSyncExternalStore calls them unbound.
  get: () => T
  subscribe: (listener: Listener) => () => void
}

/**
 * The one state container of the client: a value, a setter that notifies only on change, and
 * subscriptions. No React in here, so the data layer runs (and is tested) in Node.
 */
export class Store<T> implements ReadableStore<T> {
  #value: T
  readonly #listeners = new Set<Listener>()
  readonly #equals: (a: T, b: T) => boolean

  constructor(value: T, equals: (a: T, b: T) => boolean = Object.is) {
    this.#value = value
    this.#equals = equals
  }

  get = (): T => this.#value

  set(value: T): void {
    if (this.#equals(this.#value, value)) return
    this.#value = value
    for (const listener of [...this.#listeners]) listener()
  }

  update(change: (value: T) => T): void {
    this.set(change(this.#value))
  }

  subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}

/** A small typed event emitter for one-off notices (toasts, refusals). */
export class Emitter<T> {
  readonly #listeners = new Set<(value: T) => void>()

  emit(value: T): void {
    for (const listener of [...this.#listeners]) listener(value)
  }

  on(listener: (value: T) => void): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }
}

export function shallowEqualArrays<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false
  return true
}
