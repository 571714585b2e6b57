import type { TextareaLike } from '../../client/src/board/data/text-binding.ts'

/** A textarea as far as the binding sees one. */
export class FakeTextarea implements TextareaLike {
  value = ''
  selectionStart = 0
  selectionEnd = 0
  readonly #listeners = new Map<string, Set<(event: Event) => void>>()
  setSelectionRange(start: number, end: number) {
    this.selectionStart = start
    this.selectionEnd = end
  }
  addEventListener(type: string, listener: (event: Event) => void) {
    if (!this.#listeners.has(type)) this.#listeners.set(type, new Set())
    this.#listeners.get(type)?.add(listener)
  }
  removeEventListener(type: string, listener: (event: Event) => void) {
    this.#listeners.get(type)?.delete(listener)
  }
  /** Types `text` at the caret, as a browser would (replacing the selection). */
  type(text: string) {
    this.value = this.value.slice(0, this.selectionStart) + text + this.value.slice(this.selectionEnd)
    this.selectionStart = this.selectionEnd = this.selectionStart + text.length
    for (const listener of this.#listeners.get('input') ?? []) listener({ isComposing: false } as unknown as Event)
  }
}
