import { useId, useState } from 'react'
import type { ImportResult } from '@shared/api/import.ts'
import { IMPORT_MAX_BYTES, IMPORT_MAX_NOTES } from '@shared/api/import-limits.ts'
import { ApiError } from '../api/http.ts'
import { importNotes } from '../api/import.ts'
import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { Dialog } from '../lib/Dialog.tsx'
import { useStore } from '../lib/use-store.ts'

/** "Import notes": a facilitator's button in the session panel and the dialog it opens. */
export function ImportNotesSection({ board }: { board: BoardContextValue }) {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  return (
    <section className="panel-section" aria-labelledby="panel-import">
      <h3 id="panel-import">{t('import.title')}</h3>
      <p className="hint">{t('import.hint')}</p>
      <button type="button" onClick={() => setOpen(true)} data-testid="import-open">
        {t('import.open')}
      </button>
      {open && <ImportNotesDialog board={board} onClose={() => setOpen(false)} />}
    </section>
  )
}

interface LoadedFile {
  name: string
  text: string
  csv: boolean
}

/** Reads the chosen file as UTF-8 text; the server refuses what is not (with its message). */
async function readFile(file: File): Promise<LoadedFile | 'too-big'> {
  if (file.size > IMPORT_MAX_BYTES) return 'too-big'
  const text = await file.text()
  const csv = /\.csv$/i.test(file.name) || file.type === 'text/csv'
  return { name: file.name, text, csv }
}

/**
 * Choose a file (or paste lines), pick a zone, see the preview the server plans (dryRun),
 * then import exactly that. Any change to the input discards the preview, so what is
 * imported is always what was previewed.
 */
function ImportNotesDialog({ board, onClose }: { board: BoardContextValue; onClose: () => void }) {
  const { t } = useT()
  const id = useId()
  const zones = useStore(board.session.stores.zones)
  const [file, setFile] = useState<LoadedFile | null>(null)
  const [pasted, setPasted] = useState('')
  const [zone, setZone] = useState('')
  const [preview, setPreview] = useState<ImportResult | null>(null)
  const [busy, setBusy] = useState(false)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)
  const source = file ?? (pasted.trim() ? { name: '', text: pasted, csv: false } : null)

  const changed = () => {
    setPreview(null)
    setMessage(null)
  }
  const send = async (dryRun: boolean) => {
    if (!source) return
    setBusy(true)
    setMessage(null)
    try {
      const result = await importNotes(board.session.boardId, board.session.token, source, {
        zone: zone || undefined,
        dryRun,
      })
      if (dryRun) setPreview(result)
      else {
        setPreview(null)
        setFile(null)
        setPasted('')
        setMessage({ ok: true, text: t('import.done', { count: result.notes.length }) })
      }
    } catch (caught) {
      setPreview(null)
      setMessage({ ok: false, text: caught instanceof ApiError ? caught.message : String(caught) })
    } finally {
      setBusy(false)
    }
  }
  const outside = preview?.notes.filter((note) => !note.inZone).length ?? 0

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="import-dialog">
      <h2 id={`${id}-title`}>{t('import.title')}</h2>
      <p className="hint">{t('import.formats', { max: IMPORT_MAX_NOTES })}</p>
      <label htmlFor={`${id}-file`}>{t('import.file')}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".txt,.csv,text/plain,text/csv"
        data-testid="import-file"
        onChange={(event) => {
          changed()
          const chosen = event.target.files?.[0]
          if (!chosen) return setFile(null)
          void readFile(chosen).then((loaded) => {
            if (loaded === 'too-big') {
              setFile(null)
              setMessage({ ok: false, text: t('import.tooBig', { kib: IMPORT_MAX_BYTES / 1024 }) })
            } else setFile(loaded)
          })
        }}
      />
      <label htmlFor={`${id}-paste`}>{t('import.paste')}</label>
      <textarea
        id={`${id}-paste`}
        rows={4}
        value={pasted}
        disabled={file !== null}
        data-testid="import-paste"
        onChange={(event) => {
          changed()
          setPasted(event.target.value)
        }}
      />
      <label htmlFor={`${id}-zone`}>{t('import.zone')}</label>
      <select
        id={`${id}-zone`}
        value={zone}
        data-testid="import-zone"
        onChange={(event) => {
          changed()
          setZone(event.target.value)
        }}
      >
        <option value="">{t('import.zoneDefault')}</option>
        {zones.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.title || candidate.id}
          </option>
        ))}
      </select>

      {preview && (
        <div className="import-preview" data-testid="import-preview">
          <p>
            {t('import.previewCount', {
              count: preview.notes.length,
              total: preview.boardNotes,
              max: preview.maxNotes,
            })}
          </p>
          {outside > 0 && <p className="warning">{t('import.outside', { count: outside })}</p>}
          <ol>
            {preview.notes.map((note, index) => (
              <li key={index} data-testid="import-preview-note">
                <span className="import-swatch" style={{ background: note.color }} aria-hidden="true" />
                <span>{note.text}</span>
                <span className="muted">
                  {' '}
                  — {note.zoneTitle ?? t('import.noZone')}
                  {note.author ? `, ${note.author}` : ''}
                </span>
              </li>
            ))}
          </ol>
        </div>
      )}
      {message && (
        <p
          className={message.ok ? 'success' : 'error'}
          role={message.ok ? 'status' : 'alert'}
          data-testid="import-message"
        >
          {message.text}
        </p>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          {t('import.close')}
        </button>
        {preview ? (
          <button type="button" disabled={busy} onClick={() => void send(false)} data-testid="import-confirm">
            {t('import.confirm', { count: preview.notes.length })}
          </button>
        ) : (
          <button
            type="button"
            disabled={busy || !source}
            onClick={() => void send(true)}
            data-testid="import-preview-button"
          >
            {t('import.preview')}
          </button>
        )}
      </div>
    </Dialog>
  )
}
