import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeRecords, readRecords, UpdateJournal } from '../../server/storage/sqlite/update-journal.ts'

const records = [
  { boardId: 'board-a', update: new Uint8Array([1, 2, 3]) },
  { boardId: 'board-ä', draftId: 'draft-1', update: new Uint8Array([4]) },
  { boardId: 'board-a', update: new Uint8Array(300).fill(7) },
]

describe('the update journal', () => {
  const dirs: string[] = []
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
  })

  it('reads back what it wrote, boards and drafts, byte for byte', () => {
    expect(readRecords(encodeRecords(records))).toEqual({
      records,
      validBytes: encodeRecords(records).length,
    })
  })

  it('keeps the records before a damaged one and drops it and everything after it', () => {
    const whole = encodeRecords(records)
    const firstLength = encodeRecords(records.slice(0, 1)).length
    for (let at = firstLength; at < whole.length; at++) {
      const damaged = Buffer.from(whole)
      damaged[at]! ^= 0x40
      const read = readRecords(damaged)
      expect(read.records.length).toBeGreaterThanOrEqual(1)
      expect(read.records[0]).toEqual(records[0])
      // Whatever is kept is a prefix of what was written, never the damaged record.
      expect(read.records).toEqual(records.slice(0, read.records.length))
      expect(read.validBytes).toBeLessThanOrEqual(at)
    }
  })

  it('cuts a torn tail off the file when it opens, and appends after the last whole record', () => {
    const dir = mkdtempSync(join(tmpdir(), 'kokeileva-journal-'))
    dirs.push(dir)
    const path = join(dir, 'journal')
    const whole = encodeRecords(records.slice(0, 2))
    const torn = encodeRecords(records.slice(2)).subarray(0, 20)
    writeFileSync(path, Buffer.concat([whole, torn]))

    const opened = UpdateJournal.open(path)
    expect(opened.records).toEqual(records.slice(0, 2))
    expect(opened.droppedBytes).toBe(torn.length)
    opened.journal.append(records.slice(2))
    opened.journal.close()
    expect(readRecords(readFileSync(path)).records).toEqual(records)

    const again = UpdateJournal.open(path)
    again.journal.clear()
    again.journal.close()
    expect(readFileSync(path)).toHaveLength(0)
  })
})
