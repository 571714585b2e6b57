import type * as Y from 'yjs'

/** One replacement that turns `before` into `after`. */
export interface TextDiff {
  index: number
  remove: number
  insert: string
}

/** The single replacement between two strings (common prefix and suffix kept). */
export function diffText(before: string, after: string): TextDiff {
  let start = 0
  const max = Math.min(before.length, after.length)
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++
  let endBefore = before.length
  let endAfter = after.length
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--
    endAfter--
  }
  return { index: start, remove: endBefore - start, insert: after.slice(start, endAfter) }
}

/** A Yjs text delta: retain, insert or delete runs. */
export type Delta = readonly { retain?: number; insert?: unknown; delete?: number }[]

/**
 * Where a caret at `position` ends up after a remote change: text inserted or deleted before
 * it shifts it, text inserted exactly at it goes after it (the caret stays put on screen,
 * and the local user keeps typing where they were).
 */
export function transformPosition(position: number, delta: Delta): number {
  let oldIndex = 0
  let shift = 0
  for (const op of delta) {
    if (oldIndex > position) break
    if (op.retain !== undefined) {
      oldIndex += op.retain
    } else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1
      if (oldIndex < position) shift += length
    } else if (op.delete !== undefined) {
      if (oldIndex < position) shift -= Math.min(op.delete, position - oldIndex)
      oldIndex += op.delete
    }
  }
  return Math.max(0, position + shift)
}

/** The parts of a textarea the binding uses (an interface, so Node tests can fake one). */
export interface TextareaLike {
  value: string
  selectionStart: number
  selectionEnd: number
  setSelectionRange(start: number, end: number): void
  addEventListener(type: 'input' | 'compositionend', listener: (event: Event) => void): void
  removeEventListener(type: 'input' | 'compositionend', listener: (event: Event) => void): void
}

/**
 * Binds a textarea to a note's Y.Text: local input is written as a minimal diff through
 * `write` (the session's writer, with the local origin); remote changes update the textarea
 * and move the caret and selection through the change, so a co-author's typing never moves
 * this user's caret.
 */
export function bindTextarea(
  textarea: TextareaLike,
  text: Y.Text,
  write: (diff: TextDiff) => void,
  localOrigin: unknown,
  {
    typed,
  }: {
    /**
     * What the user had typed in the textarea before this binding (bound to another copy of
     * the note until now): written into this text as their edit, so nothing they typed is lost.
     */
    typed?: string
  } = {},
): () => void {
  // What the textarea showed when it last matched the document.
  let shadow = text.toString()
  textarea.value = shadow
  let composing = false
  // Remote changes that arrived while an input method was composing (not shown until it ends).
  let pending: Delta[] = []

  const commit = () => {
    const diff = diffText(shadow, textarea.value)
    let index = diff.index
    for (const delta of pending) index = transformPosition(index, delta)
    pending = []
    if (diff.remove > 0 || diff.insert.length > 0) write({ ...diff, index })
    shadow = text.toString()
    if (textarea.value !== shadow) {
      // Remote changes during composition, or text cut at the limit: show the document.
      const caret = Math.min(index + diff.insert.length, shadow.length)
      textarea.value = shadow
      textarea.setSelectionRange(caret, caret)
    }
  }
  const onInput = (event: Event) => {
    composing = (event as InputEvent).isComposing === true
    if (!composing) commit()
  }
  const onCompositionEnd = () => {
    composing = false
    commit()
  }
  const onChange = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === localOrigin) return
    const delta = event.delta as Delta
    if (composing) {
      pending.push(delta)
      return
    }
    const start = transformPosition(textarea.selectionStart, delta)
    const end = transformPosition(textarea.selectionEnd, delta)
    shadow = text.toString()
    textarea.value = shadow
    textarea.setSelectionRange(start, Math.max(start, end))
  }
  textarea.addEventListener('input', onInput)
  textarea.addEventListener('compositionend', onCompositionEnd)
  text.observe(onChange)
  if (typed !== undefined && typed !== shadow) {
    textarea.value = typed
    textarea.setSelectionRange(typed.length, typed.length)
    commit()
  }
  return () => {
    textarea.removeEventListener('input', onInput)
    textarea.removeEventListener('compositionend', onCompositionEnd)
    text.unobserve(onChange)
  }
}
