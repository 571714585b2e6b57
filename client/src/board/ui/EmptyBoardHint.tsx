import { useCallback, useLayoutEffect, useRef, useState } from 'react'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useTemplateTexts, zoneTitle } from '../../facilitation/phase-text.ts'
import { useBoard } from '../board-context.ts'
import { boardToScreen } from '../view/viewport.ts'
import { touchFirst } from '../../lib/touch-first.ts'
import { hintCenter } from './hint-position.ts'
import { useNewNotesBlocked } from './use-new-notes.ts'

/**
 * First-time help on a board with no notes yet, for those who may write: how to add one. Gone
 * with the first note. Shown only once the board has synced, so that a board whose notes are
 * still on their way never flashes "empty". When the phase opens only some zones, it sits in
 * the open zone new notes go to and names it, never over a closed one; with no zone open to
 * this user, there is nothing to tell.
 */
export function EmptyBoardHint() {
  const board = useBoard()
  const { session } = board
  const empty = useStoreSelector(
    session.stores.notes.order,
    useCallback((ids: readonly string[]) => ids.length === 0, []),
  )
  const blocked = useNewNotesBlocked(board)
  const synced = useStore(session.connection).kind === 'connected'
  if (!empty || blocked !== null || !synced) return null
  return <Hint />
}

/** The hint itself: it follows the camera (mounted only while the board is empty). */
function Hint() {
  const { session, viewport, commands } = useBoard()
  const { t, locale } = useT()
  useTemplateTexts()
  const view = useStore(viewport)
  const size = useStore(viewport.size)
  const meta = useStore(session.stores.meta)
  const [touch] = useState(touchFirst)
  const ref = useRef<HTMLDivElement>(null)
  // Its own size, to keep it on the canvas (hint-position.ts); it changes with the language and
  // the zone's name.
  const [measured, setMeasured] = useState({ width: 0, height: 0 })
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const measure = () => {
      const { offsetWidth: width, offsetHeight: height } = element
      setMeasured((old) => (old.width === width && old.height === height ? old : { width, height }))
    }
    measure()
    const observer = new ResizeObserver(measure)
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  const zone = commands.newNotesZone()
  let style: { left: number; top: number } | undefined
  if (zone) {
    const center = hintCenter(
      boardToScreen(view, zone),
      boardToScreen(view, { x: zone.x + zone.width, y: zone.y + zone.height }),
      measured,
      size,
    )
    style = { left: center.x, top: center.y }
  }
  const title = zone
    ? t(touch ? 'board.emptyHintZoneTouch' : 'board.emptyHintZone', { zone: zoneTitle(zone, meta, locale).text })
    : t(touch ? 'board.emptyHintTouch' : 'board.emptyHint')
  return (
    <div ref={ref} className="empty-board-hint" data-testid="empty-board-hint" role="note" style={style}>
      <strong>{title}</strong>
      <span>{t(touch ? 'board.emptyHintMoreTouch' : 'board.emptyHintMore')}</span>
    </div>
  )
}
