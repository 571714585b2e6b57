import { useEffect, useState } from 'react'
import { throttle } from '../../lib/throttle.ts'
import { useStore, useStoreSelector } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { ideaBadge } from '../canvas/idea-badge.ts'

const LIST_LIMIT = 200
const canVoteNow = (state: { voting: { open: boolean }; locked: boolean }) => state.voting.open && !state.locked

/**
 * For screen readers: the notes in view as a list (the canvas itself is a picture). Each
 * entry selects its note; Enter on the canvas then edits it.
 */
export function NotesList() {
  const { session, culled, ui, commands } = useBoard()
  const { t, locale } = useT()
  const ids = useStore(culled.ids)
  // While a dot vote is open, each note can be voted on from here too (keyboard, screen reader).
  const voting = useStoreSelector(session.stores.session, canVoteNow) && session.role !== 'viewer'
  // Re-read the texts at most twice a second: the list is for reading, not for animation.
  const [, setVersion] = useState(0)
  useEffect(() => {
    const refresh = throttle(() => setVersion((v) => v + 1), 500)
    const off = session.stores.changes.on(() => refresh.call())
    return () => {
      off()
      refresh.cancel()
    }
  }, [session])
  return (
    <section className="visually-hidden" aria-label={t('notes.listLabel', { count: ids.length })}>
      <ul>
        {ids.slice(0, LIST_LIMIT).map((id) => {
          const note = session.stores.notes.get(id)
          if (!note) return null
          const badge = ideaBadge(note, locale)
          const item = t('notes.item', { text: note.text || t('notes.empty'), author: note.authorName })
          const label =
            session.rules.visibility(note) === 'face-down'
              ? t('note.faceDown')
              : badge
                ? t('ideas.noteBadge', { item, badge })
                : item
          return (
            <li key={id}>
              <button type="button" onClick={() => ui.select([id])} onDoubleClick={() => commands.editNote(id)}>
                {label}
              </button>
              {voting && (
                <>
                  <button type="button" onClick={() => commands.vote(id, 1)}>
                    {t('facilitation.vote.giveTo', { text: label })}
                  </button>
                  {(note.votes[session.identity.id] ?? 0) > 0 && (
                    <button type="button" onClick={() => commands.vote(id, -1)}>
                      {t('facilitation.vote.takeFrom', { text: label })}
                    </button>
                  )}
                </>
              )}
            </li>
          )
        })}
      </ul>
    </section>
  )
}
