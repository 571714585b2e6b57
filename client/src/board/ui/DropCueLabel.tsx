import { useStore } from '../../lib/use-store.ts'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { REFUSAL_MESSAGES } from './Toasts.tsx'

/** Next to the pointer while dragged notes may not be dropped where they are: why not. */
export function DropCueLabel() {
  const { ui } = useBoard()
  const { t } = useT()
  const cue = useStore(ui.dropCue)
  if (!cue) return null
  const message = cue.refusal === 'zone-closed' ? t('drop.zoneClosed') : t(REFUSAL_MESSAGES[cue.refusal])
  return (
    <div
      className="drop-cue"
      role="status"
      data-testid="drop-cue"
      style={{ transform: `translate(${cue.screen.x + 16}px, ${cue.screen.y + 20}px)` }}
    >
      {message}
    </div>
  )
}
