/**
 * A dedicated worker that holds one WebSocket for the page (worker-socket.ts). Built as a
 * script of its own, with no imports: it must start without the app's chunks.
 *
 * Why a worker: Chromium hands a page's WebSocket bytes to the thread that owns the socket a
 * slice at a time, each slice waiting for that thread to be free. A board of 10,000 notes
 * (2.3 MB) arrives while the page's main thread evaluates the app's code and mounts the
 * board; from there it took 400 to 800 ms to come in (measured: 2.4 MB took 54 ms to a page
 * that was idle, 420 ms to one running 40 ms tasks back to back, 180 ms to a worker in that
 * page). Here the bytes come in while the main thread works, and each message is handed over
 * whole, in one task.
 */
import type { SocketCommand, SocketReport } from './socket-worker-messages.ts'

interface WorkerScope {
  onmessage: ((event: MessageEvent<SocketCommand>) => void) | null
  postMessage(message: SocketReport, transfer?: Transferable[]): void
  close(): void
}

const scope = self as unknown as WorkerScope
let socket: WebSocket | null = null
/** What goes out the moment the socket opens (the page's main thread may be busy then). */
const onOpen: Array<{ data: ArrayBuffer; bytes: number }> = []

function report(message: SocketReport, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

function send(data: string | ArrayBufferLike | ArrayBufferView, bytes: number): void {
  if (socket?.readyState !== WebSocket.OPEN) return
  socket.send(data)
  report({ type: 'sent', bytes, buffered: socket.bufferedAmount })
}

scope.onmessage = ({ data: command }) => {
  switch (command.type) {
    case 'open': {
      if (socket) return
      try {
        socket = new WebSocket(command.url)
      } catch (error) {
        // An address the browser refuses (it was checked by the page already): as a failed connection.
        report({ type: 'error' })
        report({ type: 'close', code: 1006, reason: String(error), wasClean: false })
        scope.close()
        return
      }
      socket.binaryType = 'arraybuffer'
      socket.onopen = () => {
        for (const { data, bytes } of onOpen.splice(0)) send(data, bytes)
        report({ type: 'open' })
      }
      socket.onmessage = (event: MessageEvent<ArrayBuffer | string>) => {
        const data = event.data
        report({ type: 'message', data }, typeof data === 'string' ? [] : [data])
      }
      socket.onerror = () => report({ type: 'error' })
      socket.onclose = (event) => {
        report({ type: 'close', code: event.code, reason: event.reason, wasClean: event.wasClean })
        scope.close()
      }
      break
    }
    case 'send':
      send(command.data, command.bytes)
      break
    case 'send-on-open':
      if (socket?.readyState === WebSocket.OPEN) send(command.data, command.bytes)
      else onOpen.push({ data: command.data, bytes: command.bytes })
      break
    case 'close':
      if (socket) socket.close(command.code, command.reason)
      else scope.close()
      break
  }
}
