import WebSocket from 'ws'
import { decodeClientMessage } from '../../server/sync/messages.ts'
import { step1Message } from '../helpers/protocol.ts'

/** What became of one input: the socket stayed open, closed with a code, or never answered. */
export type InputOutcome = { kind: 'open' } | { kind: 'closed'; code: number } | { kind: 'stuck' }

/**
 * One raw connection of the fuzzer. After each input it sends a probe, a sync step 1, and
 * waits for the server's answer to it (the input has then been handled: a socket's messages
 * are handled in order) or for the socket to close. An input that itself decodes as a sync
 * step 1 is answered too, and counted as such.
 */
export class FuzzSocket {
  readonly #socket: WebSocket
  #closeCode: number | null = null
  #answers = 0
  #expected = 0
  #wake: (() => void) | null = null

  private constructor(socket: WebSocket) {
    this.#socket = socket
    socket.on('message', (data: Buffer) => {
      // A sync step 2 (0, 1, …) answers a step 1.
      if (data[0] === 0 && data[1] === 1) this.#answers += 1
      this.#wake?.()
    })
    socket.on('close', (code) => {
      this.#closeCode = code
      this.#wake?.()
    })
    socket.on('error', () => undefined) // the close event follows and says how it ended
  }

  static async open(url: string): Promise<FuzzSocket> {
    const socket = new WebSocket(url)
    const fuzzSocket = new FuzzSocket(socket)
    await new Promise<void>((resolve) => {
      socket.once('open', () => resolve())
      socket.once('close', () => resolve())
    })
    return fuzzSocket
  }

  get isOpen(): boolean {
    return this.#closeCode === null && this.#socket.readyState === WebSocket.OPEN
  }

  get closeCode(): number | null {
    return this.#closeCode
  }

  /** Sends an input and a probe built on `stateVector`; resolves when the server has handled both. */
  async send(input: Uint8Array, stateVector: Uint8Array, timeoutMs: number): Promise<InputOutcome> {
    if (!this.isOpen) return { kind: 'closed', code: this.#closeCode ?? 0 }
    if (answersStep1(input)) this.#expected += 1
    this.#expected += 1
    this.#socket.send(input)
    this.#socket.send(step1Message(stateVector))
    const deadline = Date.now() + timeoutMs
    while (this.#closeCode === null && this.#answers < this.#expected) {
      const remaining = deadline - Date.now()
      if (remaining <= 0) return { kind: 'stuck' }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining)
        this.#wake = () => {
          clearTimeout(timer)
          resolve()
        }
      })
      this.#wake = null
    }
    return this.#closeCode === null ? { kind: 'open' } : { kind: 'closed', code: this.#closeCode }
  }

  close(): void {
    this.#socket.terminate()
  }
}

function answersStep1(input: Uint8Array): boolean {
  try {
    return decodeClientMessage(input).type === 'sync-step1'
  } catch {
    return false // undecodable: the server closes the socket instead
  }
}
