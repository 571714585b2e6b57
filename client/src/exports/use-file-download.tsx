import { useState } from 'react'
import { fetchFile, saveBlob } from '../api/download.ts'
import { ApiError } from '../api/http.ts'
import { useT } from '../i18n/use-t.ts'

export type DownloadStatus =
  { kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; fileName: string } | { kind: 'failed'; message: string }

/**
 * One export download at a time: fetches the file (with a token in the Authorization header
 * when given, never in the URL), saves it, and keeps a status the panel shows to the user.
 */
export function useFileDownload() {
  const { t } = useT()
  const [status, setStatus] = useState<DownloadStatus>({ kind: 'idle' })
  const download = async (path: string, options: { token?: string; fallbackName: string }) => {
    if (status.kind === 'busy') return
    setStatus({ kind: 'busy' })
    try {
      const file = await fetchFile(path, options)
      saveBlob(file)
      setStatus({ kind: 'done', fileName: file.fileName })
    } catch (error) {
      const message =
        error instanceof ApiError && error.status === 0
          ? t('ideas.networkError')
          : t('export.failed', { message: error instanceof Error ? error.message : String(error) })
      setStatus({ kind: 'failed', message })
    }
  }
  /** A problem found before asking the server (a bad date); ignored while a download runs. */
  const fail = (message: string) => {
    if (status.kind !== 'busy') setStatus({ kind: 'failed', message })
  }
  return { status, download, fail }
}

/** The download's outcome, announced politely (a failure as an alert). */
export function DownloadStatusLine({ status }: { status: DownloadStatus }) {
  const { t } = useT()
  return (
    <p
      aria-live="polite"
      className={status.kind === 'failed' ? 'error' : 'muted'}
      role={status.kind === 'failed' ? 'alert' : undefined}
    >
      {status.kind === 'done'
        ? t('export.done', { file: status.fileName })
        : status.kind === 'failed'
          ? status.message
          : ''}
    </p>
  )
}
