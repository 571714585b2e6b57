import type * as Y from 'yjs'
import type { Role } from '@shared/roles.ts'

/**
 * What the sync core asks of the rules of a document. The core knows no application schema:
 * whoever builds the SyncServer injects `createPolicy` (as tldraw's room takes `filterPush`),
 * and a room asks it for the policy of its document when it loads.
 */

/** Who wrote: the connection's role and the participant id it speaks for. */
export interface Writer {
  readonly role: Role
  /**
   * The participant id this connection speaks for: given at connect (?participant=), or bound
   * by the policy on first use. Null until then.
   */
  participantId: string | null
  /** The signed-in person writing (AUTH=oidc), or null; `participantId` is then their id. */
  readonly user?: { readonly id: string; readonly name: string } | null
}

/** A policy's answer to one client write, already integrated into the document. */
export interface Judgement {
  /**
   * What is refused: 'all', or the items (as `itemOf` names the structs they consist of) that
   * are reverted while the rest of the write stays. Empty when the whole write is accepted.
   */
  readonly refused: 'all' | ReadonlySet<string>
  /** The permission-denied reasons the writer is sent (none when nothing is refused). */
  readonly denials: readonly string[]
  /** Records what stays of the write: called once the refused items are reverted (at once when none are). */
  keep(): void
}

/** The rules one room applies to the writes into its document. */
export interface RoomPolicy {
  /** Judges a client's transaction after it was integrated. Must not change the document. */
  judge(transaction: Y.Transaction, writer: Writer): Judgement
  /** A transaction that stays without judgement: the server's own, a relayed one, a revert. */
  observe(transaction: Y.Transaction): void
  /** The item a struct belongs to: a refusal of that item reverts every struct of it. */
  itemOf(struct: Y.Item): string
  /**
   * A client's write is about to be integrated: what the policy needs of the document as it
   * was before the write must exist now (built lazily, so that loading a board stays cheap).
   */
  beforeWrite?(): void
  /**
   * A connection joined the room (after the sync handshake started). Called also while the
   * room holds its board as bytes: reading `room.doc` here builds the document.
   */
  joined?(writer: Writer): void
  /**
   * The room let go of its document (a quiet board is held as bytes again; room.ts) and
   * builds a new one when it is next needed: forget whatever was read from the old one.
   */
  released?(): void
  destroy?(): void
}

/** What a policy is told of its room. */
export interface PolicyRoom {
  readonly boardId: string
  /** Set for a participant's private draft of the board; null for the board itself. */
  readonly draftId: string | null
  /**
   * The room's document. A room that nobody writes to holds its board as bytes and builds the
   * document when this is first read, and may let it go again when the board is quiet
   * (released()): a policy reads it when it judges or observes a transaction, never in its
   * constructor, and keeps no reference to it.
   */
  readonly doc: Y.Doc
  /** An upper bound of the document's encoded size in bytes; costs nothing. */
  approximateBytes(): number
  /** The document's encoded size; encodes the whole document at most once a second (else the bound). */
  measureBytes(): number
}

export type CreatePolicy = (room: PolicyRoom) => RoomPolicy

/** A policy that accepts everything: for tests of the sync core and tools that need no rules. */
export const acceptEverything: CreatePolicy = () => ({
  judge: () => ({ refused: new Set(), denials: [], keep() {} }),
  observe() {},
  itemOf: () => '',
})
