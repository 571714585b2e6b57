import type { MeResponse, MyBoards } from '@shared/api/me.ts'
import { request } from '../api/http.ts'
import { Store } from '../lib/store.ts'
import { identityStore } from './identity.ts'

/** Who is using the app: the sign-in mode and the signed-in person (null without sign-in). */
export const meStore = new Store<MeResponse>({ auth: 'links', user: null, guestLinks: true })

/**
 * Asks the server who is signed in, before any board opens: a signed-in person's account id
 * is their participant id on every board (the server holds them to it), and their name is
 * their account's. Offline or on an older server, the device's own identity stays.
 */
export function loadMe(): Promise<void> {
  // One question per page: the board's early entry (client/src/early.ts) asks first, the app
  // takes the same answer.
  return (firstAnswer ??= askWhoIsSignedIn())
}

let firstAnswer: Promise<void> | null = null

async function askWhoIsSignedIn(): Promise<void> {
  try {
    const me = await request<MeResponse>('/api/me', { cache: 'no-store' })
    meStore.set(me)
    if (me.user) identityStore.set({ ...identityStore.get(), id: me.user.id, name: me.user.name })
  } catch {
    // No answer (offline, served from the device): the device's identity is used.
  }
}

/** The address that signs a person in and brings them back to `returnTo` (a path on this site). */
export function signInHref(returnTo: string): string {
  return `/auth/login?returnTo=${encodeURIComponent(returnTo)}`
}

/** The page the person is on, as a returnTo: path and query, never the fragment (a share token). */
export function currentPath(): string {
  return `${window.location.pathname}${window.location.search}`
}

/** Ends the session on the server (POST /auth/logout), then starts afresh on the start page. */
export async function signOut(): Promise<void> {
  try {
    await fetch('/auth/logout', { method: 'POST', cache: 'no-store' })
  } finally {
    window.location.assign('/')
  }
}

/**
 * Whether share links open boards to this person: not when the server wants everyone signed in
 * (AUTH=oidc with GUEST_LINKS=false) and they are not.
 */
export function mustSignInToJoin(me: MeResponse): boolean {
  return me.auth === 'oidc' && !me.guestLinks && me.user === null
}

/** Bumped when this page created a board: "My boards" asks the server again. */
export const myBoardsChanged = new Store(0)

/** GET /api/boards: the signed-in person's boards on any device. */
export function fetchMyBoards(): Promise<MyBoards> {
  return request<MyBoards>('/api/boards', { cache: 'no-store' })
}
