/**
 * What a board's update stream holds. Each entry names the process that wrote it (so a
 * process skips its own) and carries either a durable document update or a resync marker:
 * "I could not relay some updates; reload this board from storage".
 */
export type StreamEntry = { kind: 'update'; nodeId: string; update: Uint8Array } | { kind: 'resync'; nodeId: string }

const FIELD_NODE = 'n'
const FIELD_UPDATE = 'u'
const FIELD_RESYNC = 'r'

/** The field/value arguments of XADD for an update. */
export function updateFields(nodeId: string, update: Uint8Array): Array<string | Buffer> {
  return [FIELD_NODE, nodeId, FIELD_UPDATE, Buffer.from(update.buffer, update.byteOffset, update.byteLength)]
}

export function resyncFields(nodeId: string): string[] {
  return [FIELD_NODE, nodeId, FIELD_RESYNC, '1']
}

/** Reads an entry's fields as XREAD returns them (alternating names and values); null if foreign. */
export function parseEntryFields(fields: readonly Buffer[]): StreamEntry | null {
  let nodeId: string | null = null
  let update: Buffer | null = null
  let resync = false
  for (let i = 0; i + 1 < fields.length; i += 2) {
    const name = fields[i]!.toString()
    const value = fields[i + 1]!
    if (name === FIELD_NODE) nodeId = value.toString()
    else if (name === FIELD_UPDATE) update = value
    else if (name === FIELD_RESYNC) resync = true
  }
  if (nodeId === null) return null
  if (update !== null)
    return { kind: 'update', nodeId, update: new Uint8Array(update.buffer, update.byteOffset, update.byteLength) }
  if (resync) return { kind: 'resync', nodeId }
  return null
}

/**
 * Awareness messages on pub/sub: [node id length][node id][awareness update]. An empty update
 * is a query: the sender has just started serving the board and asks for everyone's presence.
 */
export function encodeAwarenessMessage(nodeId: string, update: Uint8Array): Buffer {
  const id = Buffer.from(nodeId)
  if (id.length > 255) throw new Error('node id too long')
  return Buffer.concat([Buffer.from([id.length]), id, update])
}

export function decodeAwarenessMessage(message: Buffer): { nodeId: string; update: Uint8Array } | null {
  if (message.length < 1) return null
  const idLength = message[0]!
  if (message.length < 1 + idLength) return null
  const nodeId = message.subarray(1, 1 + idLength).toString()
  const rest = message.subarray(1 + idLength)
  return { nodeId, update: new Uint8Array(rest.buffer, rest.byteOffset, rest.byteLength) }
}
