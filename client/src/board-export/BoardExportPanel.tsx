import { useState } from 'react'
import type { CsvSeparator } from '@shared/api/exports.ts'
import type { Locale } from '@shared/templates/types.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { boardExportPath, defaultSeparator, type BoardExportFormat } from '../exports/export-paths.ts'
import { ExportLanguage, RadioGroup, SEPARATOR_OPTIONS } from '../exports/ExportOptions.tsx'
import { DownloadStatusLine, useFileDownload } from '../exports/use-file-download.tsx'
import type { MessageKey } from '../i18n/index.ts'
import { useT } from '../i18n/use-t.ts'
import { PictureArea, PictureStatusLine } from './PictureExport.tsx'
import { usePictureExport, type PictureFormat } from './use-picture-export.ts'

type PanelFormat = BoardExportFormat | PictureFormat

const FORMATS: readonly { value: PanelFormat; label: MessageKey; hint: MessageKey }[] = [
  { value: 'md', label: 'export.markdown', hint: 'export.markdownHint' },
  { value: 'csv', label: 'export.csv', hint: 'export.csvHint' },
  { value: 'json', label: 'export.json', hint: 'export.jsonHint' },
  { value: 'png', label: 'export.png', hint: 'export.pngHint' },
  { value: 'pdf', label: 'export.pdf', hint: 'export.pdfHint' },
]

const isPicture = (format: PanelFormat): format is PictureFormat => format === 'png' || format === 'pdf'

/**
 * "Download" on the board, for anyone with a link to it: the board as an idea list
 * (GET /api/boards/:id/export, fetched with the board's token in the Authorization header
 * and saved from a Blob, so the token never appears in a URL), or as a picture drawn here in
 * the browser (PNG of the board or a zone; PDF with a page per zone).
 */
export function BoardExportPanel({ board, onClose }: { board: BoardContextValue; onClose: () => void }) {
  const { t, locale } = useT()
  const [format, setFormat] = useState<PanelFormat>('md')
  const [separator, setSeparator] = useState<CsvSeparator>(() => defaultSeparator(locale))
  const [lang, setLang] = useState<Locale>(locale)
  const [zoneId, setZoneId] = useState<string | null>(null)
  const { status, download: fetchAndSave } = useFileDownload()
  const picture = usePictureExport(board)
  const { boardId } = board.session
  const drawing = picture.status.kind === 'working'

  const download = () => {
    if (isPicture(format)) {
      // A zone chosen and since deleted leaves the whole board, as the list then shows.
      const zone = board.session.stores.zones.get().some((candidate) => candidate.id === zoneId) ? zoneId : null
      void picture.start({ format, zoneId: format === 'png' ? zone : null, locale: lang })
    } else
      void fetchAndSave(boardExportPath(boardId, { format, lang, separator }), {
        // Read now: a reset of the facilitator's link gives the open board a new token.
        token: board.session.token,
        fallbackName: `kokeileva-${boardId}.${format}`,
      })
  }

  return (
    // Keys typed here are for the panel's controls, not the board's shortcuts.
    <div className="export-panel" onKeyDown={(event) => event.stopPropagation()}>
      <h2>{t('export.boardTitle')}</h2>
      <p className="muted">{t(isPicture(format) ? 'export.pictureLead' : 'export.boardLead')}</p>
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
      {format === 'png' && <PictureArea board={board} lang={lang} value={zoneId} onChange={setZoneId} />}
      {format !== 'json' && <ExportLanguage id="board-export-lang" value={lang} onChange={setLang} />}
      <div className="panel-actions">
        <button type="button" className="primary" onClick={download} aria-disabled={status.kind === 'busy' || drawing}>
          {status.kind === 'busy' || drawing ? t('export.downloading') : t('export.download')}
        </button>
        {drawing ? (
          <button type="button" onClick={picture.cancel}>
            {t('export.cancel')}
          </button>
        ) : (
          <button type="button" onClick={onClose}>
            {t('common.close')}
          </button>
        )}
      </div>
      {isPicture(format) ? <PictureStatusLine status={picture.status} /> : <DownloadStatusLine status={status} />}
    </div>
  )
}
