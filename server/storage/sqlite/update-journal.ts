import { closeSync, ftruncateSync, openSync, readFileSync, writeSync } from 'node:fs'
import { crc32 } from 'node:zlib'
import type Database from 'better-sqlite3'
import type { UpdateAppend } from '../types.ts'

/** The journal's file, next to the database. */
export const JOURNAL_FILE = 'kokeileva.journal'

/**
 * One transaction storing journaled records as rows of board_updates / draft_updates, in
 * `db` (the server's database when it folds, a backup's copy). A record of a board deleted
 * meanwhile is dropped: its logs went with the board's row, as the foreign key would have it.
 */
export function journalRowWriter(db: Database.Database): (records: readonly UpdateAppend[]) => void {
  const board = db.prepare(
    'INSERT INTO board_updates (board_id, data) SELECT ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)',
  )
  const draft = db.prepare(
    `INSERT INTO draft_updates (draft_id, board_id, data)
     SELECT ?, ?, ? WHERE EXISTS (SELECT 1 FROM boards WHERE id = ?)`,
  )
  return db.transaction((records: readonly UpdateAppend[]) => {
    for (const { boardId, update, draftId } of records) {
      if (draftId === undefined) board.run(boardId, update, boardId)
      else draft.run(draftId, boardId, update, boardId)
    }
  })
}

/**
 * The SQLite backend's update journal: an append-only file next to the database, written with
 * one `write` per group commit, which the board store folds into board_updates in batches.
 *
 * Why a file: a commit of one multi-row INSERT cost 16–22 µs CPU (two WAL frames and four
 * fcntl locks) for every group commit; one `write` of the concatenated records costs a few.
 * Durability is the same as SQLite's WAL with synchronous=NORMAL: the bytes are in the
 * operating system's page cache when `write` returns, so they survive kill -9 of this process
 * (not a power loss, which WAL with NORMAL does not survive either).
 *
 * A record: u32 length of the body, u32 crc32 of the body, then the body: u8 kind (0 the
 * board's log, 1 a draft's), u16 + UTF-8 board id, u16 + UTF-8 draft id (empty for the
 * board), the update. A record cut short by a crash, or any byte of it damaged, fails its
 * length or checksum; replay keeps what precedes it and drops it and everything after it.
 */
export class UpdateJournal {
  readonly path: string
  #fd: number
  /** Bytes of whole records in the file; the next record is written here. */
  #size = 0
  /** A failed write may have left part of a record after #size: cut it before the next one. */
  #tailDirty = false

  private constructor(path: string, fd: number) {
    this.path = path
    this.#fd = fd
  }

  /**
   * Opens (creating) the journal and reads the records it holds; a torn or damaged tail is cut
   * off the file, so the next record follows the last whole one.
   */
  static open(path: string): { journal: UpdateJournal; records: UpdateAppend[]; droppedBytes: number } {
    const fd = openSync(path, 'a+')
    closeSync(fd)
    const bytes = readFileSync(path)
    const { records, validBytes } = readRecords(bytes)
    const journal = new UpdateJournal(path, openSync(path, 'r+'))
    if (validBytes < bytes.length) ftruncateSync(journal.#fd, validBytes)
    journal.#size = validBytes
    return { journal, records, droppedBytes: bytes.length - validBytes }
  }

  /** Bytes of records not yet cleared. */
  get size(): number {
    return this.#size
  }

  /**
   * Writes the appends as one `write`. Throws when they are not all in the file (ENOSPC, EIO,
   * a short write); whatever part of them reached it is cut off again, or on the next call.
   */
  append(appends: readonly UpdateAppend[]): void {
    if (this.#tailDirty) {
      ftruncateSync(this.#fd, this.#size)
      this.#tailDirty = false
    }
    const bytes = encodeRecords(appends)
    this.#tailDirty = true
    const written = writeSync(this.#fd, bytes, 0, bytes.length, this.#size)
    if (written !== bytes.length) throw new Error(`the update journal took ${written} of ${bytes.length} bytes`)
    this.#size += bytes.length
    this.#tailDirty = false
  }

  /** Empties the file once its records are stored elsewhere (the fold committed). */
  clear(): void {
    ftruncateSync(this.#fd, 0)
    this.#size = 0
    this.#tailDirty = false
  }

  close(): void {
    closeSync(this.#fd)
  }
}

const KIND_BOARD = 0
const KIND_DRAFT = 1
const HEADER_BYTES = 8

/** Board and draft ids as UTF-8, kept: a group commit names the same few boards again and again. */
const idBytes = new Map<string, Buffer>()
const ID_BYTES_KEPT = 4096

function utf8Of(id: string): Buffer {
  let bytes = idBytes.get(id)
  if (!bytes) {
    if (idBytes.size >= ID_BYTES_KEPT) idBytes.clear()
    bytes = Buffer.from(id, 'utf8')
    idBytes.set(id, bytes)
  }
  return bytes
}

const EMPTY = Buffer.alloc(0)

export function encodeRecords(appends: readonly UpdateAppend[]): Buffer {
  let total = 0
  for (const { boardId, draftId, update } of appends) {
    total += HEADER_BYTES + 5 + utf8Of(boardId).length + (draftId ? utf8Of(draftId).length : 0) + update.length
  }
  const out = Buffer.allocUnsafe(total)
  let at = 0
  for (const { boardId, draftId, update } of appends) {
    const board = utf8Of(boardId)
    const draft = draftId ? utf8Of(draftId) : EMPTY
    const bodyStart = at + HEADER_BYTES
    let p = bodyStart
    out[p++] = draftId === undefined ? KIND_BOARD : KIND_DRAFT
    out.writeUInt16LE(board.length, p)
    p += 2
    out.set(board, p)
    p += board.length
    out.writeUInt16LE(draft.length, p)
    p += 2
    out.set(draft, p)
    p += draft.length
    out.set(update, p)
    p += update.length
    out.writeUInt32LE(p - bodyStart, at)
    out.writeUInt32LE(crc32(out.subarray(bodyStart, p)), at + 4)
    at = p
  }
  return out
}

/** The whole records at the start of `bytes`, up to the first short or damaged one. */
export function readRecords(bytes: Uint8Array): { records: UpdateAppend[]; validBytes: number } {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const records: UpdateAppend[] = []
  let at = 0
  while (at + HEADER_BYTES <= buffer.length) {
    const length = buffer.readUInt32LE(at)
    const end = at + HEADER_BYTES + length
    if (length < 5 || end > buffer.length) break
    const body = buffer.subarray(at + HEADER_BYTES, end)
    if (crc32(body) !== buffer.readUInt32LE(at + 4)) break
    const record = decodeBody(body)
    if (!record) break
    records.push(record)
    at = end
  }
  return { records, validBytes: at }
}

function decodeBody(body: Buffer): UpdateAppend | null {
  const kind = body[0]
  if (kind !== KIND_BOARD && kind !== KIND_DRAFT) return null
  let p = 1
  const boardLength = body.readUInt16LE(p)
  p += 2
  if (p + boardLength + 2 > body.length) return null
  const boardId = body.toString('utf8', p, p + boardLength)
  p += boardLength
  const draftLength = body.readUInt16LE(p)
  p += 2
  if (p + draftLength > body.length) return null
  const draftId = body.toString('utf8', p, p + draftLength)
  p += draftLength
  // A copy: the record outlives the file's buffer, which would otherwise stay alive with it.
  const update = new Uint8Array(body.subarray(p))
  return kind === KIND_DRAFT ? { boardId, draftId, update } : { boardId, update }
}
