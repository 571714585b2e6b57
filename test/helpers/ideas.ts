import { expect } from 'vitest'
import type { BoardCreated, BoardSummary } from '@shared/api/boards.ts'
import type { ErrorBody } from '@shared/api/errors.ts'
import type { IdeaDetail, PromoteBody } from '@shared/api/ideas.ts'
import { createNote, createZone, setVotes } from '@shared/board/index.ts'
import { connectClient, type TestClient } from './clients.ts'
import { eventually } from './poll.ts'
import type { TestServer } from './server.ts'

export interface ApiResponse<T> {
  status: number
  body: T
  headers: Headers
  text: string
}

/** One JSON request to the API; the body is parsed when the response is JSON. */
export async function api<T = unknown>(
  server: TestServer,
  method: string,
  path: string,
  { token, body }: { token?: string; body?: unknown } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = {}
  if (token) headers['authorization'] = `Bearer ${token}`
  if (body !== undefined) headers['content-type'] = 'application/json'
  const response = await fetch(`${server.url}${path}`, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  })
  const text = await response.text()
  const json =
    (response.headers.get('content-type') ?? '').includes('application/json') && text ? JSON.parse(text) : text
  return { status: response.status, body: json as T, headers: response.headers, text }
}

export function hubToken(server: TestServer): string {
  return server.app.config.HUB_TOKEN
}

export interface NoteSpec {
  text: string
  zone?: string | null
  votes?: number
  authorName?: string
}

export interface BoardWithNotes {
  board: BoardCreated
  facilitator: TestClient
  noteIds: string[]
}

/**
 * A board with Disney-like zones and the given notes, written by a real y-websocket client
 * connected as facilitator; resolves when the server has every note.
 */
export async function boardWithNotes(
  server: TestServer,
  notes: readonly NoteSpec[],
  title = 'Kevään ideointi',
): Promise<BoardWithNotes> {
  const board = await server.createBoard(title)
  const facilitator = connectClient(server.syncUrl, board.id, board.tokens.facilitator)
  await facilitator.synced()
  const doc = facilitator.doc
  createZone(doc, {
    id: 'dreamer',
    title: 'Unelmoija',
    kind: 'dreamer',
    x: 0,
    y: 0,
    width: 400,
    height: 600,
    color: '#dbeafe',
    prompt: '',
  })
  createZone(doc, {
    id: 'realist',
    title: 'Realisti',
    kind: 'realist',
    x: 450,
    y: 0,
    width: 400,
    height: 600,
    color: '#dcfce7',
    prompt: '',
  })
  createZone(doc, {
    id: 'critic',
    title: 'Kriitikko',
    kind: 'critic',
    x: 900,
    y: 0,
    width: 400,
    height: 600,
    color: '#fee2e2',
    prompt: '',
  })
  const noteIds = notes.map((note, index) => {
    const id = createNote(doc, {
      text: note.text,
      x: 20 + index * 10,
      y: 20,
      color: '#fde68a',
      zone: note.zone === undefined ? 'dreamer' : note.zone,
      authorId: `p${index}`,
      authorName: note.authorName ?? 'Aino',
    })
    for (let vote = 0; vote < (note.votes ?? 0); vote++) setVotes(doc, id, `voter${vote}`, 1)
    return id
  })
  await eventually(async () => {
    const summary = await api<BoardSummary>(server, 'GET', `/api/boards/${board.id}`, { token: board.tokens.viewer })
    expect(summary.body.counts.notes).toBe(notes.length)
  })
  return { board, facilitator, noteIds }
}

export async function promote(
  server: TestServer,
  board: BoardCreated,
  body: PromoteBody,
  token = board.tokens.facilitator,
): Promise<ApiResponse<IdeaDetail & ErrorBody>> {
  return api<IdeaDetail & ErrorBody>(server, 'POST', `/api/boards/${board.id}/promote`, { token, body })
}

export async function patchIdea(
  server: TestServer,
  id: string,
  body: Record<string, unknown>,
  token = hubToken(server),
): Promise<ApiResponse<IdeaDetail & ErrorBody>> {
  return api<IdeaDetail & ErrorBody>(server, 'PATCH', `/api/ideas/${id}`, { token, body })
}
