import type { DeliveryState, WebhookDeliveries, WebhookDelivery } from '@shared/api/webhooks.ts'
import { request } from './http.ts'

/** The hub token as `Authorization: Bearer`; none (null) for a signed-in hub member's session. */
const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {})

/** Recent webhook deliveries and the receivers' counts (the hub's token). */
export function fetchDeliveries(token: string | null, state?: DeliveryState): Promise<WebhookDeliveries> {
  return request<WebhookDeliveries>(`/api/webhooks/deliveries${state ? `?state=${state}` : ''}`, {
    headers: bearer(token),
    cache: 'no-store',
  })
}

/** Makes a pending or failed delivery due now. */
export function retryDelivery(id: string, token: string | null): Promise<WebhookDelivery> {
  return request<WebhookDelivery>(`/api/webhooks/deliveries/${encodeURIComponent(id)}/retry`, {
    method: 'POST',
    headers: bearer(token),
  })
}
