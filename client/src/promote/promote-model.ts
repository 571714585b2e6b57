import type { IdeaDetail, IdeaSummary, PromoteBody, SimilarIdeas } from '@shared/api/ideas.ts'
import type { NoteData } from '@shared/board/index.ts'
import { IDEA_DESCRIPTION_MAX_CHARS, IDEA_TITLE_MAX_CHARS, SEARCH_TEXT_MAX_CHARS } from '@shared/ideas/limits.ts'
import { defaultIdeaDescription, defaultIdeaTitle, truncate } from '@shared/ideas/text.ts'
import type { Promoted } from '../api/ideas.ts'
import { ApiError } from '../api/http.ts'
import { Store } from '../lib/store.ts'

export interface PromoteApi {
  similar(text: string, limit: number, signal: AbortSignal): Promise<SimilarIdeas>
  /** POST /api/boards/:id/promote with the facilitator's token. */
  promote(body: PromoteBody): Promise<Promoted>
}

export type PromoteOutcome = 'created' | 'existing' | 'linked'

export type PromotePhase =
  | { kind: 'editing' }
  | { kind: 'sending'; linkTo: string | null }
  | { kind: 'done'; idea: IdeaDetail; outcome: PromoteOutcome }

/** An idea some of the selected notes already belong to (their badge). */
export interface ExistingIdea {
  ideaId: string
  ref: string
  status: string | null
  noteCount: number
}

export interface PromoteState {
  noteIds: readonly string[]
  title: string
  description: string
  similar: { items: readonly IdeaSummary[]; loading: boolean; failed: boolean }
  phase: PromotePhase
  /** The server's refusal (or a network failure: status 0). */
  error: { status: number; message: string } | null
  titleMissing: boolean
  /** Ideas the selected notes already belong to: all of one idea → it is answered again; a mix → 409. */
  existing: readonly ExistingIdea[]
  /** Every selected note belongs to the same idea. */
  allInOneIdea: boolean
}

export function existingIdeasOf(notes: readonly Pick<NoteData, 'ideaId' | 'ideaRef' | 'ideaStatus'>[]): ExistingIdea[] {
  const byId = new Map<string, ExistingIdea>()
  for (const note of notes) {
    if (!note.ideaId) continue
    const known = byId.get(note.ideaId)
    if (known) known.noteCount++
    else
      byId.set(note.ideaId, {
        ideaId: note.ideaId,
        ref: note.ideaRef ?? note.ideaId,
        status: note.ideaStatus,
        noteCount: 1,
      })
  }
  return [...byId.values()]
}

/** What the similar-ideas search compares: the title and the description, within the API's limit. */
export function similarSearchText(title: string, description: string): string {
  return truncate(`${title.trim()}\n${description.trim()}`.trim(), SEARCH_TEXT_MAX_CHARS)
}

/**
 * The promote dialog's data, outside React. It starts from the selected notes (in the order
 * they were selected): the title is the first line of the first note, the description the
 * notes' texts. While the facilitator edits them, the registry is searched for similar ideas
 * (after a pause in typing; only the latest answer counts), any of which the notes can be
 * linked to instead of making a new idea.
 */
export class PromoteModel {
  readonly state: Store<PromoteState>
  readonly #api: PromoteApi
  readonly #similarDelayMs: number
  readonly #similarLimit: number
  #timer: ReturnType<typeof setTimeout> | null = null
  #search: AbortController | null = null
  #lastSearched = ''

  constructor(
    api: PromoteApi,
    notes: readonly Pick<NoteData, 'id' | 'text' | 'ideaId' | 'ideaRef' | 'ideaStatus'>[],
    { similarDelayMs = 300, similarLimit = 5 } = {},
  ) {
    this.#api = api
    this.#similarDelayMs = similarDelayMs
    this.#similarLimit = similarLimit
    const texts = notes.map((note) => note.text)
    const existing = existingIdeasOf(notes)
    this.state = new Store<PromoteState>({
      noteIds: notes.map((note) => note.id),
      title: truncate(defaultIdeaTitle(texts), IDEA_TITLE_MAX_CHARS),
      description: truncate(defaultIdeaDescription(texts), IDEA_DESCRIPTION_MAX_CHARS),
      similar: { items: [], loading: false, failed: false },
      phase: { kind: 'editing' },
      error: null,
      titleMissing: false,
      existing,
      allInOneIdea: existing.length === 1 && existing[0]?.noteCount === notes.length,
    })
  }

  /** Searches for similar ideas to the starting text at once. */
  start(): Promise<void> {
    return this.searchSimilar()
  }

  setTitle(title: string): void {
    this.state.update((state) => ({ ...state, title, titleMissing: false, error: null }))
    this.#scheduleSearch()
  }

  setDescription(description: string): void {
    this.state.update((state) => ({ ...state, description, error: null }))
    this.#scheduleSearch()
  }

  async searchSimilar(): Promise<void> {
    this.#clearTimer()
    const { title, description } = this.state.get()
    const text = similarSearchText(title, description)
    if (text === this.#lastSearched) return
    this.#lastSearched = text
    this.#search?.abort()
    if (!text) {
      this.#setSimilar({ items: [], loading: false, failed: false })
      return
    }
    const request = new AbortController()
    this.#search = request
    this.#setSimilar({ ...this.state.get().similar, loading: true, failed: false })
    try {
      const found = await this.#api.similar(text, this.#similarLimit, request.signal)
      if (request.signal.aborted) return
      // The notes' own idea is not "similar": it is theirs (the dialog says so apart).
      const own = new Set(this.state.get().existing.map((idea) => idea.ideaId))
      this.#setSimilar({ items: found.items.filter((idea) => !own.has(idea.id)), loading: false, failed: false })
    } catch {
      if (request.signal.aborted) return
      this.#lastSearched = '' // let the next edit try again
      this.#setSimilar({ items: [], loading: false, failed: true })
    }
  }

  /** A new idea from the notes (or, when they were promoted together before, that idea). */
  promote(): Promise<void> {
    const { title, description, noteIds } = this.state.get()
    const trimmed = title.replace(/\s+/g, ' ').trim()
    if (!trimmed) {
      this.state.update((state) => ({ ...state, titleMissing: true }))
      return Promise.resolve()
    }
    return this.#send({ noteIds: [...noteIds], title: trimmed, description: description.trim() }, null)
  }

  /** Links the notes to an existing idea instead of making a new one. */
  linkTo(ideaId: string): Promise<void> {
    return this.#send({ noteIds: [...this.state.get().noteIds], linkTo: ideaId }, ideaId)
  }

  /**
   * Stops searching (the dialog closed). A promotion on its way is not cancelled: the server
   * decides it either way. start() may follow again (React's development mode does that).
   */
  destroy(): void {
    this.#clearTimer()
    this.#search?.abort()
    this.#lastSearched = ''
  }

  async #send(body: PromoteBody, linkTo: string | null): Promise<void> {
    if (this.state.get().phase.kind !== 'editing') return
    this.#clearTimer()
    this.state.update((state) => ({ ...state, phase: { kind: 'sending', linkTo }, error: null }))
    try {
      const { idea, created } = await this.#api.promote(body)
      const outcome: PromoteOutcome = created ? 'created' : linkTo ? 'linked' : 'existing'
      this.state.update((state) => ({ ...state, phase: { kind: 'done', idea, outcome } }))
    } catch (error) {
      const status = error instanceof ApiError ? error.status : 0
      const message = error instanceof Error ? error.message : String(error)
      this.state.update((state) => ({ ...state, phase: { kind: 'editing' }, error: { status, message } }))
    }
  }

  #scheduleSearch(): void {
    this.#clearTimer()
    this.#timer = setTimeout(() => {
      this.#timer = null
      void this.searchSimilar()
    }, this.#similarDelayMs)
  }

  #setSimilar(similar: PromoteState['similar']): void {
    this.state.update((state) => ({ ...state, similar }))
  }

  #clearTimer(): void {
    if (this.#timer !== null) clearTimeout(this.#timer)
    this.#timer = null
  }
}
