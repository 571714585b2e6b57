import { useState } from 'react'
import { cleanDisplayName, DISPLAY_NAME_MAX_CHARS, PRESENCE_COLORS } from '../../identity/identity.ts'
import { readableUnderWhite } from '../../lib/contrast.ts'
import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { initials } from './initials.ts'

/**
 * Who is here (one dot per person, however many tabs they have open, with what they are editing) and this user's own
 * generated name and colour, editable in place at any time — never a blocking dialog.
 */
export function Participants() {
  const { session, identity } = useBoard()
  const { t } = useT()
  const people = useStore(session.presence.participants)
  const me = useStore(identity)
  useStore(session.stores.session) // silent mode decides what the avatars may say
  const notes = session.stores.notes
  const [open, setOpen] = useState(false)
  const others = people.filter((p) => !p.self)
  return (
    <div className="participants">
      <ul className="avatars" aria-label={t('presence.list', { count: others.length + 1 })}>
        {others.slice(0, 6).map((person) => {
          const editing = person.editing ? notes.get(person.editing) : undefined
          // In silent mode the note someone edits may be face down here: name the person only.
          const name =
            person.tabs > 1 ? t('presence.tabs', { name: person.user.name, count: person.tabs }) : person.user.name
          const title =
            editing && session.rules.visibility(editing) === 'visible'
              ? t('presence.editing', { name, text: snippet(editing.text) })
              : name
          return (
            <li
              key={person.clientId}
              className="avatar"
              style={{ background: readableUnderWhite(person.user.color) }}
              title={title}
              aria-label={title}
            >
              {initials(person.user.name)}
            </li>
          )
        })}
        {others.length > 6 && (
          <li className="avatar more" aria-label={t('presence.more', { count: others.length - 6 })}>
            +{others.length - 6}
          </li>
        )}
      </ul>
      <button
        type="button"
        className="me"
        aria-expanded={open}
        aria-controls="identity-editor"
        onClick={() => setOpen(!open)}
        title={t('presence.changeName')}
      >
        <span className="avatar" style={{ background: readableUnderWhite(me.color) }} aria-hidden="true">
          {initials(me.name)}
        </span>
        <span>{me.name}</span>
      </button>
      {open && (
        <form
          id="identity-editor"
          className="identity-editor"
          onSubmit={(event) => {
            event.preventDefault()
            const input = event.currentTarget.elements.namedItem('displayName') as HTMLInputElement
            const next = { ...me, name: cleanDisplayName(input.value, me.name) }
            identity.set(next)
            session.setIdentity(next)
            setOpen(false)
          }}
        >
          <label>
            {t('presence.yourName')}
            <input name="displayName" defaultValue={me.name} maxLength={DISPLAY_NAME_MAX_CHARS} autoFocus />
          </label>
          <fieldset>
            <legend>{t('presence.yourColor')}</legend>
            <div className="color-choices">
              {PRESENCE_COLORS.map((color) => (
                <button
                  key={color}
                  type="button"
                  className="swatch"
                  style={{ background: color }}
                  aria-label={color}
                  aria-pressed={me.color === color}
                  onClick={() => {
                    const next = { ...me, color }
                    identity.set(next)
                    session.setIdentity(next)
                  }}
                />
              ))}
            </div>
          </fieldset>
          <button type="submit">{t('common.save')}</button>
        </form>
      )}
    </div>
  )
}

function snippet(text: string): string {
  const line = text.split('\n')[0] ?? ''
  return line.length > 30 ? `${line.slice(0, 30)}…` : line || '…'
}
