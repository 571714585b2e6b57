import { memo } from 'react'
import { Group, Layer, Line, Rect, Text } from 'react-konva'
import type { ZoneData } from '@shared/board/index.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { FONT_FAMILY, ZONE_PADDING, ZONE_PROMPT_FONT, ZONE_TITLE_FONT, ZONE_TITLE_HEIGHT } from '../view/layout.ts'
import type { Rect as Box } from '../view/geometry.ts'
import { currentPhase, isZoneOpen, openZoneIds } from '@shared/facilitation/index.ts'
import { useT } from '../../i18n/use-t.ts'
import { zonePrompt, zoneTitle } from '../../facilitation/phase-text.ts'
import { measureUnit } from './measure.ts'

const canEditZones = (c: { editZones: boolean }) => c.editZones

/** Whether participants may write in a zone in this phase; null when the phase does not say. */
type ZoneAccess = 'open' | 'closed' | null

/** A selected zone's edge (the note selection's blue). */
const SELECTED_STROKE = '#2563eb'
const ACCESS_FONT = 15
const ACCESS_HEIGHT = 26
const ACCESS_STYLE = {
  open: { fill: '#15803d', text: '#ffffff', border: '#16a34a' },
  closed: { fill: 'rgba(68,64,60,0.82)', text: '#ffffff', border: 'rgba(0,0,0,0.18)' },
} as const

/**
 * Zones and frames: titled rectangles with their prompt, under the notes. When the phase
 * opens only some zones, each is marked for everyone: open ones with a green edge and
 * "Open: write here" ("Being written now" for viewers), closed ones greyed with "Closed in
 * this phase".
 */
export function ZonesLayer() {
  const { session, ui } = useBoard()
  const { t, locale } = useT()
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
    <Layer listening={false}>
      {zones.map((zone) => {
        const access: ZoneAccess = marking ? (isZoneOpen(phase, zone.id) ? 'open' : 'closed') : null
        return (
          <ZoneShape
            key={zone.id}
            zone={zone}
            // A template's title and prompt in the reader's language, unless the facilitator changed them.
            title={zoneTitle(zone, meta, locale).text}
            prompt={zonePrompt(zone, meta, locale).text}
            rect={edit?.id === zone.id ? edit.rect : zone}
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
          />
        )
      })}
    </Layer>
  )
}

const ZoneShape = memo(function ZoneShape({
  zone,
  title,
  prompt,
  rect,
  hideTitle,
  handle,
  selected,
  access,
  accessLabel,
}: {
  zone: ZoneData
  title: string
  prompt: string
  rect: Box
  hideTitle: boolean
  handle: boolean
  selected: boolean
  access: ZoneAccess
  accessLabel: string
}) {
  const labelWidth = access ? Math.ceil(measureUnit(accessLabel) * ACCESS_FONT) + 20 : 0
  const showLabel = access !== null && labelWidth + 2 * ZONE_PADDING < rect.width
  const textWidth = Math.max(10, rect.width - 2 * ZONE_PADDING - (showLabel ? labelWidth + ZONE_PADDING : 0))
  const style = access ? ACCESS_STYLE[access] : null
  return (
    <Group x={rect.x} y={rect.y} listening={false}>
      <Rect
        width={rect.width}
        height={rect.height}
        fill={zone.color}
        stroke={selected ? SELECTED_STROKE : (style?.border ?? 'rgba(0,0,0,0.18)')}
        strokeWidth={selected ? 4 : access === 'open' ? 5 : 2}
        dash={selected ? [12, 6] : undefined}
        cornerRadius={10}
        perfectDrawEnabled={false}
      />
      {access === 'closed' && (
        <Rect
          width={rect.width}
          height={rect.height}
          fill="rgba(120,113,108,0.30)"
          cornerRadius={10}
          perfectDrawEnabled={false}
        />
      )}
      {showLabel && style && (
        <Group x={rect.width - ZONE_PADDING - labelWidth} y={(ZONE_TITLE_HEIGHT - ACCESS_HEIGHT) / 2 + 2}>
          <Rect
            width={labelWidth}
            height={ACCESS_HEIGHT}
            fill={style.fill}
            cornerRadius={ACCESS_HEIGHT / 2}
            perfectDrawEnabled={false}
          />
          <Text
            x={10}
            y={(ACCESS_HEIGHT - ACCESS_FONT) / 2 + 1}
            text={accessLabel}
            fontSize={ACCESS_FONT}
            fontFamily={FONT_FAMILY}
            fill={style.text}
            wrap="none"
          />
        </Group>
      )}
      {!hideTitle && (
        <Text
          x={ZONE_PADDING}
          y={(ZONE_TITLE_HEIGHT - ZONE_TITLE_FONT) / 2 + 2}
          width={textWidth}
          text={title}
          fontSize={ZONE_TITLE_FONT}
          fontStyle="bold"
          fontFamily={FONT_FAMILY}
          fill="#27272a"
          wrap="none"
          ellipsis
        />
      )}
      {prompt && (
        <Text
          x={ZONE_PADDING}
          y={ZONE_TITLE_HEIGHT}
          width={textWidth}
          text={prompt}
          fontSize={ZONE_PROMPT_FONT}
          fontFamily={FONT_FAMILY}
          fill="#52525b"
          wrap="word"
        />
      )}
      {handle && (
        <Line
          points={[
            rect.width - 22,
            rect.height - 6,
            rect.width - 6,
            rect.height - 22,
            rect.width - 14,
            rect.height - 6,
            rect.width - 6,
            rect.height - 14,
          ]}
          stroke="rgba(0,0,0,0.35)"
          strokeWidth={2}
        />
      )}
    </Group>
  )
})
