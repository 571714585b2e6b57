import { useEffect, useState } from 'react'
import type { NoteData } from '@shared/board/index.ts'
import { currentPhase, isZoneOpen, openZoneIds } from '@shared/facilitation/index.ts'
import { useTemplateTexts, zoneTitle } from '../../facilitation/phase-text.ts'
import { useT } from '../../i18n/use-t.ts'
import { throttle } from '../../lib/throttle.ts'
import { useStore } from '../../lib/use-store.ts'
import type { BoardContextValue } from '../board-context.ts'
import { ideaBadge } from '../canvas/idea-badge.ts'
import { groupNotesByZone, type NoteGroup } from './group-notes.ts'

/** Notes shown per zone before "Show more": a big board stays quick, and every note is reachable. */
export const NOTES_PAGE = 50

/**
 * "Notes": every note of the board as a list, by zone (its title, and whether it is open in
 * this phase), for screen readers and the keyboard — the canvas itself is a picture. Each
 * note can be shown (selected, the view moved to it), edited, chosen for a group action
 * (promote, spotlight: the checkboxes) and, while a dot vote is open, voted on.
 */
export function NotesPanel({ board, onClose }: { board: BoardContextValue; onClose: () => void }) {
  const { session, ui, commands } = board
  const { t, locale } = useT()
  useTemplateTexts()
  useStore(session.stores.notes.order)
  const zones = useStore(session.stores.zones)
  const meta = useStore(session.stores.meta)
  const phases = useStore(session.stores.phases)
  const state = useStore(session.stores.session)
  const selection = useStore(ui.selection)
  const selectedZone = useStore(ui.selectedZone)
  const can = useStore(session.capabilities)
  // Re-read the texts at most twice a second: the list is for reading, not for animation.
  const [, setVersion] = useState(0)
  useEffect(() => {
    const refresh = throttle(() => setVersion((v) => v + 1), 500)
    const off = session.stores.changes.on(() => refresh.call())
    return () => {
      off()
      refresh.cancel()
    }
  }, [session])

  const phase = currentPhase(phases, state)
  const restricted = openZoneIds(phase) !== 'all'
  const voting = state.voting.open && !state.locked && session.role !== 'viewer'
  const groups = groupNotesByZone(session.stores.notes.values(), zones)
  const total = groups.reduce((sum, group) => sum + group.notes.length, 0)

  const labelOf = (note: NoteData): string => {
    if (session.rules.visibility(note) === 'face-down') return t('note.faceDown')
    const item = t('notes.item', { text: note.text || t('notes.empty'), author: note.authorName })
    const badge = ideaBadge(note, locale)
    return badge ? t('ideas.noteBadge', { item, badge }) : item
  }

  return (
    <div className="notes-panel" data-testid="notes-panel">
      <div className="panel-head">
        <h2>{t('notesPanel.title')}</h2>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <p className="hint" data-testid="notes-count">
        {t('notesPanel.count', { count: total, selected: selection.size })}
      </p>
      {selection.size > 0 && (
        <button type="button" onClick={() => ui.clearSelection()}>
          {t('notesPanel.clearSelection')}
        </button>
      )}
      {groups.map((group) => (
        <ZoneGroup
          key={group.zone?.id ?? ''}
          group={group}
          board={board}
          title={group.zone ? zoneTitle(group.zone, meta, locale).text || group.zone.kind : t('notesPanel.noZone')}
          stateText={
            group.zone && restricted
              ? isZoneOpen(phase, group.zone.id)
                ? t('notesPanel.zoneOpen')
                : t('notesPanel.zoneClosed')
              : null
          }
          zoneSelected={group.zone !== null && selectedZone === group.zone.id}
          canEditZones={can.editZones}
          voting={voting}
          labelOf={labelOf}
          selection={selection}
          onShow={(id) => commands.goToNote(id)}
        />
      ))}
    </div>
  )
}

function ZoneGroup({
  group,
  board,
  title,
  stateText,
  zoneSelected,
  canEditZones,
  voting,
  labelOf,
  selection,
  onShow,
}: {
  group: NoteGroup
  board: BoardContextValue
  title: string
  stateText: string | null
  zoneSelected: boolean
  canEditZones: boolean
  voting: boolean
  labelOf: (note: NoteData) => string
  selection: ReadonlySet<string>
  onShow: (id: string) => void
}) {
  const { t } = useT()
  const { session, ui, commands } = board
  const [shown, setShown] = useState(NOTES_PAGE)
  const headingId = `notes-zone-${group.zone?.id ?? 'none'}`
  const own = session.identity.id
  return (
    <section aria-labelledby={headingId} data-testid="notes-zone" data-zone={group.zone?.id ?? ''}>
      <h3 id={headingId}>
        {title}
        {stateText && <span className="zone-state"> — {stateText}</span>}{' '}
        <span className="zone-state">({t('notesPanel.zoneCount', { count: group.notes.length })})</span>
      </h3>
      {group.zone && canEditZones && (
        <button
          type="button"
          aria-pressed={zoneSelected}
          onClick={() => {
            if (!group.zone) return
            commands.selectZone(group.zone.id)
          }}
          data-testid="select-zone"
        >
          {t('notesPanel.selectZone', { title })}
        </button>
      )}
      {group.notes.length > 0 && (
        <ul>
          {group.notes.slice(0, shown).map((note) => {
            const label = labelOf(note)
            return (
              <li key={note.id} data-testid="notes-entry" data-note={note.id}>
                <input
                  type="checkbox"
                  checked={selection.has(note.id)}
                  onChange={() => ui.toggle(note.id)}
                  aria-label={t('notesPanel.choose', { text: label })}
                />
                <button type="button" className="note-entry" onClick={() => onShow(note.id)}>
                  {label}
                </button>
                {session.role !== 'viewer' && (
                  <button
                    type="button"
                    onClick={() => commands.editNote(note.id)}
                    aria-label={t('notesPanel.editNamed', { text: label })}
                  >
                    {t('notesPanel.edit')}
                  </button>
                )}
                {voting && (
                  <>
                    <button type="button" onClick={() => commands.vote(note.id, 1)}>
                      {t('facilitation.vote.giveTo', { text: label })}
                    </button>
                    {(note.votes[own] ?? 0) > 0 && (
                      <button type="button" onClick={() => commands.vote(note.id, -1)}>
                        {t('facilitation.vote.takeFrom', { text: label })}
                      </button>
                    )}
                  </>
                )}
              </li>
            )
          })}
        </ul>
      )}
      {group.notes.length > shown && (
        <button type="button" onClick={() => setShown(shown + NOTES_PAGE)} data-testid="notes-more">
          {t('notesPanel.more', {
            count: Math.min(NOTES_PAGE, group.notes.length - shown),
            left: group.notes.length - shown,
          })}
        </button>
      )}
    </section>
  )
}
