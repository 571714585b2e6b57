import { describe, expect, it } from 'vitest'
import type { IdeaDetail, IdeaList, IdeaSummary, PromoteBody } from '@shared/api/ideas.ts'
import { ApiError } from '../../../client/src/api/http.ts'
import { IdeaModel } from '../../../client/src/ideas/idea-model.ts'
import { IdeaListModel } from '../../../client/src/ideas/list-model.ts'
import { EMPTY_LIST_STATE, withChange } from '../../../client/src/ideas/list-query.ts'
import { PromoteModel, existingIdeasOf } from '../../../client/src/promote/promote-model.ts'
import { eventually } from '../../helpers/poll.ts'

/** A promise the test settles by hand, to answer requests out of order. */
function deferred<T>() {
  let resolve!: (value: T) => void
  let reject!: (error: unknown) => void
  const promise = new Promise<T>((res, rej) => {
    resolve = res
    reject = rej
  })
  return { promise, resolve, reject }
}

const summary = (id: string, title = id): IdeaSummary => ({
  id,
  ref: `KT-2026-${id.padStart(4, '0')}`,
  title,
  excerpt: '',
  status: 'new',
  department: null,
  tags: [],
  votes: 0,
  noteCount: 1,
  source: { boardId: 'b', boardTitle: 'B', method: 'disney' },
  hasExperiment: false,
  mergedInto: null,
  createdAt: 1,
  updatedAt: 1,
})

const detail = (id: string, overrides: Partial<IdeaDetail> = {}): IdeaDetail => ({
  id,
  ref: `KT-2026-${id.padStart(4, '0')}`,
  title: id,
  description: '',
  status: 'new',
  department: null,
  tags: [],
  votes: 0,
  source: { boardId: 'b', boardTitle: 'B', method: 'disney', noteIds: ['n1'], zones: [], notes: [], promotedAt: 1 },
  links: [],
  experiment: null,
  mergedInto: null,
  createdAt: 1,
  updatedAt: 1,
  history: [],
  related: { mergedInto: null, mergedFrom: [] },
  ...overrides,
})

const list = (items: IdeaSummary[], total = items.length): IdeaList => ({ items, total, limit: 20, offset: 0 })

describe('PromoteModel', () => {
  const notes = [
    {
      id: 'n1',
      text: '\n  Kirjasto auki   sunnuntaisin\nmyös iltaisin',
      ideaId: null,
      ideaRef: null,
      ideaStatus: null,
    },
    { id: 'n2', text: 'Omatoimikirjasto', ideaId: null, ideaRef: null, ideaStatus: null },
  ]

  it('starts from the notes: the first line of the first note, and their texts', () => {
    const model = new PromoteModel(
      {
        similar: async () => ({ items: [] }),
        promote: async () => {
          throw new Error('unused')
        },
      },
      notes,
    )
    expect(model.state.get()).toMatchObject({
      noteIds: ['n1', 'n2'],
      title: 'Kirjasto auki sunnuntaisin',
      description: 'Kirjasto auki   sunnuntaisin\nmyös iltaisin\n\nOmatoimikirjasto',
      existing: [],
      allInOneIdea: false,
    })
    model.destroy()
  })

  it('searches as the facilitator types, showing only the latest answer and never the notes’ own idea', async () => {
    const answers: Array<{ text: string; answer: ReturnType<typeof deferred<{ items: IdeaSummary[] }>> }> = []
    const own = [{ ...notes[0]!, ideaId: 'own', ideaRef: 'KT-2026-0009', ideaStatus: 'new' }, notes[1]!]
    const model = new PromoteModel(
      {
        similar: (text) => {
          const answer = deferred<{ items: IdeaSummary[] }>()
          answers.push({ text, answer })
          return answer.promise
        },
        promote: async () => {
          throw new Error('unused')
        },
      },
      own,
      { similarDelayMs: 0 },
    )
    void model.start()
    model.setTitle('Kirjasto')
    await eventually(() => answers.length === 2)
    expect(answers[1]!.text.startsWith('Kirjasto\n')).toBe(true)
    // The newer answer arrives first; the older one must not overwrite it.
    answers[1]!.answer.resolve({ items: [summary('own'), summary('7', 'Kirjastoauto')] })
    await eventually(() => model.state.get().similar.items.length === 1)
    answers[0]!.answer.resolve({ items: [summary('8', 'stale')] })
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(model.state.get().similar.items.map((idea) => idea.title)).toEqual(['Kirjastoauto'])
    expect(model.state.get().existing).toEqual([{ ideaId: 'own', ref: 'KT-2026-0009', status: 'new', noteCount: 1 }])
    model.destroy()
  })

  it('promotes with the edited title, links instead when asked, and keeps the form on a refusal', async () => {
    const sent: PromoteBody[] = []
    let answer: () => Promise<{ idea: IdeaDetail; created: boolean }> = async () => ({
      idea: detail('1'),
      created: true,
    })
    const model = new PromoteModel(
      {
        similar: async () => ({ items: [] }),
        promote: (body) => {
          sent.push(body)
          return answer()
        },
      },
      notes,
    )

    model.setTitle('   ')
    await model.promote()
    expect(model.state.get().titleMissing).toBe(true)
    expect(sent).toEqual([])

    answer = async () => {
      throw new ApiError(409, 'conflict', 'n1 belongs to KT-2026-0003')
    }
    model.setTitle('  Sunnuntai-  kirjasto ')
    await model.promote()
    expect(model.state.get()).toMatchObject({
      phase: { kind: 'editing' },
      error: { status: 409, message: 'n1 belongs to KT-2026-0003' },
      title: '  Sunnuntai-  kirjasto ',
    })
    expect(sent[0]).toEqual({
      noteIds: ['n1', 'n2'],
      title: 'Sunnuntai- kirjasto',
      description: 'Kirjasto auki   sunnuntaisin\nmyös iltaisin\n\nOmatoimikirjasto',
    })

    answer = async () => ({ idea: detail('5'), created: false })
    await model.linkTo('5')
    expect(sent[1]).toEqual({ noteIds: ['n1', 'n2'], linkTo: '5' })
    expect(model.state.get().phase).toMatchObject({ kind: 'done', outcome: 'linked' })
    model.destroy()
  })

  it('tells apart the notes of one idea from a mix', () => {
    const a = { ideaId: 'a', ideaRef: 'KT-1', ideaStatus: 'new' }
    expect(existingIdeasOf([a, a, { ideaId: null, ideaRef: null, ideaStatus: null }])).toEqual([
      { ideaId: 'a', ref: 'KT-1', status: 'new', noteCount: 2 },
    ])
    const all = new PromoteModel(
      {
        similar: async () => ({ items: [] }),
        promote: async () => {
          throw new Error('unused')
        },
      },
      [
        { id: 'x', text: 'x', ...a },
        { id: 'y', text: 'y', ...a },
      ],
    )
    expect(all.state.get().allInOneIdea).toBe(true)
  })
})

describe('IdeaListModel', () => {
  it('shows only the answer to the latest state and keeps the old page while loading', async () => {
    const asked: Array<{ query: string; answer: ReturnType<typeof deferred<IdeaList>> }> = []
    const model = new IdeaListModel(
      {
        list: (query) => {
          const answer = deferred<IdeaList>()
          asked.push({ query, answer })
          return answer.promise
        },
        facets: async () => ({ statuses: [{ value: 'new', count: 2 }], departments: [], tags: [] }),
      },
      EMPTY_LIST_STATE,
      { searchDelayMs: 0 },
    )
    void model.start()
    await eventually(() => asked.length === 1 && model.facets.get() !== null)
    asked[0]!.answer.resolve(list([summary('1'), summary('2')]))
    await eventually(() => model.result.get().kind === 'loaded')

    model.set(withChange(model.state.get(), { statuses: ['screening'] }))
    expect(model.result.get()).toMatchObject({ kind: 'loaded', loading: true })
    model.set(withChange(model.state.get(), { tag: 'kirjasto' }))
    await eventually(() => asked.length === 3)
    expect(new URLSearchParams(asked[2]!.query).get('tag')).toBe('kirjasto')
    asked[2]!.answer.resolve(list([summary('3')]))
    asked[1]!.answer.resolve(list([summary('9')])) // aborted, late: ignored
    await eventually(
      () => model.result.get().kind === 'loaded' && !(model.result.get() as { loading: boolean }).loading,
    )
    await new Promise((resolve) => setTimeout(resolve, 10))
    const result = model.result.get()
    expect(result.kind === 'loaded' && result.list.items.map((idea) => idea.id)).toEqual(['3'])
    model.destroy()
  })

  it('waits for a pause in typing before searching, and reports failures', async () => {
    const queries: string[] = []
    let fail = false
    const model = new IdeaListModel(
      {
        list: async (query) => {
          queries.push(query)
          if (fail) throw new ApiError(400, 'bad_request', 'querystring/q is too long')
          return list([])
        },
        facets: async () => ({ statuses: [], departments: [], tags: [] }),
      },
      EMPTY_LIST_STATE,
      { searchDelayMs: 30 },
    )
    await model.start()
    for (const q of ['k', 'ki', 'kir']) model.set(withChange(model.state.get(), { q }))
    await eventually(() => queries.length === 2)
    await new Promise((resolve) => setTimeout(resolve, 60))
    expect(queries.length).toBe(2)
    expect(new URLSearchParams(queries[1]).get('q')).toBe('kir')
    fail = true
    await model.load()
    expect(model.result.get()).toEqual({ kind: 'error', status: 400, message: 'querystring/q is too long' })
    model.destroy()
  })
})

describe('the models after a stop', () => {
  it('start again, as React does in development (mount, unmount, mount)', async () => {
    const listModel = new IdeaListModel(
      { list: async () => list([summary('1')]), facets: async () => ({ statuses: [], departments: [], tags: [] }) },
      EMPTY_LIST_STATE,
    )
    void listModel.start()
    listModel.destroy()
    await listModel.start()
    expect(listModel.result.get()).toMatchObject({ kind: 'loaded', list: { total: 1 } })

    const promoteModel = new PromoteModel(
      {
        similar: async () => ({ items: [summary('2')] }),
        promote: async () => {
          throw new Error('unused')
        },
      },
      [{ id: 'n', text: 'Kirjasto', ideaId: null, ideaRef: null, ideaStatus: null }],
    )
    void promoteModel.start()
    promoteModel.destroy()
    await promoteModel.start()
    expect(promoteModel.state.get().similar.items.map((idea) => idea.id)).toEqual(['2'])
    promoteModel.destroy()
  })
})

describe('IdeaModel', () => {
  it('shows the idea the server answers, and re-reads it after a conflict', async () => {
    let current = detail('1')
    let reads = 0
    const model = new IdeaModel(
      {
        get: async () => {
          reads++
          return current
        },
        patch: async (_id, body, token) => {
          if (token !== 'hub') throw new ApiError(401, 'unauthorized', 'The innovation hub token is required')
          if (body.status === 'adopted')
            throw new ApiError(409, 'conflict', 'new → adopted is not a move of the workflow')
          current = detail('1', { status: body.status ?? current.status, updatedAt: 2 })
          return current
        },
      },
      'KT-2026-0001',
    )
    await model.load()
    expect(model.state.get()).toMatchObject({ kind: 'loaded', idea: { id: '1' } })

    expect(await model.patch({ status: 'screening' }, 'wrong')).toMatchObject({
      ok: false,
      status: 401,
      tokenRejected: true,
    })
    expect(await model.patch({ status: 'screening' }, 'hub')).toMatchObject({ ok: true })
    expect(model.state.get()).toMatchObject({ kind: 'loaded', idea: { status: 'screening' } })

    const readsBefore = reads
    expect(await model.patch({ status: 'adopted' }, 'hub')).toMatchObject({
      ok: false,
      status: 409,
      tokenRejected: false,
      message: 'new → adopted is not a move of the workflow',
    })
    await eventually(() => reads === readsBefore + 1)
    model.destroy()
  })

  it('says when there is no such idea', async () => {
    const model = new IdeaModel(
      {
        get: async () => {
          throw new ApiError(404, 'not_found', 'No idea KT-2026-0404.')
        },
        patch: async () => detail('x'),
      },
      'KT-2026-0404',
    )
    await model.load()
    expect(model.state.get()).toEqual({ kind: 'missing', message: 'No idea KT-2026-0404.' })
  })
})
