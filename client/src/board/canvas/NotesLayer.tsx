import { memo, useCallback, useRef, useSyncExternalStore } from 'react'
import { Layer } from './konva.ts'
import type { NoteData } from '@shared/board/index.ts'
import { shallowEqualArrays } from '../../lib/store.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import type { BoardContextValue } from '../board-context.ts'
import { useNote } from '../use-board-data.ts'
import { NoteChrome } from './NoteCard.tsx'
import { NotesShape } from './NotesShape.tsx'
import { localeStore, translate } from '../../i18n/index.ts'

const isSilent = (session: { silent: boolean }) => session.silent

/**
 * The notes in (and near) the view: all drawn by one shape (NotesShape), at every zoom, so
 * that neither panning, zooming nor a remote change mounts or re-renders a component per
 * note. The few notes that carry more (another's name while they edit it, the dashed border
 * and label of a note in this user's private draft) get a component each for that.
 */
export function NotesLayer() {
  return (
    <Layer listening={false}>
      <NotesShape />
      <NoteChromes />
    </Layer>
  )
}

/**
 * The notes near the view that others are editing or that are in this user's draft, in paint
 * order, as keys: the id, with "|draft" after it for a draft's note.
 */
function chromedKeys(board: BoardContextValue): string[] {
  const { culled, session } = board
  const notes = session.stores.notes
  const editors = session.presence.editors.get()
  const keys: string[] = []
  if (notes.draftCount.get() === 0) {
    for (const id of editors.keys()) if (culled.has(id)) keys.push(id)
    return keys
  }
  for (const id of culled.ids.get()) {
    const draft = notes.isDraft(id)
    if (draft) keys.push(`${id}|draft`)
    else if (editors.has(id)) keys.push(id)
  }
  return keys
}

function NoteChromes() {
  const board = useBoard()
  const { culled, session } = board
  const subscribe = useCallback(
    (listener: () => void) => {
      const offs = [
        culled.ids.subscribe(listener),
        session.presence.editors.subscribe(listener),
        session.stores.notes.draftCount.subscribe(listener),
        // A draft's note whose board copy arrived is no longer a draft's.
        session.stores.notes.subscribeChanges(listener),
      ]
      return () => {
        for (const off of offs) off()
      }
    },
    [culled, session],
  )
  // The same array while the keys stay the same (useSyncExternalStore needs that).
  const last = useRef<string[]>([])
  const read = useCallback(() => {
    const next = chromedKeys(board)
    if (!shallowEqualArrays(last.current, next)) last.current = next
    return last.current
  }, [board])
  const keys = useSyncExternalStore(subscribe, read, read)
  return keys.map((key) => {
    const [id, draft] = key.split('|')
    return <ChromeOf key={key} id={id as string} draft={draft === 'draft'} />
  })
}

const ChromeOf = memo(function ChromeOf({ id, draft }: { id: string; draft: boolean }) {
  const { session, ui } = useBoard()
  const note = useNote(session.stores.notes, id)
  const hidden = useStoreSelector(
    ui.drag,
    useCallback((drag) => drag?.ids.has(id) ?? false, [id]),
  )
  const resizing = useStoreSelector(
    ui.resize,
    useCallback((resize) => resize?.id === id, [id]),
  )
  const editingHere = useStoreSelector(
    ui.editingNote,
    useCallback((editing) => editing === id, [id]),
  )
  const editors = useStoreSelector(
    session.presence.editors,
    useCallback((map) => map.get(id), [id]),
  )
  const silent = useStoreSelector(session.stores.session, isSilent)
  const locale = useStore(localeStore)
  // A note being dragged or resized is drawn by the overlay layer instead.
  if (!note || hidden || resizing) return null
  const faceDown = silent && session.rules.visibility(note) === 'face-down'
  return (
    <NoteChrome
      box={note}
      editor={faceDown ? undefined : editors?.[0]}
      showText={!editingHere}
      draftLabel={draftLabelOf(draft, note, locale)}
    />
  )
})

function draftLabelOf(draft: boolean, note: NoteData, locale: ReturnType<typeof localeStore.get>): string | null {
  if (!draft) return null
  return note.heldBack ? translate(locale, `drafts.heldBack.${note.heldBack}`) : translate(locale, 'drafts.noteMark')
}
