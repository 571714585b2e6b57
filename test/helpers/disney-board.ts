import type { BoardCreated } from '@shared/api/boards.ts'
import { countNotes, createNote, listZones, updateZone, type ZoneData } from '@shared/board/index.ts'
import { connectClient, type TestClient } from './clients.ts'
import { eventually } from './poll.ts'
import type { TestServer } from './server.ts'

/** Ideas a city's workshop might write, short and long, in English (an OCR test reads them back). */
export const IDEAS = [
  'Library open on Sundays',
  'Free wifi in every park',
  'Book returns at metro stations',
  'Repair cafe in the community centre every second Saturday',
  'Night buses on weekdays',
  'Sports hall hours for youth clubs',
  'Digital help desk for seniors at the library',
  'Quiet study rooms',
  'Bike racks at every school',
  'A shared tools library where anyone can borrow a drill',
  'Summer jobs for teenagers',
  'Benches along the shore path',
]

/** The share of a board's notes each Disney zone gets (the rest goes to the Dreamer). */
const SHARES: Readonly<Record<string, number>> = { focus: 0.01, realist: 0.3, critic: 0.2, questions: 0.09 }
const NOTE_SIZE = 150
const STEP = 160
/** Room for a zone's title and prompt above its notes. */
const HEAD = 110
const GAP = 40

export interface DisneyBoard {
  board: BoardCreated
  facilitator: TestClient
  noteIds: string[]
  zones: ZoneData[]
}

function countsFor(zones: readonly ZoneData[], total: number): Map<string, number> {
  const counts = new Map<string, number>()
  let rest = total
  for (const zone of zones) {
    const share = SHARES[zone.id]
    if (share === undefined) continue
    const count = Math.min(rest, Math.max(1, Math.round(total * share)))
    counts.set(zone.id, count)
    rest -= count
  }
  counts.set('dreamer', (counts.get('dreamer') ?? 0) + rest)
  return counts
}

/**
 * Zones grown to hold their notes, in the Disney layout: the goal across the top, Dreamer,
 * Realist and Critic side by side, the Critic's questions across the bottom. Zones keep at
 * least the template's size.
 */
function grownZones(zones: readonly ZoneData[], counts: ReadonlyMap<string, number>): Map<string, ZoneData> {
  const byId = new Map(zones.map((zone) => [zone.id, { ...zone }]))
  const roles = ['dreamer', 'realist', 'critic'].map((id) => byId.get(id)).filter((zone) => zone !== undefined)
  let x = 0
  let rolesHeight = 0
  for (const zone of roles) {
    const count = counts.get(zone.id) ?? 0
    const columns = Math.max(3, Math.ceil(Math.sqrt(count)))
    const rows = Math.ceil(count / columns)
    zone.x = x
    zone.width = Math.max(zone.width, 20 + columns * STEP - 10)
    zone.height = Math.max(zone.height, HEAD + rows * STEP)
    x += zone.width + GAP
    rolesHeight = Math.max(rolesHeight, zone.height)
  }
  const width = x - GAP
  let y = 0
  for (const id of ['focus', 'roles', 'questions']) {
    if (id === 'roles') {
      for (const zone of roles) zone.y = y
      y += rolesHeight + GAP
      continue
    }
    const zone = byId.get(id)
    if (!zone) continue
    const count = counts.get(id) ?? 0
    const columns = Math.max(1, Math.floor((width - 10) / STEP))
    zone.x = 0
    zone.y = y
    zone.width = width
    zone.height = Math.max(zone.height, HEAD + Math.ceil(count / columns) * STEP)
    y += zone.height + GAP
  }
  return byId
}

/**
 * A board made from the Disney template with `total` notes written into its zones by a real
 * y-websocket client connected as facilitator, in a grid per zone. With `grow`, zones grow
 * to hold their notes (a facilitator's board after a busy workshop); without it, each zone
 * keeps the template's size and gets no more notes than it holds (three by three). Resolves
 * once the server has every note.
 */
export async function disneyBoard(
  server: TestServer,
  total: number,
  { grow = false, title = 'Library week' }: { grow?: boolean; title?: string } = {},
): Promise<DisneyBoard> {
  const board = await server.createBoard(title, 'disney')
  const facilitator = connectClient(server.syncUrl, board.id, board.tokens.facilitator)
  await facilitator.synced()
  const doc = facilitator.doc
  const template = listZones(doc)
  const counts = countsFor(template, total)
  const zones = grow ? grownZones(template, counts) : new Map(template.map((zone) => [zone.id, zone]))
  const noteIds: string[] = []
  let written = 0
  doc.transact(() => {
    for (const zone of zones.values()) {
      if (grow) updateZone(doc, zone.id, { x: zone.x, y: zone.y, width: zone.width, height: zone.height })
      const columns = Math.max(1, Math.floor((zone.width - 10) / STEP))
      const capacity = grow ? Infinity : columns * Math.max(1, Math.floor((zone.height - HEAD) / STEP))
      const count = Math.min(counts.get(zone.id) ?? 0, capacity)
      for (let i = 0; i < count; i++) {
        const text = IDEAS[written % IDEAS.length] as string
        written++
        noteIds.push(
          createNote(doc, {
            text,
            x: zone.x + 10 + (i % columns) * STEP,
            y: zone.y + HEAD + Math.floor(i / columns) * STEP,
            width: NOTE_SIZE,
            height: NOTE_SIZE,
            color: '#fde68a',
            zone: zone.id,
            authorId: `p${i % 7}`,
            authorName: 'Aino',
            createdAt: 1_700_000_000_000 + written,
          }),
        )
      }
    }
  })
  // Another client proves the server has every note.
  const check = connectClient(server.syncUrl, board.id, board.tokens.viewer)
  try {
    await check.synced()
    await eventually(() => countNotes(check.doc) === noteIds.length, { timeoutMs: 30_000 })
  } finally {
    check.destroy()
  }
  return { board, facilitator, noteIds, zones: listZones(doc) }
}
