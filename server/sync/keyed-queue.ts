/**
 * Runs tasks one after another per key, and tasks of different keys side by side. A failed
 * task rejects its own promise only; the next task of the key runs all the same.
 */
export class KeyedQueue {
  readonly #tails = new Map<string, Promise<unknown>>()

  run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve()
    const next = previous.then(task)
    // The chain goes on however the task ended: its failure is its caller's to handle.
    const tail = next.catch(() => undefined)
    this.#tails.set(key, tail)
    void tail.then(() => {
      if (this.#tails.get(key) === tail) this.#tails.delete(key)
    })
    return next
  }

  get size(): number {
    return this.#tails.size
  }
}
