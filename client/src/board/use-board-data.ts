import { useCallback, useRef, useSyncExternalStore } from 'react'
import type { NoteData } from '@shared/board/index.ts'
import type { NoteStore } from './data/note-store.ts'
import type { ReadableStore } from '../lib/store.ts'

/** One note, re-rendering only when that note changes. */
export function useNote(notes: NoteStore, id: string): NoteData | undefined {
  const subscribe = useCallback((listener: () => void) => notes.subscribeNote(id, listener), [notes, id])
  const read = useCallback(() => notes.get(id), [notes, id])
  return useSyncExternalStore(subscribe, read, read)
}

/**
 * The notes whose ids a store holds (the selection, say), re-rendering when the set changes
 * or one of those notes changes — not when any other note does.
 */
export function useNotesOf(notes: NoteStore, ids: ReadableStore<ReadonlySet<string>>): readonly NoteData[] {
  const cache = useRef<{ key: unknown[]; value: NoteData[] } | null>(null)
  const subscribe = useCallback(
    (listener: () => void) => {
      const offIds = ids.subscribe(listener)
      const offNotes = notes.subscribeChanges((changed) => {
        for (const id of changed) {
          if (ids.get().has(id)) {
            listener()
            return
          }
        }
      })
      return () => {
        offIds()
        offNotes()
      }
    },
    [notes, ids],
  )
  const read = useCallback(() => {
    const list: NoteData[] = []
    for (const id of ids.get()) {
      const note = notes.get(id)
      if (note) list.push(note)
    }
    const previous = cache.current
    if (previous && previous.key.length === list.length && previous.key.every((note, i) => note === list[i])) {
      return previous.value
    }
    cache.current = { key: list, value: list }
    return list
  }, [notes, ids])
  return useSyncExternalStore(subscribe, read, read)
}
