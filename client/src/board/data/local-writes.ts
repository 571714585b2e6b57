import { Store, type ReadableStore } from '../../lib/store.ts'

/**
 * Whether this device is still writing edits to its local stores (the board's, and the
 * private draft's while silent): until it is not, closing the page could lose the last of
 * them. Each source is a store of its own pending flag; the group is pending when any is.
 */
export class LocalWrites {
  readonly pending: ReadableStore<boolean>
  readonly #pending = new Store(false)
  readonly #sources = new Map<string, { store: ReadableStore<boolean>; stop: () => void }>()

  constructor() {
    this.pending = this.#pending
  }

  /** Follows `store` under `name` (replacing an earlier one); null stops following it. */
  set(name: string, store: ReadableStore<boolean> | null): void {
    this.#sources.get(name)?.stop()
    this.#sources.delete(name)
    if (store) this.#sources.set(name, { store, stop: store.subscribe(() => this.#recompute()) })
    this.#recompute()
  }

  destroy(): void {
    for (const source of this.#sources.values()) source.stop()
    this.#sources.clear()
  }

  #recompute(): void {
    this.#pending.set([...this.#sources.values()].some((source) => source.store.get()))
  }
}
