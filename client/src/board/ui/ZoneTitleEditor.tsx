import { useLayoutEffect, useRef } from 'react'
import { TITLE_MAX_CHARS } from '@shared/board/index.ts'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { ZONE_PADDING } from '../view/layout.ts'
import { zoneTitleAt } from '../view/level-of-detail.ts'
import { boardToScreen } from '../view/viewport.ts'

/** Facilitators rename a zone or frame in place: Enter or leaving saves, Escape cancels. */
export function ZoneTitleEditor() {
  const { session, ui, viewport, commands } = useBoard()
  const { t } = useT()
  const editing = useStore(ui.editingZone)
  const zones = useStore(session.stores.zones)
  const view = useStore(viewport)
  const input = useRef<HTMLInputElement>(null)
  const zone = zones.find((z) => z.id === editing)

  useLayoutEffect(() => {
    if (!zone || !input.current) return
    input.current.value = zone.title
    input.current.focus()
    input.current.select()
    // Only when a new zone starts being edited, not on every remote change of it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zone?.id])

  if (!zone) return null
  const topLeft = boardToScreen(view, zone)
  // As large as the title drawn under it (which grows when zoomed out).
  const title = zoneTitleAt(zone.height, view.scale)
  const save = () => {
    if (input.current) commands.renameZone(zone.id, input.current.value)
    ui.editingZone.set(null)
  }
  return (
    <input
      ref={input}
      className="zone-title-editor"
      aria-label={t('zone.titleLabel')}
      maxLength={TITLE_MAX_CHARS}
      style={{
        left: topLeft.x,
        top: topLeft.y,
        width: zone.width,
        height: title.band,
        transform: `scale(${view.scale})`,
        fontSize: title.fontSize,
        paddingLeft: ZONE_PADDING,
      }}
      onKeyDown={(event) => {
        event.stopPropagation()
        if (event.key === 'Enter') save()
        else if (event.key === 'Escape') ui.editingZone.set(null)
      }}
      onBlur={save}
    />
  )
}
