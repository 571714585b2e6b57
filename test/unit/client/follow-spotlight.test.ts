import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { createNote, createZone, updateNote, type SessionState } from '@shared/board/index.ts'
import { BoardStores } from '../../../client/src/board/data/board-stores.ts'
import { FollowController, type AwarenessLike } from '../../../client/src/board/view/follow.ts'
import { SpotlightController } from '../../../client/src/board/view/spotlight.ts'
import { ViewportStore, visibleBoardRect } from '../../../client/src/board/view/viewport.ts'
import { Store } from '../../../client/src/lib/store.ts'
import { eventually } from '../../helpers/poll.ts'

/** Awareness clients sharing one room in memory: a change by one is seen by all at once. */
class Room {
  readonly states = new Map<number, Record<string, unknown>>()
  readonly listeners = new Set<() => void>()
  client(clientID: number): AwarenessLike {
    this.states.set(clientID, {})
    return {
      clientID,
      getStates: () => this.states,
      setLocalStateField: (field, value) => {
        this.states.set(clientID, { ...this.states.get(clientID), [field]: value })
        for (const listener of [...this.listeners]) listener()
      },
      on: (_event, listener) => void this.listeners.add(listener),
      off: (_event, listener) => void this.listeners.delete(listener),
    }
  }
}

type Follow = Pick<SessionState, 'follow'>

describe('FollowController', () => {
  it('the leader publishes its view; others fit it to their screen until they move themselves', async () => {
    const room = new Room()
    const session = new Store<Follow>({ follow: null })
    const leaderView = new ViewportStore({ x: -200, y: -100, scale: 1 })
    leaderView.size.set({ width: 1000, height: 600 })
    const followerView = new ViewportStore()
    followerView.size.set({ width: 500, height: 300 })
    const leader = new FollowController(session, room.client(1), leaderView)
    const follower = new FollowController(session, room.client(2), followerView)
    expect(follower.status.get()).toBe('off')

    session.set({ follow: { clientId: 1, since: 100 } })
    expect(leader.status.get()).toBe('leading')
    expect(follower.status.get()).toBe('following')
    // The follower sees what the leader sees (a smaller screen: zoomed out to fit).
    expect(visibleBoardRect(followerView.get(), followerView.size.get())).toEqual({
      x: 200,
      y: 100,
      width: 1000,
      height: 600,
    })

    // The leader pans: the follower follows (published at most every 100 ms).
    leaderView.panBy(-300, 0)
    await eventually(() => expect(visibleBoardRect(followerView.get(), followerView.size.get()).x).toBe(500))

    // The follower zooms on their own: they stop following this request.
    followerView.zoomAtCenter(2)
    expect(follower.status.get()).toBe('looking-around')
    const ownView = followerView.get()
    leaderView.panBy(-300, 0)
    await new Promise((resolve) => setTimeout(resolve, 150))
    expect(followerView.get()).toEqual(ownView)

    // "Follow again" (or a new request) brings them back.
    follower.followAgain()
    expect(follower.status.get()).toBe('following')
    expect(visibleBoardRect(followerView.get(), followerView.size.get()).x).toBe(800)
    followerView.panBy(10, 0)
    expect(follower.status.get()).toBe('looking-around')
    session.set({ follow: { clientId: 1, since: 200 } })
    expect(follower.status.get()).toBe('following')

    // Stopping: the leader withdraws its published view.
    session.set({ follow: null })
    expect(follower.status.get()).toBe('off')
    expect(leader.status.get()).toBe('off')
    expect(room.states.get(1)?.['viewport']).toBeNull()
    leader.destroy()
    follower.destroy()
  })
})

describe('SpotlightController', () => {
  it('tracks the spotlit note as it moves, centres each new spotlight once, and can be hidden locally', () => {
    const doc = new Y.Doc()
    const stores = new BoardStores(doc)
    const note = createNote(doc, { x: 1000, y: 1000, color: '#fff', zone: null, authorId: 'a', authorName: 'A' })
    const zone = createZone(doc, {
      kind: 'dreamer',
      title: 'Dreamer',
      prompt: '',
      x: 0,
      y: 0,
      width: 400,
      height: 300,
      color: '#fff',
    })
    const session = new Store<Pick<SessionState, 'spotlight'>>({ spotlight: null })
    const viewport = new ViewportStore()
    viewport.size.set({ width: 800, height: 600 })
    const spotlight = new SpotlightController(session, stores.zones, stores.notes, viewport, {
      centre: true,
      isFollowing: () => false,
    })
    expect(spotlight.active.get()).toBeNull()

    session.set({ spotlight: { kind: 'note', id: note, since: 1 } })
    expect(spotlight.active.get()).toMatchObject({ kind: 'note', id: note, rect: { x: 1000, y: 1000 } })
    const centre = visibleBoardRect(viewport.get(), viewport.size.get())
    expect(centre.x + centre.width / 2).toBeCloseTo(1080)
    expect(centre.y + centre.height / 2).toBeCloseTo(1080)

    // The user looks elsewhere; the note moves: the ring follows, the view does not jump back.
    viewport.panBy(500, 0)
    const moved = viewport.get()
    updateNote(doc, note, { x: 1200 })
    expect(spotlight.active.get()?.rect.x).toBe(1200)
    expect(viewport.get()).toEqual(moved)

    spotlight.hide()
    expect(spotlight.active.get()).toBeNull()
    session.set({ spotlight: { kind: 'zone', id: zone, since: 2 } })
    expect(spotlight.active.get()).toMatchObject({ kind: 'zone', rect: { x: 0, y: 0, width: 400, height: 300 } })
    session.set({ spotlight: { kind: 'note', id: 'deleted', since: 3 } })
    expect(spotlight.active.get()).toBeNull()
    spotlight.destroy()
    stores.destroy()
  })

  it('leaves the view alone for the facilitator who set it, and while following', () => {
    const doc = new Y.Doc()
    const stores = new BoardStores(doc)
    const note = createNote(doc, { x: 3000, y: 3000, color: '#fff', zone: null, authorId: 'a', authorName: 'A' })
    const session = new Store<Pick<SessionState, 'spotlight'>>({ spotlight: null })
    const viewport = new ViewportStore()
    const facilitator = new SpotlightController(session, stores.zones, stores.notes, viewport, {
      centre: false,
      isFollowing: () => false,
    })
    const following = new SpotlightController(session, stores.zones, stores.notes, viewport, {
      centre: true,
      isFollowing: () => true,
    })
    const before = viewport.get()
    session.set({ spotlight: { kind: 'note', id: note, since: 1 } })
    expect(viewport.get()).toEqual(before)
    expect(facilitator.active.get()?.id).toBe(note)
    expect(following.active.get()?.id).toBe(note)
    facilitator.destroy()
    following.destroy()
    stores.destroy()
  })
})
