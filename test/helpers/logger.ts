import type { Logger } from '../../server/sync/socket.ts'

export interface RecordingLogger extends Logger {
  /** Every message at warn or error level, for assertions and for debugging a failure. */
  readonly problems: Array<{ level: string; msg: string | undefined; obj: object }>
}

/** A logger that prints nothing and records warnings and errors. */
export function recordingLogger(): RecordingLogger {
  const problems: RecordingLogger['problems'] = []
  const logger: RecordingLogger = {
    problems,
    debug() {},
    info() {},
    warn(obj, msg) {
      problems.push({ level: 'warn', msg, obj })
    },
    error(obj, msg) {
      problems.push({ level: 'error', msg, obj })
    },
    child() {
      return logger
    },
  }
  return logger
}
