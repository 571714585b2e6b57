import type { Awareness } from 'y-protocols/awareness'
import type { Identity } from '../../identity/identity.ts'
import { throttle } from '../../lib/throttle.ts'
import { Store } from '../../lib/store.ts'
import type { Point } from './writer.ts'

/** Cursor updates are sent at most this often (about 20 Hz). */
export const CURSOR_INTERVAL_MS = 50

/** The awareness state this client publishes; others' states are read defensively. */
export interface PresenceState {
  user: Identity
  /** Board coordinates of the pointer, null when it is off the board. */
  cursor: Point | null
  /** The note whose text this client is editing. */
  editing: string | null
  /** Silent mode: how many notes wait in this user's private draft (their count, not their content). */
  drafts?: number
}

export interface Peer extends PresenceState {
  clientId: number
}

function readPeer(clientId: number, raw: unknown): Peer | null {
  if (typeof raw !== 'object' || raw === null) return null
  const state = raw as Record<string, unknown>
  const user = state['user'] as Record<string, unknown> | undefined
  if (!user || typeof user['name'] !== 'string' || typeof user['color'] !== 'string') return null
  const cursor = state['cursor'] as Record<string, unknown> | null | undefined
  const hasCursor = !!cursor && typeof cursor['x'] === 'number' && typeof cursor['y'] === 'number' &&
    Number.isFinite(cursor['x']) && Number.isFinite(cursor['y'])
  return {
    clientId,
    user: {
      id: typeof user['id'] === 'string' ? user['id'] : String(clientId),
      name: user['name'].slice(0, 60),
      color: /^#[0-9a-f]{3,8}$/i.test(user['color']) ? user['color'] : '#78716c',
    },
    cursor: hasCursor ? { x: cursor['x'] as number, y: cursor['y'] as number } : null,
    editing: typeof state['editing'] === 'string' ? state['editing'] : null,
    drafts: typeof state['drafts'] === 'number' && Number.isInteger(state['drafts']) ? Math.min(1000, Math.max(0, state['drafts'])) : 0,
  }
}

/** Notes waiting in everyone else's drafts (a person's tabs share one draft: counted once). */
export function waitingDraftNotes(peers: readonly Peer[], selfId: string | null): number {
  const byPerson = new Map<string, number>()
  for (const peer of peers) {
    if (peer.user.id === selfId) continue
    byPerson.set(peer.user.id, Math.max(byPerson.get(peer.user.id) ?? 0, peer.drafts ?? 0))
  }
  let total = 0
  for (const count of byPerson.values()) total += count
  return total
}

/**
 * One person on the board, without the cursors: changes only when someone comes, goes or
 * renames. A person is a participant id, so the same person in two tabs (or on two devices
 * with the same stored identity) is listed once.
 */
export interface Participant {
  /** The person's first (lowest) awareness client id: a stable key while that tab stays. */
  clientId: number
  user: Identity
  /** A note one of this person's tabs is editing. */
  editing: string | null
  /** This is the user of this page (in this tab or another). */
  self: boolean
  /** How many tabs or windows this person has on the board. */
  tabs: number
}

function participantKey(list: readonly Participant[]): string {
  return list.map((p) => `${p.clientId}:${p.user.id}:${p.user.name}:${p.user.color}:${p.editing ?? ''}:${p.tabs}:${p.self}`).join('|')
}

/**
 * Everyone on the board, one entry per participant id: this page's user first (their other
 * tabs folded in), then the others in order of arrival (awareness client id).
 */
export function groupParticipants(self: Peer | null, peers: readonly Peer[]): Participant[] {
  const byId = new Map<string, Participant>()
  const add = (peer: Peer, isSelf: boolean) => {
    const known = byId.get(peer.user.id)
    if (!known) {
      byId.set(peer.user.id, { clientId: peer.clientId, user: peer.user, editing: peer.editing, self: isSelf, tabs: 1 })
      return
    }
    known.tabs++
    known.editing ??= peer.editing
    if (peer.clientId < known.clientId) known.clientId = peer.clientId
  }
  if (self) add(self, true)
  for (const peer of [...peers].sort((a, b) => a.clientId - b.clientId)) add(peer, false)
  const everyone = [...byId.values()]
  return [...everyone.filter((p) => p.self), ...everyone.filter((p) => !p.self).sort((a, b) => a.clientId - b.clientId)]
}

/**
 * Presence over y-protocols awareness: publishes this user's name, colour, cursor (throttled)
 * and the note being edited; reads everyone else's. Three stores so that moving cursors
 * re-render only the cursor overlay, not the participant list or the notes.
 */
export class Presence {
  readonly #awareness: Awareness
  readonly #cursor = throttle((cursor: Point | null) => this.#awareness.setLocalStateField('cursor', cursor), CURSOR_INTERVAL_MS)
  /** Other clients with their cursors. */
  readonly peers = new Store<readonly Peer[]>([])
  /** Everyone including this user, once per person (not per tab), for the participant list. */
  readonly participants = new Store<readonly Participant[]>([], (a, b) => participantKey(a) === participantKey(b))
  /** Notes waiting in other people's private drafts (silent mode), as their browsers report. */
  readonly waitingDrafts = new Store(0)
  /** noteId → the (other) people editing it. */
  readonly editors = new Store<ReadonlyMap<string, readonly Identity[]>>(new Map())

  constructor(awareness: Awareness, user: Identity) {
    this.#awareness = awareness
    const initial: PresenceState = { user, cursor: null, editing: null }
    awareness.setLocalState(initial)
    awareness.on('change', this.#refresh)
    this.#refresh()
  }

  get clientId(): number {
    return this.#awareness.clientID
  }

  setUser(user: Identity): void {
    this.#awareness.setLocalStateField('user', user)
  }

  setCursor(cursor: Point | null): void {
    this.#cursor.call(cursor)
  }

  setDraftCount(count: number): void {
    this.#awareness.setLocalStateField('drafts', count)
  }

  setEditing(noteId: string | null): void {
    this.#awareness.setLocalStateField('editing', noteId)
  }

  #refresh = (): void => {
    const peers: Peer[] = []
    let self: Peer | null = null
    this.#awareness.getStates().forEach((state, clientId) => {
      const peer = readPeer(clientId, state)
      if (!peer) return
      if (clientId === this.#awareness.clientID) self = peer
      else peers.push(peer)
    })
    peers.sort((a, b) => a.clientId - b.clientId)
    this.peers.set(peers)
    this.participants.set(groupParticipants(self, peers))
    this.waitingDrafts.set(waitingDraftNotes(peers, (self as Peer | null)?.user.id ?? null))
    const editors = new Map<string, Identity[]>()
    for (const peer of peers) {
      if (!peer.editing) continue
      const list = editors.get(peer.editing) ?? []
      list.push(peer.user)
      editors.set(peer.editing, list)
    }
    const previous = this.editors.get()
    if (editorsKey(previous) !== editorsKey(editors)) this.editors.set(editors)
  }

  destroy(): void {
    this.#cursor.cancel()
    this.#awareness.off('change', this.#refresh)
  }
}

function editorsKey(map: ReadonlyMap<string, readonly Identity[]>): string {
  return [...map].map(([id, users]) => `${id}=${users.map((u) => `${u.name}/${u.color}`).join(',')}`).sort().join('|')
}
