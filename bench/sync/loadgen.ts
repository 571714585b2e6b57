import { runWorkload, type WorkloadConfig, type WorkloadResult } from './workload.ts'

/**
 * The load generator process, forked by a benchmark runner with an IPC channel. It receives
 * one workload, runs it, and reports back; the runner samples the servers' CPU and memory at
 * the window boundaries it is told about. Keeping the clients in their own process keeps their
 * CPU out of the servers' numbers and gives every latency one clock.
 */
export type LoadgenRequest =
  /** gated: after setup, report 'ready' and wait for 'start' before moving any note. */
  { type: 'run'; config: WorkloadConfig; gated?: boolean } | { type: 'start' }
export type LoadgenEvent =
  | { type: 'ready' }
  | { type: 'window-start' }
  | { type: 'window-end' }
  | { type: 'log'; line: string }
  | { type: 'result'; result: WorkloadResult }
  | { type: 'error'; message: string }

function send(event: LoadgenEvent, then: () => void = () => {}): void {
  process.send?.(event, then)
}

if (!process.send) {
  process.stderr.write('loadgen.ts is started by a benchmark runner (bench/sync/run.ts) over IPC\n')
  process.exit(2)
}

// Every WebsocketProvider registers a process 'exit' listener in Node.
process.setMaxListeners(0)

/** Resolves on the runner's 'start' (a gated run). */
const started = new Promise<void>((resolve) => {
  process.on('message', (request: LoadgenRequest) => {
    if (request.type === 'start') resolve()
  })
})

process.on('message', (request: LoadgenRequest) => {
  if (request.type !== 'run') return
  runWorkload(request.config, {
    ...(request.gated
      ? {
          beforeLoad: () => {
            send({ type: 'ready' })
            return started
          },
        }
      : {}),
    onWindowStart: () => send({ type: 'window-start' }),
    onWindowEnd: () => send({ type: 'window-end' }),
    log: (line) => send({ type: 'log', line }),
  }).then(
    // Disconnect once the report is written: a large one (every latency sample of a split
    // run) is still being sent when send() returns, and disconnecting then would drop it.
    (result) => send({ type: 'result', result }, () => process.disconnect()),
    (error: unknown) =>
      send({ type: 'error', message: error instanceof Error ? (error.stack ?? error.message) : String(error) }, () =>
        process.disconnect(),
      ),
  )
})
