import { parseArgs } from 'node:util'

/** The options bench:sync and bench:cluster share (see bench/README.md). */
export interface RunSettings {
  warmupS: number
  measureS: number
  drainTimeoutS: number
  rounds: number
}

const seconds = (value: string | boolean | undefined, name: string): number => {
  const n = Number(value)
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number of seconds`)
  return n
}

/**
 * Parses the command line: the shared timing options, `--only` (default `only`), `--readme`,
 * `--keep-logs`, and whatever string options a benchmark adds (with their defaults).
 */
export function parseRunOptions<Extra extends string>(only: string, extra: Record<Extra, string>) {
  const extraOptions = Object.fromEntries(
    Object.entries<string>(extra).map(([name, value]) => [name, { type: 'string' as const, default: value }]),
  )
  const { values } = parseArgs({
    options: {
      warmup: { type: 'string', default: '5' },
      measure: { type: 'string', default: '20' },
      drain: { type: 'string', default: '15' },
      rounds: { type: 'string', default: '1' },
      only: { type: 'string', default: only },
      readme: { type: 'boolean', default: false },
      'keep-logs': { type: 'boolean', default: false },
      ...extraOptions,
    },
  })
  const settings: RunSettings = {
    warmupS: seconds(values.warmup, 'warmup'),
    measureS: seconds(values.measure, 'measure'),
    drainTimeoutS: seconds(values.drain, 'drain'),
    rounds: Math.max(1, Math.floor(Number(values.rounds))),
  }
  return {
    settings,
    only: new Set(
      String(values.only ?? '')
        .split(',')
        .map((s) => s.trim()),
    ),
    readme: values.readme === true,
    keepLogs: values['keep-logs'] === true,
    extra: Object.fromEntries(
      Object.keys(extra).map((name) => [name, stringValue((values as Record<string, unknown>)[name])]),
    ) as Record<Extra, string>,
  }
}

/** An option's value as parsed by node:util's parseArgs: a string, a boolean flag or absent. */
function stringValue(value: unknown): string {
  return typeof value === 'string' || typeof value === 'boolean' ? String(value) : ''
}
