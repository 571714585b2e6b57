import { useCallback, useEffect, useState } from 'react'
import type { DeliveryState, WebhookDeliveries } from '@shared/api/webhooks.ts'
import { DELIVERY_STATES } from '@shared/api/webhooks.ts'
import { ApiError } from '../../api/http.ts'
import { fetchDeliveries, retryDelivery } from '../../api/webhooks.ts'
import { useT } from '../../i18n/use-t.ts'
import { Link } from '../../router/router.tsx'
import { formatDateTime } from '../format.ts'
import { RegistryHeader } from '../RegistryHeader.tsx'
import { useHubCredential } from '../use-hub-credential.ts'

/**
 * `/ideas/deliveries`: what the registry's webhooks sent lately, per receiver and one by one,
 * with "retry now" for a delivery that failed or is waiting for its next attempt. The hub's
 * page: it reads with the hub token entered on this device, or as a signed-in hub member.
 */
export function DeliveriesPage() {
  const { t, locale } = useT()
  const hub = useHubCredential()
  const allowed = hub !== null
  const token = hub?.token ?? null
  const [state, setState] = useState<DeliveryState | ''>('')
  const [data, setData] = useState<WebhookDeliveries | null>(null)
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null)

  const load = useCallback(async () => {
    if (!allowed) return
    try {
      setData(await fetchDeliveries(token, state || undefined))
    } catch (caught) {
      setMessage({
        ok: false,
        text: t('webhooks.error', { message: caught instanceof ApiError ? caught.message : String(caught) }),
      })
    }
  }, [allowed, token, state, t])
  useEffect(() => {
    void load()
  }, [load])

  const retry = async (id: string) => {
    if (!allowed) return
    try {
      await retryDelivery(id, token)
      setMessage({ ok: true, text: t('webhooks.retried', { id }) })
      await load()
    } catch (caught) {
      setMessage({ ok: false, text: caught instanceof ApiError ? caught.message : String(caught) })
    }
  }

  return (
    <main className="page registry-page deliveries-page">
      <RegistryHeader onList={false} />
      <h1>{t('webhooks.title')}</h1>
      {!allowed && <p className="lead">{t('webhooks.needHub')}</p>}
      {allowed && data && !data.enabled && <p className="lead">{t('webhooks.off')}</p>}
      {message && (
        <p className={message.ok ? 'success' : 'error'} role={message.ok ? 'status' : 'alert'}>
          {message.text}
        </p>
      )}
      {allowed && data && data.receivers.length > 0 && (
        <section aria-labelledby="deliveries-receivers">
          <h2 id="deliveries-receivers">{t('webhooks.receivers')}</h2>
          <ul data-testid="webhook-receivers">
            {data.receivers.map((receiver) => (
              <li key={`${receiver.receiver}-${receiver.format}`}>
                <strong>{receiver.receiver}</strong> ({receiver.format}):{' '}
                {t('webhooks.counts', {
                  delivered: receiver.delivered,
                  pending: receiver.pending,
                  failed: receiver.failed,
                })}
              </li>
            ))}
          </ul>
        </section>
      )}
      {allowed && data && (
        <section aria-labelledby="deliveries-recent">
          <h2 id="deliveries-recent">{t('webhooks.recent')}</h2>
          <label>
            {t('webhooks.filter')}{' '}
            <select value={state} onChange={(event) => setState(event.target.value as DeliveryState | '')}>
              <option value="">{t('webhooks.all')}</option>
              {DELIVERY_STATES.map((one) => (
                <option key={one} value={one}>
                  {t(`webhooks.state.${one}`)}
                </option>
              ))}
            </select>
          </label>{' '}
          <button type="button" onClick={() => void load()}>
            {t('webhooks.refresh')}
          </button>
          {data.items.length === 0 ? (
            <p className="muted">{t('webhooks.empty')}</p>
          ) : (
            <table className="deliveries" data-testid="webhook-deliveries">
              <tbody>
                {data.items.map((item) => (
                  <tr key={item.id} data-state={item.state}>
                    <td>{formatDateTime(item.createdAt, locale)}</td>
                    <td>
                      <code>{item.event}</code>
                    </td>
                    <td>
                      <Link to={`/ideas/${item.ideaId}`}>{item.ideaRef}</Link> {item.ideaTitle}
                    </td>
                    <td>{item.receiver}</td>
                    <td>
                      {t(`webhooks.state.${item.state}`)} · {t('webhooks.attempts', { count: item.attempts })}
                      {item.lastError ? ` · ${item.lastError}` : ''}
                      {item.nextAttemptAt !== null
                        ? ` · ${t('webhooks.nextAttempt', { time: formatDateTime(item.nextAttemptAt, locale) })}`
                        : ''}
                    </td>
                    <td>
                      {item.state !== 'delivered' && (
                        <button type="button" onClick={() => void retry(item.id)}>
                          {t('webhooks.retry')}
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      )}
    </main>
  )
}
