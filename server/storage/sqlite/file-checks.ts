import Database from 'better-sqlite3'
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { basename } from 'node:path'
import { isDamagedDatabaseError, UnusableDatabaseError } from '../errors.ts'

/**
 * Checks of the database file before the server opens it for good. A missing file is a fresh
 * install only in a data directory that has never held a database: once the database exists,
 * a marker beside it (`kokeileva.sqlite.created`) says so, and a missing or zero-length file
 * then stops the server instead of silently starting empty (every board and the registry
 * would look gone). A file with damaged pages stops it too.
 */

const RESTORE_HINT = 'restore the latest backup (docs/operations.md, "Restoring a backup")'

/** The marker's path for a database path. */
export function markerPathOf(databasePath: string): string {
  return `${databasePath}.created`
}

/**
 * Throws UnusableDatabaseError when the file must not be opened: zero length (a failed copy
 * or restore), or missing where a database has been. Returns whether a fresh one is created.
 */
export function checkDatabaseFile(path: string): { fresh: boolean } {
  const name = basename(path)
  const marker = markerPathOf(path)
  if (!existsSync(path)) {
    if (!existsSync(marker)) return { fresh: true }
    throw new UnusableDatabaseError(
      `The database ${path} is missing, but this data directory has held one (${describeMarker(marker)}): ` +
        `${RESTORE_HINT}, or to start afresh on purpose, delete ${basename(marker)} too.`,
    )
  }
  if (statSync(path).size === 0) {
    throw new UnusableDatabaseError(
      `The database ${path} is empty (0 bytes; a failed copy or restore?): ${RESTORE_HINT}, ` +
        `or for a new installation delete the empty ${name}${existsSync(marker) ? ` and ${basename(marker)}` : ''}.`,
    )
  }
  return { fresh: false }
}

/**
 * Reads every page of the database once (SQLite's quick_check: the structure of every table
 * and index, not the contents of indexes) on a connection of its own that is closed again,
 * so that the server's connection starts with nothing cached; this also replays a log left
 * by a crash. Where the marker says a database has been, the file must hold Kokeileva's
 * tables too (not some other, empty database copied over it). Throws UnusableDatabaseError
 * naming the first problem found.
 */
export function checkDatabaseIntegrity(path: string): void {
  let problem: string | null = null
  let db: Database.Database | null = null
  try {
    db = new Database(path, { fileMustExist: true })
    const result = db.pragma('quick_check(1)', { simple: true })
    if (result !== 'ok') problem = String(result)
    else if (existsSync(markerPathOf(path)) && !hasSchema(db)) {
      throw new UnusableDatabaseError(
        `The database ${path} holds no Kokeileva data, but this data directory has held it ` +
          `(${describeMarker(markerPathOf(path))}): ${RESTORE_HINT}.`,
      )
    }
  } catch (error) {
    if (!isDamagedDatabaseError(error)) throw error
    problem = (error as Error).message
  } finally {
    db?.close()
  }
  if (problem !== null) {
    throw new UnusableDatabaseError(
      `The database ${path} is damaged (${problem.replace(/\s+/g, ' ').slice(0, 200)}): ` +
        `stop here rather than serve part of it; ${RESTORE_HINT}.`,
    )
  }
}

function hasSchema(db: Database.Database): boolean {
  return db.prepare("SELECT count(*) FROM sqlite_master WHERE name = 'schema_migrations'").pluck().get() === 1
}

/** Writes the marker once the database exists and holds the schema. */
export function markDatabase(path: string): void {
  const marker = markerPathOf(path)
  if (existsSync(marker)) return
  writeFileSync(
    marker,
    `${new Date().toISOString()}\n` +
      `This data directory holds a Kokeileva database (${basename(path)}). While this file exists, Kokeileva ` +
      `refuses to start when the database is missing or empty instead of starting as a new installation. ` +
      `Delete it only to start afresh on purpose.\n`,
  )
}

function describeMarker(marker: string): string {
  const since = readFileSync(marker, 'utf8').split('\n')[0]?.trim()
  return since ? `since ${since}` : basename(marker)
}
