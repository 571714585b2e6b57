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
