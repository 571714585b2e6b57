import { useState } from 'react'
import type { CsvSeparator } from '../../../shared/api/exports.ts'
import type { Locale } from '../../../shared/templates/types.ts'
import { fetchFile, saveBlob } from '../api/download.ts'
import { ApiError } from '../api/http.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { boardExportPath, defaultSeparator, type BoardExportFormat } from '../exports/export-paths.ts'
import { ExportLanguage, RadioGroup, SEPARATOR_OPTIONS } from '../exports/ExportOptions.tsx'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'

const FORMATS: readonly { value: BoardExportFormat; label: MessageKey; hint: MessageKey }[] = [
  { value: 'md', label: 'export.markdown', hint: 'export.markdownHint' },
  { value: 'csv', label: 'export.csv', hint: 'export.csvHint' },
  { value: 'json', label: 'export.json', hint: 'export.jsonHint' },
]

type Status = { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; fileName: string } | { kind: 'failed'; message: string }

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
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const { boardId, token } = board.session

  const download = async () => {
    if (status.kind === 'busy') return
    setStatus({ kind: 'busy' })
    try {
      const file = await fetchFile(boardExportPath(boardId, { format, lang, separator }), {
        token,
        fallbackName: `kokeileva-${boardId}.${format}`,
      })
      saveBlob(file)
      setStatus({ kind: 'done', fileName: file.fileName })
    } catch (error) {
      const message = error instanceof ApiError && error.status === 0 ? t('ideas.networkError') : t('export.failed', { message: error instanceof Error ? error.message : String(error) })
      setStatus({ kind: 'failed', message })
    }
  }

  return (
    // Keys typed here are for the panel's controls, not the board's shortcuts.
    <div className="export-panel" onKeyDown={(event) => event.stopPropagation()}>
      <h2>{t('export.boardTitle')}</h2>
      <p className="muted">{t('export.boardLead')}</p>
      <RadioGroup name="board-export-format" legend="export.format" options={FORMATS} value={format} onChange={setFormat} />
      {format === 'csv' && (
        <RadioGroup name="board-export-separator" legend="export.separator" options={SEPARATOR_OPTIONS} value={separator} onChange={setSeparator} />
      )}
      {format !== 'json' && <ExportLanguage id="board-export-lang" value={lang} onChange={setLang} />}
      <div className="panel-actions">
        <button type="button" className="primary" onClick={() => void download()} aria-disabled={status.kind === 'busy'}>
          {status.kind === 'busy' ? t('export.downloading') : t('export.download')}
        </button>
        <button type="button" onClick={onClose}>{t('common.close')}</button>
      </div>
      <p aria-live="polite" className={status.kind === 'failed' ? 'error' : 'muted'} role={status.kind === 'failed' ? 'alert' : undefined}>
        {status.kind === 'done' ? t('export.done', { file: status.fileName }) : status.kind === 'failed' ? status.message : ''}
      </p>
    </div>
  )
}
