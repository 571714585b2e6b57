/**
 * Redis key names and stream entry ids. Every key and channel starts with the deployment's
 * prefix (REDIS_KEY_PREFIX), so several deployments, or tests, can share one Redis.
 */

/** A board's update stream: durable updates relayed between processes. */
export function boardStreamKey(prefix: string, boardId: string): string {
  return `${prefix}board:${boardId}:updates`
}

/** A board's awareness channel (pub/sub: presence is ephemeral). */
export function boardAwarenessChannel(prefix: string, boardId: string): string {
  return `${prefix}board:${boardId}:awareness`
}

/** Board events (links reset, board deleted) for every process (pub/sub). */
export function boardEventsChannel(prefix: string): string {
  return `${prefix}board-events`
}

/** A process's own stream, written to wake its blocking read when it subscribes to a board. */
export function nodeWakeKey(prefix: string, nodeId: string): string {
  return `${prefix}node:${nodeId}:wake`
}

/** The deployment's processes and their last heartbeats (a sorted set, see peer-watch.ts). */
export function nodesKey(prefix: string): string {
  return `${prefix}nodes`
}

/** The id before every entry: reading after it reads a whole stream. */
export const STREAM_START_ID = '0-0'

/** Compares two stream entry ids ("<ms>-<seq>"): negative, zero or positive. */
export function compareStreamIds(a: string, b: string): number {
  const [aMs, aSeq] = splitId(a)
  const [bMs, bSeq] = splitId(b)
  if (aMs !== bMs) return aMs < bMs ? -1 : 1
  if (aSeq !== bSeq) return aSeq < bSeq ? -1 : 1
  return 0
}

function splitId(id: string): [bigint, bigint] {
  const match = /^(\d+)-(\d+)$/.exec(id)
  if (!match) throw new Error(`not a stream id: ${id}`)
  return [BigInt(match[1]!), BigInt(match[2]!)]
}
