import { useState } from 'react'
import type { CsvSeparator } from '@shared/api/exports.ts'
import type { Locale } from '@shared/templates/types.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { boardExportPath, defaultSeparator, type BoardExportFormat } from '../exports/export-paths.ts'
import { ExportLanguage, RadioGroup, SEPARATOR_OPTIONS } from '../exports/ExportOptions.tsx'
import { DownloadStatusLine, useFileDownload } from '../exports/use-file-download.tsx'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'

const FORMATS: readonly { value: BoardExportFormat; label: MessageKey; hint: MessageKey }[] = [
  { value: 'md', label: 'export.markdown', hint: 'export.markdownHint' },
  { value: 'csv', label: 'export.csv', hint: 'export.csvHint' },
  { value: 'json', label: 'export.json', hint: 'export.jsonHint' },
]

/**
 * The board as an idea list (GET /api/boards/:id/export), for anyone with a link to it. The
 * file is fetched with the board's token in the Authorization header and saved from a Blob:
 * the token never appears in a URL.
 */
export function BoardExportPanel({ board, onClose }: { board: BoardContextValue; onClose: () => void }) {
  const { t, locale } = useT()
  const [format, setFormat] = useState<BoardExportFormat>('md')
  const [separator, setSeparator] = useState<CsvSeparator>(() => defaultSeparator(locale))
  const [lang, setLang] = useState<Locale>(locale)
  const { status, download: fetchAndSave } = useFileDownload()
  const { boardId, token } = board.session

  const download = () =>
    fetchAndSave(boardExportPath(boardId, { format, lang, separator }), {
      token,
      fallbackName: `kokeileva-${boardId}.${format}`,
    })

  return (
    // Keys typed here are for the panel's controls, not the board's shortcuts.
    <div className="export-panel" onKeyDown={(event) => event.stopPropagation()}>
      <h2>{t('export.boardTitle')}</h2>
      <p className="muted">{t('export.boardLead')}</p>
      <RadioGroup
        name="board-export-format"
        legend="export.format"
        options={FORMATS}
        value={format}
        onChange={setFormat}
      />
      {format === 'csv' && (
        <RadioGroup
          name="board-export-separator"
          legend="export.separator"
          options={SEPARATOR_OPTIONS}
          value={separator}
          onChange={setSeparator}
        />
      )}
      {format !== 'json' && <ExportLanguage id="board-export-lang" value={lang} onChange={setLang} />}
      <div className="panel-actions">
        <button
          type="button"
          className="primary"
          onClick={() => void download()}
          aria-disabled={status.kind === 'busy'}
        >
          {status.kind === 'busy' ? t('export.downloading') : t('export.download')}
        </button>
        <button type="button" onClick={onClose}>
          {t('common.close')}
        </button>
      </div>
      <DownloadStatusLine status={status} />
    </div>
  )
}
