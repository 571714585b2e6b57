import { memo, useCallback, useMemo } from 'react'
import { voteTotalsVisible } from '@shared/facilitation/index.ts'
import type { VoteResult } from '../data/vote-tally.ts'
import type { SessionState } from '@shared/board/index.ts'
import { Layer } from 'react-konva'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { useNote } from '../use-board-data.ts'
import { TEXT_MIN_SCALE } from '../view/layout.ts'
import type { Viewport } from '../view/viewport.ts'
import { NoteCard } from './NoteCard.tsx'
import { ideaBadge } from './idea-badge.ts'
import { localeStore, translate } from '../../i18n/index.ts'
import { OverviewNotes } from './OverviewNotes.tsx'

const showTextAt = (viewport: Viewport) => viewport.scale >= TEXT_MIN_SCALE
const isSilent = (session: { silent: boolean }) => session.silent
const isVoting = (session: Pick<SessionState, 'voting'>) => !voteTotalsVisible(session)
const colorOf = (identity: { color: string }) => identity.color

/**
 * The notes in (and near) the view, at two levels of detail. Close up, each NoteShape
 * subscribes to its own note, so a remote change re-renders one component, and the list
 * re-renders only when culling changes it. Far out, one overview shape draws them all.
 */
export function NotesLayer() {
  const { viewport } = useBoard()
  const detailed = useStoreSelector(viewport, showTextAt)
  return <Layer listening={false}>{detailed ? <DetailedNotes /> : <OverviewNotes />}</Layer>
}

/** Close up: a component per note in (and near) the view. */
function DetailedNotes() {
  const { culled } = useBoard()
  const ids = useStore(culled.ids)
  return ids.map((id) => <NoteShape key={id} id={id} showText />)
}

const NoteShape = memo(function NoteShape({ id, showText }: { id: string; showText: boolean }) {
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
  const myCount = note && voting ? (note.votes[session.identity.id] ?? 0) : 0
  const myDots = useMemo(() => (myCount > 0 ? { count: myCount, color: myColor } : null), [myCount, myColor])
  // A note being dragged or resized is drawn by the overlay layer instead.
  if (!note || moving || resizing) return null
  const faceDown = silent && session.rules.visibility(note) === 'face-down'
  const draft = session.stores.notes.isDraft(id)
  return (
    <NoteCard
      x={note.x}
      y={note.y}
      width={note.width}
      height={note.height}
      color={note.color}
      text={note.text}
      showText={showText && !editingHere}
      faceDown={faceDown}
      editors={faceDown ? undefined : editors}
      badge={ideaBadge(note, locale)}
      myDots={myDots}
      // Totals only once the round is closed (voteTotalsVisible): nobody follows the crowd.
      result={voting ? null : (result ?? null)}
      draftLabel={
        !draft
          ? null
          : note.heldBack
            ? translate(locale, `drafts.heldBack.${note.heldBack}`)
            : translate(locale, 'drafts.noteMark')
      }
    />
  )
})
