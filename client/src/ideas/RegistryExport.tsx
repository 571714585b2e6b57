import { useState } from 'react'
import type { CsvSeparator } from '@shared/api/exports.ts'
import type { Locale } from '@shared/templates/types.ts'
import {
  defaultSeparator,
  localMidnightIso,
  registryExportPath,
  type RegistryExportFormat,
} from '../exports/export-paths.ts'
import { ExportLanguage, RadioGroup, SEPARATOR_OPTIONS } from '../exports/ExportOptions.tsx'
import { DownloadStatusLine, useFileDownload } from '../exports/use-file-download.tsx'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'

const FORMATS: readonly { value: RegistryExportFormat; label: MessageKey; hint: MessageKey }[] = [
  { value: 'csv', label: 'export.csv', hint: 'export.csvHint' },
  { value: 'json', label: 'export.json', hint: 'export.jsonHint' },
]

/**
 * The whole registry (or the ideas changed since a day, for the network's meeting agenda) as
 * CSV or JSON, every field.
 */
export function RegistryExport() {
  const { t, locale } = useT()
  const [format, setFormat] = useState<RegistryExportFormat>('csv')
  const [separator, setSeparator] = useState<CsvSeparator>(() => defaultSeparator(locale))
  const [lang, setLang] = useState<Locale>(locale)
  const [since, setSince] = useState('')
  const { status, download: fetchAndSave, fail } = useFileDownload()

  const download = () => {
    const changedSince = since ? localMidnightIso(since) : null
    if (since && !changedSince) return fail(t('export.badDate'))
    return fetchAndSave(registryExportPath({ format, lang, separator, changedSince }), {
      fallbackName: `kokeileva-ideas.${format}`,
    })
  }

  return (
    <section className="card registry-export" aria-labelledby="registry-export-title">
      <h2 id="registry-export-title">{t('export.registryTitle')}</h2>
      <p className="muted">{t('export.registryLead')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault()
          void download()
        }}
      >
        <div className="export-columns">
          <RadioGroup
            name="registry-export-format"
            legend="export.format"
            options={FORMATS}
            value={format}
            onChange={setFormat}
          />
          {format === 'csv' && (
            <RadioGroup
              name="registry-export-separator"
              legend="export.separator"
              options={SEPARATOR_OPTIONS}
              value={separator}
              onChange={setSeparator}
            />
          )}
        </div>
        <label htmlFor="registry-export-since">{t('export.changedSince')}</label>
        <input
          id="registry-export-since"
          type="date"
          className="date-input"
          value={since}
          onChange={(event) => setSince(event.target.value)}
          aria-describedby="registry-export-since-hint"
        />
        <p id="registry-export-since-hint" className="muted">
          {t('export.changedSinceHint')}
        </p>
        {format === 'csv' && <ExportLanguage id="registry-export-lang" value={lang} onChange={setLang} />}
        <div className="panel-actions">
          <button type="submit" aria-disabled={status.kind === 'busy'}>
            {status.kind === 'busy' ? t('export.downloading') : t('export.download')}
          </button>
        </div>
        <DownloadStatusLine status={status} />
      </form>
    </section>
  )
}
