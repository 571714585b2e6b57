import { useCallback, type KeyboardEvent } from 'react'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { selectionActions } from '../extensions.ts'
import { NOTE_COLORS } from '../view/colors.ts'
import type { Viewport } from '../view/viewport.ts'
import { REFUSAL_MESSAGES } from './Toasts.tsx'
import { useNewNotesBlocked } from './use-new-notes.ts'

const percentOf = (viewport: Viewport) => Math.round(viewport.scale * 100)

/**
 * The board's actions as a labelled toolbar: every one reachable with Tab and announced to
 * screen readers; those the role cannot use are not shown.
 */
export function Toolbar() {
  const board = useBoard()
  const { session, ui, viewport, commands, find } = board
  const { t } = useT()
  const can = useStore(session.capabilities)
  const undo = useStore(session.undo.state)
  const color = useStore(ui.noteColor)
  const selectedZone = useStore(ui.selectedZone)
  const selected = useStoreSelector(
    ui.selection,
    useCallback((s: ReadonlySet<string>) => s.size, []),
  )
  const zoom = useStoreSelector(viewport, percentOf)
  const selection = ui.selection.get()
  const actions = selectionActions.filter((action) => action.isAvailable({ board, selection }))
  const blocked = useNewNotesBlocked(board)

  return (
    <div className="toolbar" role="toolbar" aria-label={t('toolbar.label')}>
      {can.editNotes && (
        <>
          <button
            type="button"
            onClick={() => commands.createNoteInView()}
            disabled={blocked !== null}
            aria-describedby={blocked ? 'new-note-blocked' : undefined}
            aria-keyshortcuts="N"
            title={blocked ? t(REFUSAL_MESSAGES[blocked]) : `${t('toolbar.addNote')} (N)`}
            data-testid="add-note"
          >
            <span aria-hidden="true">+</span> {t('toolbar.addNote')}
          </button>
          {blocked && (
            <span id="new-note-blocked" className="toolbar-reason" data-testid="new-note-blocked">
              {t(REFUSAL_MESSAGES[blocked])}
            </span>
          )}
          <ColorRadios value={color} onChange={(value) => commands.setColor(value)} />
          <button
            type="button"
            disabled={selected === 0 || blocked !== null}
            onClick={() => commands.duplicateSelection()}
            aria-keyshortcuts="Control+D"
            title={`${t('toolbar.duplicate')} (Ctrl+D)`}
          >
            {t('toolbar.duplicate')}
          </button>
          <button
            type="button"
            disabled={selected === 0}
            onClick={() => commands.deleteSelection()}
            aria-keyshortcuts="Delete"
            title={`${t('toolbar.delete')} (Delete)`}
          >
            {t('toolbar.delete')}
          </button>
          <span className="toolbar-sep" aria-hidden="true" />
          <button
            type="button"
            disabled={!undo.canUndo}
            onClick={() => commands.undo()}
            aria-keyshortcuts="Control+Z"
            aria-label={t('toolbar.undo')}
            title={`${t('toolbar.undo')} (Ctrl+Z)`}
          >
            ↶
          </button>
          <button
            type="button"
            disabled={!undo.canRedo}
            onClick={() => commands.redo()}
            aria-keyshortcuts="Control+Shift+Z"
            aria-label={t('toolbar.redo')}
            title={`${t('toolbar.redo')} (Ctrl+Shift+Z)`}
          >
            ↷
          </button>
        </>
      )}
      {can.editZones && (
        <button type="button" onClick={() => commands.addFrame(t('zone.newFrame'))}>
          {t('toolbar.addFrame')}
        </button>
      )}
      {can.editZones && selectedZone !== null && (
        <button
          type="button"
          onClick={() => commands.requestDeleteZone(selectedZone)}
          aria-keyshortcuts="Delete"
          title={`${t('toolbar.deleteZone')} (Delete)`}
          data-testid="delete-zone"
        >
          {t('toolbar.deleteZone')}
        </button>
      )}
      {actions.map((action) => (
        <button
          key={action.id}
          type="button"
          disabled={selected === 0}
          onClick={() => action.run({ board, selection: ui.selection.get() })}
        >
          {t(action.label)}
        </button>
      ))}
      {(can.editNotes || can.editZones || actions.length > 0) && <span className="toolbar-sep" aria-hidden="true" />}
      <button
        type="button"
        onClick={() => commands.zoomOut()}
        aria-label={t('toolbar.zoomOut')}
        title={`${t('toolbar.zoomOut')} (−)`}
      >
        −
      </button>
      <button
        type="button"
        onClick={() => commands.zoomReset()}
        aria-label={t('toolbar.zoomReset', { percent: zoom })}
        title={t('toolbar.zoomResetHint')}
        className="zoom-level"
      >
        {zoom} %
      </button>
      <button
        type="button"
        onClick={() => commands.zoomIn()}
        aria-label={t('toolbar.zoomIn')}
        title={`${t('toolbar.zoomIn')} (+)`}
      >
        +
      </button>
      <button
        type="button"
        onClick={() => commands.zoomToFit()}
        aria-keyshortcuts="1"
        title={`${t('toolbar.fit')} (1)`}
      >
        {t('toolbar.fit')}
      </button>
      <button
        type="button"
        onClick={() => {
          find.open()
          find.focus()
        }}
        aria-keyshortcuts="Control+F"
        title={`${t('toolbar.find')} (Ctrl+F)`}
      >
        {t('toolbar.find')}
      </button>
      <span className="toolbar-sep" aria-hidden="true" />
      <button
        type="button"
        onClick={() => ui.shortcutsOpen.set(true)}
        aria-keyshortcuts="?"
        aria-label={t('toolbar.shortcuts')}
        title={`${t('toolbar.shortcuts')} (?)`}
      >
        ?
      </button>
    </div>
  )
}

/**
 * The note colours as one radio group: one tab stop (the chosen colour), the arrow keys move
 * the choice and the focus, as in any radio group.
 */
function ColorRadios({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const { t } = useT()
  const index = Math.max(
    0,
    NOTE_COLORS.findIndex((option) => option.value === value),
  )
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step =
      event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? 1
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? -1
          : 0
    const target =
      event.key === 'Home' ? 0 : event.key === 'End' ? NOTE_COLORS.length - 1 : step !== 0 ? index + step : null
    if (target === null) return
    event.preventDefault()
    const next = (target + NOTE_COLORS.length) % NOTE_COLORS.length
    onChange(NOTE_COLORS[next]!.value)
    const buttons = event.currentTarget.querySelectorAll<HTMLElement>('[role="radio"]')
    buttons[next]?.focus()
  }
  return (
    <div className="swatches" role="radiogroup" aria-label={t('toolbar.color')} onKeyDown={onKeyDown}>
      {NOTE_COLORS.map((option, i) => (
        <button
          key={option.value}
          type="button"
          role="radio"
          aria-checked={i === index}
          tabIndex={i === index ? 0 : -1}
          aria-label={t(option.label)}
          title={t(option.label)}
          className="swatch"
          style={{ background: option.value }}
          onClick={() => onChange(option.value)}
        />
      ))}
    </div>
  )
}
