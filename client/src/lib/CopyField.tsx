import { useState } from 'react'
import { useT } from '../i18n/use-t.ts'

/**
 * A read-only text (a share link) with a Copy button. Without clipboard permission (plain http,
 * an old browser) the text is focused and selected instead, for a manual copy.
 */
export function CopyField({
  id,
  value,
  copyLabel,
  testId,
}: {
  id: string
  value: string
  copyLabel: string
  testId?: string
}) {
  const { t } = useT()
  const [copied, setCopied] = useState(false)
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value)
      setCopied(true)
    } catch {
      // No clipboard: selecting the text is the next best thing (focus selects it).
      document.getElementById(id)?.focus()
    }
  }
  return (
    <div className="copy-row">
      <input id={id} readOnly value={value} onFocus={(event) => event.currentTarget.select()} data-testid={testId} />
      <button
        type="button"
        onClick={() => void copy()}
        aria-label={copyLabel}
        data-testid={testId ? `${testId}-copy` : undefined}
      >
        {copied ? t('share.copied') : t('share.copy')}
      </button>
      <span role="status" aria-live="polite" className="visually-hidden">
        {copied ? t('share.copied') : ''}
      </span>
    </div>
  )
}
