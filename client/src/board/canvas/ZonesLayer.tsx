import type { Context } from 'konva/lib/Context'
import type { Shape as KonvaShape } from 'konva/lib/Shape'
import { memo, useCallback } from 'react'
import { Layer, Shape } from './konva.ts'
import { hiddenWhileEmpty } from './hidden-while-empty.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { currentPhase, isZoneOpen, openZoneIds } from '@shared/facilitation/index.ts'
import { useT } from '../../i18n/use-t.ts'
import { useTemplateTexts, zonePrompt, zoneTitle } from '../../facilitation/phase-text.ts'
import { drawZone, type ZoneAccess, type ZoneLook } from './draw-zone.ts'

const canEditZones = (c: { editZones: boolean }) => c.editZones

/**
 * Zones and frames: titled rectangles with their prompt, under the notes (draw-zone.ts).
 * When the phase opens only some zones, each is marked for everyone: open ones with a green
 * edge and "Open: write here" ("Being written now" for viewers), closed ones greyed with
 * "Closed in this phase".
 */
export function ZonesLayer() {
  const { session, ui } = useBoard()
  const { t, locale } = useT()
  useTemplateTexts()
  const meta = useStore(session.stores.meta)
  const zones = useStore(session.stores.zones)
  const phases = useStore(session.stores.phases)
  const state = useStore(session.stores.session)
  const edit = useStore(ui.zoneEdit)
  const editingTitle = useStore(ui.editingZone)
  const selectedZone = useStore(ui.selectedZone)
  const handles = useStoreSelector(session.capabilities, canEditZones)
  const phase = currentPhase(phases, state)
  // While a vote is open nobody writes anywhere; the vote bar says so, the zones need not.
  const marking = !state.voting.open && openZoneIds(phase) !== 'all'
  return (
    <Layer ref={hiddenWhileEmpty} listening={false}>
      {zones.map((zone) => {
        const access: ZoneAccess = marking ? (isZoneOpen(phase, zone.id) ? 'open' : 'closed') : null
        const rect = edit?.id === zone.id ? edit.rect : zone
        return (
          <ZoneShape
            key={zone.id}
            id={zone.id}
            x={rect.x}
            y={rect.y}
            width={rect.width}
            height={rect.height}
            color={zone.color}
            // A template's title and prompt in the reader's language, unless the facilitator changed them.
            title={zoneTitle(zone, meta, locale).text}
            prompt={zonePrompt(zone, meta, locale).text}
            hideTitle={editingTitle === zone.id}
            handle={handles}
            selected={handles && selectedZone === zone.id}
            access={access}
            accessLabel={
              access === 'open'
                ? // A viewer writes nowhere: the open zone is where the others write now.
                  t(session.role === 'viewer' ? 'facilitation.zone.openViewer' : 'facilitation.zone.open')
                : access === 'closed'
                  ? t('facilitation.zone.closed')
                  : ''
            }
            accessShort={
              access
                ? t(
                    access === 'open'
                      ? session.role === 'viewer'
                        ? 'facilitation.zone.openViewerShort'
                        : 'facilitation.zone.openShort'
                      : 'facilitation.zone.closedShort',
                  )
                : ''
            }
          />
        )
      })}
    </Layer>
  )
}

interface ZoneShapeProps extends ZoneLook {
  id: string
  hideTitle: boolean
  handle: boolean
  selected: boolean
  access: ZoneAccess
  accessLabel: string
  accessShort: string
}

const ZoneShape = memo(function ZoneShape(props: ZoneShapeProps) {
  const {
    id,
    x,
    y,
    width,
    height,
    color,
    title,
    prompt,
    hideTitle,
    handle,
    selected,
    access,
    accessLabel,
    accessShort,
  } = props
  const sceneFunc = useCallback(
    (context: Context, shape: KonvaShape) =>
      drawZone(context._context, { id, x, y, width, height, color, title, prompt }, shape.getAbsoluteScale().x, {
        access,
        accessLabel,
        accessShort,
        selected,
        handle,
        hideTitle,
      }),
    [id, x, y, width, height, color, title, prompt, hideTitle, handle, selected, access, accessLabel, accessShort],
  )
  return <Shape x={x} y={y} sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />
})
