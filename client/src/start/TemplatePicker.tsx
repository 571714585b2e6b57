import type { TemplateBody } from '@shared/api/templates.ts'
import { LOCALE_NAMES } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'

/**
 * The method picker: the built-in methods first, then the templates facilitators saved from
 * their boards (newest first, as the server lists them).
 */
export function TemplatePicker({
  id,
  templates,
  value,
  onChange,
}: {
  id: string
  templates: readonly TemplateBody[]
  value: string
  onChange: (id: string) => void
}) {
  const { t, locale } = useT()
  const builtIn = templates.filter((item) => item.builtIn)
  const custom = templates.filter((item) => !item.builtIn)
  const option = (item: TemplateBody) => (
    <option key={item.id} value={item.id}>
      {item.name[locale]}
    </option>
  )
  return (
    <select id={id} value={value} onChange={(event) => onChange(event.target.value)} data-testid="template-picker">
      {custom.length === 0 ? (
        builtIn.map(option)
      ) : (
        <>
          <optgroup label={t('facilitation.start.builtIn')}>{builtIn.map(option)}</optgroup>
          <optgroup label={t('facilitation.start.custom')}>{custom.map(option)}</optgroup>
        </>
      )}
    </select>
  )
}

/** What the chosen method is: its description, its phases with their minutes, the language. */
export function TemplateSummary({ template }: { template: TemplateBody }) {
  const { t, locale } = useT()
  const phases = template.phases
    .map((phase) =>
      phase.minutes > 0
        ? `${phase.title[locale]} (${t('facilitation.phase.minutes', { minutes: phase.minutes })})`
        : phase.title[locale],
    )
    .join(' → ')
  return (
    <div className="template-summary" data-testid="template-summary">
      <p className="muted">{template.description[locale]}</p>
      {template.phases.length > 1 && <p className="muted">{t('facilitation.start.phases', { phases })}</p>}
      {template.builtIn && template.zones.length > 0 && (
        <p className="hint">{t('facilitation.start.language', { language: LOCALE_NAMES[locale] })}</p>
      )}
      {!template.builtIn && <p className="hint">{t('facilitation.start.customLanguage')}</p>}
    </div>
  )
}
