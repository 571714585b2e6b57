import { memo, useCallback, useMemo } from 'react'
import { voteTotalsVisible } from '@shared/facilitation/index.ts'
import type { VoteResult } from '../data/vote-tally.ts'
import type { NoteData, SessionState } from '@shared/board/index.ts'
import { Layer } from './konva.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { useNote } from '../use-board-data.ts'
import { OVERVIEW_SCALE } from '../view/layout.ts'
import type { Viewport } from '../view/viewport.ts'
import { NoteCard } from './NoteCard.tsx'
import { lookOf } from './note-look.ts'
import { localeStore, translate } from '../../i18n/index.ts'
import { OverviewNotes } from './OverviewNotes.tsx'

const detailedAt = (viewport: Viewport) => viewport.scale >= OVERVIEW_SCALE
const isSilent = (session: { silent: boolean }) => session.silent
const isVoting = (session: Pick<SessionState, 'voting'>) => !voteTotalsVisible(session)
const colorOf = (identity: { color: string }) => identity.color

/**
 * The notes in (and near) the view, drawn two ways alike. Close up, each NoteShape
 * subscribes to its own note, so a remote change re-renders one component, and the list
 * re-renders only when culling changes it. Far out, one overview shape draws them all.
 */
export function NotesLayer() {
  const { viewport } = useBoard()
  const detailed = useStoreSelector(viewport, detailedAt)
  return <Layer listening={false}>{detailed ? <DetailedNotes /> : <OverviewNotes />}</Layer>
}

/** Close up: a component per note in (and near) the view. */
function DetailedNotes() {
  const { culled } = useBoard()
  const ids = useStore(culled.ids)
  return ids.map((id) => <NoteShape key={id} id={id} />)
}

const NoteShape = memo(function NoteShape({ id }: { id: string }) {
  const { session, ui, identity } = useBoard()
  const note = useNote(session.stores.notes, id)
  const moving = useStoreSelector(
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
  const voting = useStoreSelector(session.stores.session, isVoting)
  const result = useStoreSelector(
    session.votes.results,
    useCallback((results: ReadonlyMap<string, VoteResult>) => results.get(id), [id]),
  )
  const myColor = useStoreSelector(identity, colorOf)
  const locale = useStore(localeStore)
  const look = useMemo(
    () =>
      note &&
      lookOf(
        note,
        {
          faceDown: (shown: NoteData) => silent && session.rules.visibility(shown) === 'face-down',
          voting,
          result: () => result,
          me: { id: session.identity.id, color: myColor },
          locale,
        },
        editors?.[0],
      ),
    [note, silent, voting, result, myColor, locale, editors, session],
  )
  // A note being dragged or resized is drawn by the overlay layer instead.
  if (!look || moving || resizing) return null
  const draft = session.stores.notes.isDraft(id)
  return (
    <NoteCard
      look={look}
      showText={!editingHere}
      editors={editors}
      draftLabel={
        !draft
          ? null
          : note?.heldBack
            ? translate(locale, `drafts.heldBack.${note.heldBack}`)
            : translate(locale, 'drafts.noteMark')
      }
    />
  )
})
