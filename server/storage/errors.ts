/** Errors a storage implementation throws for the callers to translate (409, retry …). */

/** The idea changed since the change was planned (another request won); plan again. */
export class StaleIdeaError extends Error {
  override name = 'StaleIdeaError'
}

/** A merge target that is missing, the idea itself, or merged into yet another idea. */
export class MergeTargetError extends Error {
  override name = 'MergeTargetError'

  constructor(
    readonly reason: 'missing' | 'self' | 'merged',
    readonly target: string,
    readonly mergedInto: string | null = null,
  ) {
    super(`merge target ${target}: ${reason}`)
  }
}

/**
 * The database cannot be used at all (an emptied, deleted or damaged SQLite file): the server
 * stops at start with this message, one line that says what is wrong and what to do.
 */
export class UnusableDatabaseError extends Error {
  override name = 'UnusableDatabaseError'
}

const errorCode = (error: unknown): string =>
  typeof error === 'object' && error !== null && 'code' in error ? String(error.code) : ''

/** SQLite says its file is damaged: a corrupt page or index, or not a database at all. */
export function isDamagedDatabaseError(error: unknown): boolean {
  const code = errorCode(error)
  return code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB'
}

/** SQLite result codes of a store that cannot work right now: full, failing, locked or damaged. */
const SQLITE_UNAVAILABLE = /^SQLITE_(FULL|IOERR|BUSY|LOCKED|READONLY|CANTOPEN|CORRUPT|NOTADB|NOMEM|PROTOCOL)/
/**
 * PostgreSQL SQLSTATE classes and codes of the same: connection exceptions (08), insufficient
 * resources such as a full disk (53), operator intervention such as a shutdown (57P),
 * system errors (58), and a cancelled statement (57014, the statement timeout).
 */
const POSTGRES_UNAVAILABLE = /^(08|53|57P|58)|^57014$/
/** The network between this process and its database. */
const NETWORK_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND'])
/** node-postgres reports a lost or unobtainable connection without a code. */
const POSTGRES_CONNECTION_MESSAGE = /Connection terminated|timeout exceeded when trying to connect|Query read timeout/

/**
 * Whether a storage operation failed because the store cannot work right now (a full disk,
 * an unreachable or damaged database) rather than because of the request: the API answers
 * these with 503, so that clients and load balancers try again later.
 */
export function isStorageUnavailable(error: unknown): boolean {
  const code = errorCode(error)
  if (SQLITE_UNAVAILABLE.test(code) || POSTGRES_UNAVAILABLE.test(code) || NETWORK_UNAVAILABLE.has(code)) return true
  return error instanceof Error && POSTGRES_CONNECTION_MESSAGE.test(error.message)
}
