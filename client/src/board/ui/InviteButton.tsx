import { useState } from 'react'
import { lazyPart } from '../../app/lazy.tsx'
import { useT } from '../../i18n/use-t.ts'

const InviteDialog = lazyPart(() => import('./InviteDialog.tsx').then((module) => module.InviteDialog))

/** The header's Invite button and its dialog (loaded when first opened). */
export function InviteButton() {
  const { t } = useT()
  const [open, setOpen] = useState(false)
  return (
    <>
      <button type="button" onClick={() => setOpen(true)} data-testid="invite-button">
        {t('invite.button')}
      </button>
      {open && <InviteDialog onClose={() => setOpen(false)} />}
    </>
  )
}
