import { memo } from 'react'
import { Group, Layer, Line, Rect, Text } from 'react-konva'
import type { ZoneData } from '../../../../shared/board/index.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { FONT_FAMILY, ZONE_PADDING, ZONE_PROMPT_FONT, ZONE_TITLE_FONT, ZONE_TITLE_HEIGHT } from '../view/layout.ts'
import type { Rect as Box } from '../view/geometry.ts'

const canEditZones = (c: { editZones: boolean }) => c.editZones

/** Zones and frames: titled rectangles with their prompt, under the notes. */
export function ZonesLayer() {
  const { session, ui } = useBoard()
  const zones = useStore(session.stores.zones)
  const edit = useStore(ui.zoneEdit)
  const editingTitle = useStore(ui.editingZone)
  const handles = useStoreSelector(session.capabilities, canEditZones)
  return (
    <Layer listening={false}>
      {zones.map((zone) => (
        <ZoneShape
          key={zone.id}
          zone={zone}
          rect={edit?.id === zone.id ? edit.rect : zone}
          hideTitle={editingTitle === zone.id}
          handle={handles}
        />
      ))}
    </Layer>
  )
}

const ZoneShape = memo(function ZoneShape({ zone, rect, hideTitle, handle }: { zone: ZoneData; rect: Box; hideTitle: boolean; handle: boolean }) {
  const textWidth = Math.max(10, rect.width - 2 * ZONE_PADDING)
  return (
    <Group x={rect.x} y={rect.y} listening={false}>
      <Rect width={rect.width} height={rect.height} fill={zone.color} stroke="rgba(0,0,0,0.18)" strokeWidth={2} cornerRadius={10} perfectDrawEnabled={false} />
      {!hideTitle && (
        <Text
          x={ZONE_PADDING}
          y={(ZONE_TITLE_HEIGHT - ZONE_TITLE_FONT) / 2 + 2}
          width={textWidth}
          text={zone.title}
          fontSize={ZONE_TITLE_FONT}
          fontStyle="bold"
          fontFamily={FONT_FAMILY}
          fill="#27272a"
          wrap="none"
          ellipsis
        />
      )}
      {zone.prompt && (
        <Text
          x={ZONE_PADDING}
          y={ZONE_TITLE_HEIGHT}
          width={textWidth}
          text={zone.prompt}
          fontSize={ZONE_PROMPT_FONT}
          fontFamily={FONT_FAMILY}
          fill="#52525b"
          wrap="word"
        />
      )}
      {handle && (
        <Line
          points={[rect.width - 22, rect.height - 6, rect.width - 6, rect.height - 22, rect.width - 14, rect.height - 6, rect.width - 6, rect.height - 14]}
          stroke="rgba(0,0,0,0.35)"
          strokeWidth={2}
        />
      )}
    </Group>
  )
})
