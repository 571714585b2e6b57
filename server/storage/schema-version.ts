import { VERSION } from '../version.ts'

/**
 * Refuses a database whose schema has migrations this code does not know: a newer version of
 * Kokeileva wrote it, and old code on a new schema could misread or damage what it does not
 * understand. Checked before any migration runs, so the database is left as it was.
 */
export function refuseUnknownMigrations(
  applied: Iterable<number>,
  known: readonly { version: number }[],
  database: string,
): void {
  const knownVersions = new Set(known.map((migration) => migration.version))
  const unknown = [...applied].filter((version) => !knownVersions.has(version)).sort((a, b) => a - b)
  if (unknown.length === 0) return
  throw new Error(
    `The ${database} was written by a newer version of Kokeileva: its schema has ` +
      `migration${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}, unknown to this version (${VERSION}). ` +
      'Run the newer version again, or restore the backup taken before the upgrade.',
  )
}
