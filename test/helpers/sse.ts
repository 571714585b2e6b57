/** A Server-Sent Events reader over fetch: the events received so far, parsed. */
export interface SseReader {
  events: Array<{ event: string; data: unknown }>
  /** Resolves once the response headers arrived (the stream is subscribed). */
  opened: Promise<Response>
  close(): void
}

export function readSse(url: string): SseReader {
  const controller = new AbortController()
  const events: SseReader['events'] = []
  const opened = fetch(url, { signal: controller.signal, headers: { accept: 'text/event-stream' } })
  void opened
    .then(async (response) => {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader()
      let buffer = ''
      for (;;) {
        const { value, done } = await reader.read()
        if (done) return
        buffer += value
        let end: number
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const event = /^event: (.*)$/m.exec(block)?.[1]
          const data = /^data: (.*)$/m.exec(block)?.[1]
          if (event && data) events.push({ event, data: JSON.parse(data) as unknown })
        }
      }
    })
    .catch(() => undefined) // aborted at close()
  return { events, opened, close: () => controller.abort() }
}
