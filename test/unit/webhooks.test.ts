import { describe, expect, it } from 'vitest'
import type { WebhookPayload } from '@shared/api/webhooks.ts'
import { layoutImportedNotes } from '@shared/board/import-layout.ts'
import type { ZoneData } from '@shared/board/schema.ts'
import { parseCsv, parsePlain } from '../../server/boards/import/parse.ts'
import { parseReceivers } from '../../server/webhooks/receivers.ts'
import { chatText, renderBody } from '../../server/webhooks/render.ts'
import { DEFAULT_RETRY_SCHEDULE, nextAttemptAt } from '../../server/webhooks/schedule.ts'

const payload: WebhookPayload = {
  event: 'idea.status_changed',
  eventId: 'e1',
  occurredAt: '2026-12-03T10:00:00.000Z',
  idea: {
    id: 'abc123',
    ref: 'KT-2026-0042',
    title: 'Lainat kotiin',
    status: 'evaluating',
    department: null,
    tags: [],
    votes: 3,
    url: '/ideas/abc123',
    source: { boardId: 'b1', boardTitle: 'Kevät', method: 'disney' },
  },
  change: { kind: 'status', from: 'screening', to: 'evaluating', comment: 'Hyvä', by: { role: 'hub' } },
}

describe('the retry schedule', () => {
  it('doubles the delay up to its cap, jitters it down by at most the jitter, and gives up at the deadline', () => {
    const schedule = DEFAULT_RETRY_SCHEDULE
    const day = schedule.maxAgeMs
    expect(nextAttemptAt(schedule, 1, day, 0, () => 0)).toBe(10_000)
    expect(nextAttemptAt(schedule, 3, day, 0, () => 0)).toBe(40_000)
    expect(nextAttemptAt(schedule, 3, day, 0, () => 1)).toBe(28_000)
    expect(nextAttemptAt(schedule, 30, day, 0, () => 0)).toBe(schedule.maxDelayMs)
    expect(nextAttemptAt(schedule, 30, day, day - 1000, () => 0)).toBeNull()
    // A day of failures is about 30 attempts: the schedule's cost to a receiver that is down.
    let attempts = 0
    for (let next: number | null = 0; next !== null; attempts++) {
      next = nextAttemptAt(schedule, attempts + 1, day, next, () => 0.5)
    }
    expect(attempts).toBeGreaterThan(20)
    expect(attempts).toBeLessThan(40)
  })
})

describe('receivers and message formats', () => {
  it('reads URLs with an optional #format and shows only their origin', () => {
    const [json, chat] = parseReceivers(' https://a.example/hook ,, https://hooks.example/T/B/secret#format=slack')
    expect(json).toMatchObject({ url: 'https://a.example/hook', format: 'json', label: 'https://a.example' })
    expect(chat).toMatchObject({
      url: 'https://hooks.example/T/B/secret',
      format: 'slack',
      label: 'https://hooks.example',
    })
    expect(() => parseReceivers('https://a.example/#format=xml')).toThrow(/unknown suffix/)
  })

  it('renders the JSON payload with an absolute link, or a chat line for people', () => {
    const body = JSON.parse(renderBody(payload, 'json', 'https://kokeileva.example')) as WebhookPayload
    expect(body.idea.url).toBe('https://kokeileva.example/ideas/abc123')
    expect(chatText({ ...payload, idea: { ...payload.idea, url: 'https://k/ideas/abc123' } })).toBe(
      'KT-2026-0042 “Lainat kotiin”: Screening → Evaluating — “Hyvä”. https://k/ideas/abc123',
    )
    expect(JSON.parse(renderBody(payload, 'slack', 'https://k'))).toEqual({
      text: expect.stringContaining('https://k/ideas/abc123') as unknown,
    })
  })
})

describe('import files and their layout', () => {
  it('reads text lines and CSV records', () => {
    expect(parsePlain(' a \r\n\r\nb').map((row) => [row.line, row.text])).toEqual([
      [1, 'a'],
      [3, 'b'],
    ])
    const rows = parseCsv('Text,Color\n"x, ""y""",pink\n,\nz,')
    expect(rows.map((row) => [row.line, row.text, row.color])).toEqual([
      [2, 'x, "y"', '#fbcfe8'],
      [4, 'z', null],
    ])
  })

  it('places notes in free cells of the zone, around the notes there, and the rest below it', () => {
    const zone: ZoneData = {
      id: 'z',
      title: 'Z',
      kind: 'frame',
      x: 0,
      y: 0,
      width: 400,
      height: 300,
      color: '#fff',
      prompt: '',
    }
    const occupied = [{ x: 16, y: 72, width: 160, height: 160 }]
    const placed = layoutImportedNotes({ zone, zones: [zone], occupied, count: 3 })
    expect(placed.map((note) => [note.x, note.y, note.inZone])).toEqual([
      [192, 72, true],
      [16, 316, false],
      [192, 316, false],
    ])
  })
})
