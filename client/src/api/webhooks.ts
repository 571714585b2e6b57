import type { DeliveryState, WebhookDeliveries, WebhookDelivery } from '@shared/api/webhooks.ts'
import { request } from './http.ts'

/** Recent webhook deliveries and the receivers' counts (the hub's token). */
export function fetchDeliveries(token: string, state?: DeliveryState): Promise<WebhookDeliveries> {
  return request<WebhookDeliveries>(`/api/webhooks/deliveries${state ? `?state=${state}` : ''}`, {
    headers: { authorization: `Bearer ${token}` },
    cache: 'no-store',
  })
}

/** Makes a pending or failed delivery due now. */
export function retryDelivery(id: string, token: string): Promise<WebhookDelivery> {
  return request<WebhookDelivery>(`/api/webhooks/deliveries/${encodeURIComponent(id)}/retry`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}` },
  })
}
