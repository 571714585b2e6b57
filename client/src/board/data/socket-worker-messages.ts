/** What the page tells the socket worker (socket-worker.ts) to do. */
export type SocketCommand =
  | { type: 'open'; url: string }
  /** `bytes`: how many the page counts as buffered until the worker reports them sent. */
  | { type: 'send'; data: string | ArrayBufferLike | ArrayBufferView; bytes: number }
  /** Sent by the worker as soon as its socket opens, before the page hears of the open. */
  | { type: 'send-on-open'; data: ArrayBuffer; bytes: number }
  | { type: 'close'; code?: number; reason?: string }

/** What the socket worker reports: its socket's events, and the bytes it has handed to it. */
export type SocketReport =
  | { type: 'open' }
  | { type: 'message'; data: ArrayBuffer | string }
  | { type: 'error' }
  | { type: 'close'; code: number; reason: string; wasClean: boolean }
  /** `buffered`: the worker's socket's bufferedAmount just after. */
  | { type: 'sent'; bytes: number; buffered: number }
