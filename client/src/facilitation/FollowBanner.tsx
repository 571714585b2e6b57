import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'

/**
 * Over the canvas while "bring everyone to me" is on: the facilitator is told that everyone
 * follows (and can stop it); others, that their view follows the facilitator's until they
 * move — and, once they did, how to follow again.
 */
export function FollowBanner({ board }: { board: BoardContextValue }) {
  const { t } = useT()
  const status = useStore(board.follow.status)
  if (status === 'off') return null
  return (
    <div
      className={`canvas-chip follow-chip follow-${status}`}
      role="status"
      data-testid="follow-banner"
      data-status={status}
    >
      {status === 'leading' && (
        <>
          <span>{t('facilitation.follow.leading')}</span>
          <button type="button" onClick={() => board.session.controls.setFollowMe(false)}>
            {t('facilitation.follow.stop')}
          </button>
        </>
      )}
      {status === 'following' && <span>{t('facilitation.follow.following')}</span>}
      {status === 'looking-around' && (
        <>
          <span>{t('facilitation.follow.lookingAround')}</span>
          <button type="button" onClick={() => board.follow.followAgain()}>
            {t('facilitation.follow.again')}
          </button>
        </>
      )}
    </div>
  )
}
