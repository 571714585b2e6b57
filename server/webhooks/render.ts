import type { WebhookChatMessage, WebhookFormat, WebhookPayload } from '@shared/api/webhooks.ts'
import { statusLabel } from '@shared/ideas/labels.ts'

/** The length a chat message's quoted comment is cut to: a message people skim, not the record. */
const COMMENT_MAX_CHARS = 200

/** The payload with its idea link made absolute (PUBLIC_URL, or http://HOST:PORT). */
export function withPublicLinks(payload: WebhookPayload, publicUrl: string): WebhookPayload {
  const url = /^https?:\/\//.test(payload.idea.url) ? payload.idea.url : `${publicUrl}${payload.idea.url}`
  return { ...payload, idea: { ...payload.idea, url } }
}

function quote(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  return flat.length > COMMENT_MAX_CHARS ? `${flat.slice(0, COMMENT_MAX_CHARS - 1)}…` : flat
}

/** A short line for people: what happened to which idea, and the link to it. */
export function chatText(payload: WebhookPayload): string {
  const { idea, change } = payload
  const name = `${idea.ref} “${quote(idea.title)}”`
  let what: string
  switch (change.kind) {
    case 'promoted':
      what = `New idea ${name} from the board “${quote(idea.source.boardTitle)}”`
      break
    case 'status':
      what = `${name}: ${statusLabel(change.from, 'en')} → ${statusLabel(change.to, 'en')}`
      if (change.comment) what += ` — “${quote(change.comment)}”`
      break
    case 'experiment':
      what = `${name}: the experiment was updated`
      if (change.experiment?.decision) what += ` (decision: ${quote(change.experiment.decision)})`
      break
    case 'fields':
      what = `${name}: ${change.fields.join(', ')} changed`
      break
  }
  return `${what}. ${idea.url}`
}

/** The request body of a delivery, byte for byte what is signed. */
export function renderBody(payload: WebhookPayload, format: WebhookFormat, publicUrl: string): string {
  const linked = withPublicLinks(payload, publicUrl)
  if (format === 'slack') {
    const message: WebhookChatMessage = { text: chatText(linked) }
    return JSON.stringify(message)
  }
  return JSON.stringify(linked)
}
