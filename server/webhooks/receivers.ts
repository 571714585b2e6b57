import { WEBHOOK_FORMATS, type WebhookFormat } from '@shared/api/webhooks.ts'

/**
 * A webhook receiver from WEBHOOK_URLS. An entry is a URL, optionally with the suffix
 * `#format=slack` (a chat message `{"text": …}` for Slack, Teams and the like) or
 * `#format=json` (the default). The fragment never reaches the receiver: browsers and HTTP
 * clients do not send it, so it is a safe place for an option that belongs to one URL.
 */
export interface Receiver {
  /** The entry as configured: what outbox rows name (so a changed format is a new receiver). */
  key: string
  /** What is requested: the URL without its fragment. */
  url: string
  format: WebhookFormat
  /**
   * The receiver as people and logs may see it: its origin only. Chat webhook URLs carry
   * their secret in the path (hooks.slack.com/services/T…/B…/secret).
   */
  label: string
}

export class ReceiverError extends Error {
  override name = 'ReceiverError'
}

export function parseReceiver(entry: string): Receiver {
  const key = entry.trim()
  let url: URL
  try {
    url = new URL(key)
  } catch {
    throw new ReceiverError(`not a URL: ${JSON.stringify(key.slice(0, 40))}`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new ReceiverError(`only http and https receivers are supported (got ${url.protocol})`)
  const fragment = url.hash.replace(/^#/, '')
  let format: WebhookFormat = 'json'
  if (fragment) {
    const match = /^format=(.+)$/.exec(fragment)
    const named = match?.[1]
    if (!named || !(WEBHOOK_FORMATS as readonly string[]).includes(named))
      throw new ReceiverError(`unknown suffix #${fragment} (use #format=${WEBHOOK_FORMATS.join(' or #format=')})`)
    format = named as WebhookFormat
  }
  url.hash = ''
  return { key, url: url.toString(), format, label: url.origin }
}

/** The receivers of a WEBHOOK_URLS value (comma-separated; empty entries ignored, duplicates once). */
export function parseReceivers(value: string | undefined): Receiver[] {
  const receivers = new Map<string, Receiver>()
  for (const entry of (value ?? '').split(',')) {
    if (!entry.trim()) continue
    const receiver = parseReceiver(entry)
    receivers.set(receiver.key, receiver)
  }
  return [...receivers.values()]
}
