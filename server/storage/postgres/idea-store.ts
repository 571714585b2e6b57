import { StorageUnsupportedError } from '../errors.ts'
import type {
  BoardNoteIdea,
  IdeaQuery,
  IdeaStore,
  IdeaUpdate,
  LinkNotes,
  LinkOutcome,
  NewIdea,
  PromoteOutcome,
  StoredIdea,
  StoredIdeaWithHistory,
} from '../types.ts'
import type { IdeaFacets } from '../../../shared/api/ideas.ts'

const MESSAGE =
  'The idea registry is not available with PostgreSQL storage yet (DATABASE_URL): boards work; ' +
  'promotion and the registry need the SQLite storage until the registry is ported.'

/**
 * The idea registry has not been ported to PostgreSQL yet (see server/storage/README.md for
 * what a port needs). Until then every call fails with StorageUnsupportedError, which the API
 * answers with 503 and this message, rather than a half-working registry.
 */
export class UnportedIdeaStore implements IdeaStore {
  #unsupported(): never {
    throw new StorageUnsupportedError(MESSAGE)
  }

  async promote(_idea: NewIdea): Promise<PromoteOutcome> {
    return this.#unsupported()
  }
  async get(_idOrRef: string): Promise<StoredIdeaWithHistory | null> {
    return this.#unsupported()
  }
  async getMany(_ids: readonly string[]): Promise<StoredIdea[]> {
    return this.#unsupported()
  }
  async list(_query: IdeaQuery): Promise<{ items: StoredIdea[]; total: number }> {
    return this.#unsupported()
  }
  async similar(): Promise<StoredIdea[]> {
    return this.#unsupported()
  }
  async mergedInto(_id: string): Promise<StoredIdea[]> {
    return this.#unsupported()
  }
  async link(_link: LinkNotes): Promise<LinkOutcome> {
    return this.#unsupported()
  }
  async notesOfBoard(_boardId: string): Promise<BoardNoteIdea[]> {
    return this.#unsupported()
  }
  async boardsOf(_ideaId: string): Promise<string[]> {
    return this.#unsupported()
  }
  async exportAll(): Promise<StoredIdeaWithHistory[]> {
    return this.#unsupported()
  }
  async facets(): Promise<IdeaFacets> {
    return this.#unsupported()
  }
  async update(_update: IdeaUpdate): Promise<StoredIdeaWithHistory> {
    return this.#unsupported()
  }
}
