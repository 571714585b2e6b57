import type { BoardContextValue } from '../board/board-context.ts'
import { useNote } from '../board/use-board-data.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { useTemplateTexts, zoneTitle } from './phase-text.ts'

const SNIPPET_CHARS = 60

/**
 * Names what the facilitator spotlit (the canvas dims everything else around it). The
 * facilitator ends the spotlight for everyone; anyone else may hide it on their own screen.
 */
export function SpotlightChip({ board }: { board: BoardContextValue }) {
  const active = useStore(board.spotlight.active)
  if (!active) return null
  return <Chip board={board} kind={active.kind} id={active.id} />
}

function Chip({ board, kind, id }: { board: BoardContextValue; kind: 'note' | 'zone'; id: string }) {
  const { t, locale } = useT()
  useTemplateTexts()
  const { session } = board
  const note = useNote(session.stores.notes, kind === 'note' ? id : '')
  const zones = useStore(session.stores.zones)
  const meta = useStore(session.stores.meta)
  useStore(session.stores.session) // silent mode decides whether the text may be shown
  let label: string
  if (kind === 'zone') {
    const zone = zones.find((candidate) => candidate.id === id)
    label = t('facilitation.spotlight.zone', { title: zone ? zoneTitle(zone, meta, locale).text : '' })
  } else {
    const visible = note && session.rules.visibility(note) === 'visible'
    const text = visible ? note.text.trim().replace(/\s+/g, ' ') : t('facilitation.spotlight.faceDown')
    label = t('facilitation.spotlight.note', {
      text: text.length > SNIPPET_CHARS ? `${text.slice(0, SNIPPET_CHARS)}…` : text || t('notes.empty'),
    })
  }
  return (
    <div className="canvas-chip spotlight-chip" role="status" data-testid="spotlight-chip">
      <span aria-hidden="true">★</span>
      <span>{label}</span>
      {session.role === 'facilitator' ? (
        <button type="button" onClick={() => session.controls.spotlight(null)}>
          {t('facilitation.spotlight.end')}
        </button>
      ) : (
        <button type="button" onClick={() => board.spotlight.hide()}>
          {t('facilitation.spotlight.hide')}
        </button>
      )}
    </div>
  )
}
