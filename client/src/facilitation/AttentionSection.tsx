import type { BoardContextValue } from '../board/board-context.ts'
import { useT } from '../i18n/use-t.ts'
import { useStore } from '../lib/use-store.ts'
import { useTemplateTexts, zoneTitle } from './phase-text.ts'

/** Bring everyone to this view, and spotlight a zone (notes: from the toolbar). */
export function AttentionSection({ board }: { board: BoardContextValue }) {
  const { t, locale } = useT()
  useTemplateTexts()
  const { session } = board
  const state = useStore(session.stores.session)
  const zones = useStore(session.stores.zones)
  const meta = useStore(session.stores.meta)
  const leading = useStore(board.follow.status) === 'leading'
  return (
    <section className="panel-section" aria-labelledby="panel-attention">
      <h3 id="panel-attention">{t('facilitation.attention.title')}</h3>
      <button
        type="button"
        className={leading ? undefined : 'primary'}
        aria-pressed={leading}
        onClick={() => session.controls.setFollowMe(!leading)}
        data-testid="follow-toggle"
      >
        {leading ? t('facilitation.follow.stop') : t('facilitation.follow.start')}
      </button>
      <p className="hint">{leading ? t('facilitation.follow.leading') : t('facilitation.follow.hint')}</p>
      <p className="hint">{t('facilitation.spotlight.zonesHint')}</p>
      {zones.length > 0 && (
        <ul className="zone-spotlights">
          {zones.map((zone) => {
            const title = zoneTitle(zone, meta, locale).text || zone.kind
            const active = state.spotlight?.kind === 'zone' && state.spotlight.id === zone.id
            return (
              <li key={zone.id}>
                <button
                  type="button"
                  aria-pressed={active}
                  aria-label={t('facilitation.spotlight.zoneButton', { title })}
                  onClick={() => session.controls.spotlight(active ? null : { kind: 'zone', id: zone.id })}
                >
                  <span className="zone-swatch" style={{ background: zone.color }} aria-hidden="true" />
                  {title}
                </button>
              </li>
            )
          })}
        </ul>
      )}
      {state.spotlight && (
        <button type="button" onClick={() => session.controls.spotlight(null)}>
          {t('facilitation.spotlight.end')}
        </button>
      )}
    </section>
  )
}
