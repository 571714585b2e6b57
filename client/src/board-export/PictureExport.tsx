import type { Locale } from '@shared/templates/types.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useTemplateTexts, zoneTitle } from '../facilitation/phase-text.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import type { PictureStatus } from './use-picture-export.ts'

/** What a PNG shows: the whole board or one zone (titled in the export's language). */
export function PictureArea({
  board,
  lang,
  value,
  onChange,
}: {
  board: BoardContextValue
  lang: Locale
  value: string | null
  onChange: (zoneId: string | null) => void
}) {
  const { t } = useT()
  useTemplateTexts()
  const zones = useStore(board.session.stores.zones)
  const meta = useStore(board.session.stores.meta)
  const chosen = value !== null && zones.some((zone) => zone.id === value) ? value : ''
  return (
    <>
      <label htmlFor="board-export-area">{t('export.area')}</label>
      <select
        id="board-export-area"
        value={chosen}
        onChange={(event) => onChange(event.target.value === '' ? null : event.target.value)}
      >
        <option value="">{t('export.wholeBoard')}</option>
        {zones.map((zone) => (
          <option key={zone.id} value={zone.id}>
            {zoneTitle(zone, meta, lang).text || t('board.untitled')}
          </option>
        ))}
      </select>
    </>
  )
}

/** Progress while drawing, then the outcome, announced politely (a failure as an alert). */
export function PictureStatusLine({ status }: { status: PictureStatus }) {
  const { t } = useT()
  if (status.kind === 'working') {
    const percent = Math.round(status.fraction * 100)
    return (
      <div className="picture-progress">
        <progress max={100} value={percent} aria-label={t('export.drawingLabel')} data-testid="picture-progress" />
        <span aria-live="polite">{t('export.drawing', { percent })}</span>
      </div>
    )
  }
  const message =
    status.kind === 'done'
      ? status.pages > 1
        ? t('export.pdfDone', { file: status.fileName, pages: status.pages })
        : t('export.pictureDone', { file: status.fileName, width: status.width, height: status.height })
      : status.kind === 'cancelled'
        ? t('export.cancelled')
        : status.kind === 'empty'
          ? t('export.empty')
          : status.kind === 'failed'
            ? t('export.failed', { message: status.message })
            : ''
  return (
    <>
      <p
        aria-live="polite"
        className={status.kind === 'failed' ? 'error' : 'muted'}
        role={status.kind === 'failed' ? 'alert' : undefined}
        data-testid="picture-status"
      >
        {message}
      </p>
      {status.kind === 'done' && status.scale < 1 && (
        <p className="muted" role="note">
          {t('export.lowResolution', { percent: Math.round(status.scale * 100) })}
        </p>
      )}
    </>
  )
}
