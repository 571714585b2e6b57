import { useId, useState } from 'react'
import { TEMPLATE_LIMITS } from '@shared/templates/types.ts'
import { ApiError, saveTemplate } from '../api/http.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'

/**
 * "Save this board as a template": its zones, phase plan and dots per person become a method
 * on the start page (POST /api/templates with this board's facilitator token). The name is
 * given in the UI language; the server fills the other language with the same text.
 */
export function SaveTemplateSection({ board }: { board: BoardContextValue }) {
  const { t, locale } = useT()
  const id = useId()
  const meta = useStore(board.session.stores.meta)
  const [name, setName] = useState<string | null>(null)
  const [description, setDescription] = useState('')
  const [busy, setBusy] = useState(false)
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null)
  // Until the facilitator types a name, the board's title is offered.
  const shownName = name ?? meta.title.slice(0, TEMPLATE_LIMITS.nameMaxChars)

  const save = async () => {
    const trimmed = shownName.trim()
    if (!trimmed) {
      setResult({ ok: false, text: t('facilitation.template.nameRequired') })
      return
    }
    setBusy(true)
    setResult(null)
    try {
      const saved = await saveTemplate(
        {
          boardId: board.session.boardId,
          name: { [locale]: trimmed },
          ...(description.trim() ? { description: { [locale]: description.trim() } } : {}),
        },
        board.session.token,
      )
      setResult({ ok: true, text: t('facilitation.template.saved', { name: saved.name[locale] }) })
    } catch (caught) {
      const message = caught instanceof ApiError ? caught.message : String(caught)
      setResult({ ok: false, text: t('facilitation.template.failed', { message }) })
    } finally {
      setBusy(false)
    }
  }

  return (
    <section className="panel-section" aria-labelledby="panel-template">
      <h3 id="panel-template">{t('facilitation.template.title')}</h3>
      <p className="hint">{t('facilitation.template.hint')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void save()
        }}
      >
        <label htmlFor={`${id}-name`}>{t('facilitation.template.name')}</label>
        <input
          id={`${id}-name`}
          value={shownName}
          maxLength={TEMPLATE_LIMITS.nameMaxChars}
          onChange={(event) => setName(event.target.value)}
          data-testid="template-name"
        />
        <label htmlFor={`${id}-description`}>{t('facilitation.template.description')}</label>
        <textarea
          id={`${id}-description`}
          rows={2}
          value={description}
          maxLength={TEMPLATE_LIMITS.descriptionMaxChars}
          onChange={(event) => setDescription(event.target.value)}
        />
        <button type="submit" disabled={busy} data-testid="template-save">
          {busy ? t('facilitation.template.saving') : t('facilitation.template.save')}
        </button>
      </form>
      {result && (
        <p className={result.ok ? 'success' : 'error'} role={result.ok ? 'status' : 'alert'}>
          {result.text}
        </p>
      )}
    </section>
  )
}
