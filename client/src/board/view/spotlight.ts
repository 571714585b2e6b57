import type { NoteData, SessionState, SpotlightState, ZoneData } from '@shared/board/index.ts'
import { Store, type ReadableStore } from '../../lib/store.ts'
import type { NoteStore } from '../data/note-store.ts'
import { expand, type Rect } from './geometry.ts'
import { fitRect, type ViewportStore } from './viewport.ts'

/** The spotlight as this client draws it: what, where, and since when. */
export interface ActiveSpotlight {
  kind: SpotlightState['kind']
  id: string
  since: number
  rect: Rect
}

/** Room around a spotlit note when centring on it (board units). */
const NOTE_MARGIN = 160
/** A spotlit note is not blown up beyond this zoom. */
const NOTE_MAX_SCALE = 1.25

function sameSpotlight(a: ActiveSpotlight | null, b: ActiveSpotlight | null): boolean {
  if (a === null || b === null) return a === b
  return (
    a.kind === b.kind &&
    a.id === b.id &&
    a.since === b.since &&
    a.rect.x === b.rect.x &&
    a.rect.y === b.rect.y &&
    a.rect.width === b.rect.width &&
    a.rect.height === b.rect.height
  )
}

export interface SpotlightOptions {
  /** Whether this client's view moves to a new spotlight (not for the facilitator who set it). */
  centre: boolean
  /** While following the facilitator's view, the view is the facilitator's to move. */
  isFollowing: () => boolean
}

/**
 * The spotlight (session.spotlight) for this client: `active` is the spotlit note or zone with
 * its current rectangle (it moves with the note), or null when there is none, it was
 * deleted, or this user hid it. Each new spotlight centres the view on it once.
 */
export class SpotlightController {
  readonly active = new Store<ActiveSpotlight | null>(null, sameSpotlight)
  readonly #session: ReadableStore<Pick<SessionState, 'spotlight'>>
  readonly #zones: ReadableStore<readonly ZoneData[]>
  readonly #notes: NoteStore
  readonly #viewport: ViewportStore
  readonly #options: SpotlightOptions
  readonly #unsubscribe: (() => void)[]
  #centredSince: number | null = null
  #hiddenSince: number | null = null

  constructor(
    session: ReadableStore<Pick<SessionState, 'spotlight'>>,
    zones: ReadableStore<readonly ZoneData[]>,
    notes: NoteStore,
    viewport: ViewportStore,
    options: SpotlightOptions,
  ) {
    this.#session = session
    this.#zones = zones
    this.#notes = notes
    this.#viewport = viewport
    this.#options = options
    this.#unsubscribe = [
      session.subscribe(this.#update),
      zones.subscribe(this.#update),
      notes.subscribeChanges(this.#onNotes),
    ]
    this.#update()
  }

  /** Hides the current spotlight on this screen only (until the next one). */
  hide(): void {
    this.#hiddenSince = this.#session.get().spotlight?.since ?? null
    this.#update()
  }

  #target(spotlight: SpotlightState): Rect | null {
    if (spotlight.kind === 'zone') return this.#zones.get().find((zone) => zone.id === spotlight.id) ?? null
    const note: NoteData | undefined = this.#notes.get(spotlight.id)
    return note ?? null
  }

  #onNotes = (ids: ReadonlySet<string>): void => {
    const spotlight = this.#session.get().spotlight
    if (spotlight?.kind === 'note' && ids.has(spotlight.id)) this.#update()
  }

  #update = (): void => {
    const spotlight = this.#session.get().spotlight
    const rect = spotlight ? this.#target(spotlight) : null
    if (!spotlight || !rect || spotlight.since === this.#hiddenSince) {
      this.active.set(null)
      return
    }
    const { x, y, width, height } = rect
    this.active.set({ kind: spotlight.kind, id: spotlight.id, since: spotlight.since, rect: { x, y, width, height } })
    if (this.#centredSince !== spotlight.since) {
      this.#centredSince = spotlight.since
      if (this.#options.centre && !this.#options.isFollowing()) this.#centreOn(spotlight.kind, rect)
    }
  }

  #centreOn(kind: SpotlightState['kind'], rect: Rect): void {
    const size = this.#viewport.size.get()
    this.#viewport.set(
      kind === 'note'
        ? fitRect(expand(rect, NOTE_MARGIN), size, { maxScale: NOTE_MAX_SCALE })
        : fitRect(rect, size, { margin: 48, maxScale: 1 }),
    )
  }

  destroy(): void {
    for (const off of this.#unsubscribe) off()
  }
}
