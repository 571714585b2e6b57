import { formatDenial } from '@shared/protocol.ts'
import type { Judgement } from '../../sync/policy.ts'

/** The refused items of a write that is accepted whole (never changed). */
const NOTHING_REFUSED: ReadonlySet<string> = new Set()

/** Items named in one permission-denied message at most (the rest are counted). */
const NAMED_ITEMS_MAX = 500

/** The refusals of one write, item by item, turned into the sync core's Judgement. */
export class Verdicts {
  readonly #refused = new Map<string, string>()

  refuse(item: string, reason: string): void {
    if (!this.#refused.has(item)) this.#refused.set(item, reason)
  }

  has(item: string): boolean {
    return this.#refused.has(item)
  }

  judgement(keep: () => void): Judgement {
    if (this.#refused.size === 0) return accepted(keep)
    return { refused: new Set(this.#refused.keys()), denials: this.#denials(), keep }
  }

  /** One message per reason, naming the notes and zones it concerns. */
  #denials(): string[] {
    const byReason = new Map<string, string[]>()
    for (const [item, reason] of this.#refused) {
      let items = byReason.get(reason)
      if (!items) byReason.set(reason, (items = []))
      if (item.startsWith('note:') || item.startsWith('zone:')) items.push(item)
    }
    return [...byReason].map(([reason, items]) =>
      items.length > NAMED_ITEMS_MAX
        ? formatDenial(`${reason} (and ${items.length - NAMED_ITEMS_MAX} more)`, items.slice(0, NAMED_ITEMS_MAX))
        : formatDenial(reason, items),
    )
  }
}

/** Accepts a write whole; `keep` records it. */
export function accepted(keep: () => void): Judgement {
  return { refused: NOTHING_REFUSED, denials: [], keep }
}

/** Refuses a write whole. */
export function refuseAll(reason: string): Judgement {
  return { refused: 'all', denials: [reason], keep() {} }
}
