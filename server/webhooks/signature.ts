import { createHmac } from 'node:crypto'

/** `sha256=` and the hex HMAC-SHA256 of the raw body: the X-Kokeileva-Signature header's value. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`
}
