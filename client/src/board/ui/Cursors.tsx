import { readableUnderWhite } from '../../lib/contrast.ts'
import { useStore } from '../../lib/use-store.ts'
import { useBoard } from '../board-context.ts'
import { boardToScreen } from '../view/viewport.ts'

/** Others' pointers with their names, as HTML over the canvas (the canvas never redraws for them). */
export function Cursors() {
  const { session, viewport } = useBoard()
  const peers = useStore(session.presence.peers)
  const view = useStore(viewport)
  const size = useStore(viewport.size)
  return (
    <div className="cursors" aria-hidden="true">
      {peers.map((peer) => {
        if (!peer.cursor) return null
        const at = boardToScreen(view, peer.cursor)
        if (at.x < -20 || at.y < -20 || at.x > size.width + 20 || at.y > size.height + 20) return null
        return (
          <div key={peer.clientId} className="cursor" style={{ transform: `translate(${at.x}px, ${at.y}px)` }}>
            <svg width="16" height="20" viewBox="0 0 16 20">
              <path
                d="M1 1 L1 16 L5 12 L8 19 L11 18 L8 11 L14 11 Z"
                fill={peer.user.color}
                stroke="#fff"
                strokeWidth="1.5"
              />
            </svg>
            <span className="cursor-name" style={{ background: readableUnderWhite(peer.user.color) }}>
              {peer.user.name}
            </span>
          </div>
        )
      })}
    </div>
  )
}
