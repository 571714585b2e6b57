import { useState } from 'react'
import { PERMISSIONS } from '@shared/roles.ts'
import { meStore } from '../../app/me.ts'
import { cleanDisplayName, DISPLAY_NAME_MAX_CHARS } from '../../identity/identity.ts'
import { readJson, writeJson } from '../../lib/local-storage.ts'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'

/** Set once this device has been asked (answered or skipped): it is asked once, not on every board. */
const ASKED_KEY = 'kokeileva.nameAsked'

/**
 * Asks a writer who has not signed in for their name when they join: a small card over the
 * board, never in the way (the generated name stays until they answer, and Skip keeps it).
 * Renaming renames their notes (shared/board/names.ts).
 */
export function NamePrompt() {
  const { session, identity } = useBoard()
  const { t } = useT()
  const me = useStore(identity)
  const signedIn = useStore(meStore).user !== null
  const [asked, setAsked] = useState(() => readJson(ASKED_KEY, (v): v is boolean => typeof v === 'boolean', false))
  if (asked || signedIn || !PERMISSIONS[session.role].writeContent) return null
  const done = () => {
    writeJson(ASKED_KEY, true)
    setAsked(true)
  }
  return (
    <form
      className="name-prompt card"
      aria-label={t('namePrompt.label')}
      data-testid="name-prompt"
      onSubmit={(event) => {
        event.preventDefault()
        const input = event.currentTarget.elements.namedItem('promptName') as HTMLInputElement
        const next = { ...me, name: cleanDisplayName(input.value, me.name) }
        identity.set(next)
        session.setIdentity(next)
        done()
      }}
    >
      <label>
        {t('namePrompt.question')}
        <input name="promptName" placeholder={me.name} maxLength={DISPLAY_NAME_MAX_CHARS} />
      </label>
      <button type="submit">{t('namePrompt.save')}</button>
      <button type="button" className="link-button" onClick={done}>
        {t('namePrompt.skip', { name: me.name })}
      </button>
    </form>
  )
}
