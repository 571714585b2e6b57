import { parseArgs } from 'node:util'

/**
 * The options of the in-process load benchmarks (encodings.ts, floor.ts): the board sizes, the
 * repeats, and the forced GC between them (a no-op without --expose-gc).
 */
export function inProcessArgs(): { sizes: number[]; repeats: number; gc: () => void } {
  const { values } = parseArgs({
    options: {
      notes: { type: 'string', default: '10000,50000' },
      repeats: { type: 'string', default: '5' },
    },
  })
  const sizes = String(values.notes)
    .split(',')
    .map(Number)
    .filter((n) => n > 0)
  const repeats = Math.max(1, Number(values.repeats))
  const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined)
  return { sizes, repeats, gc }
}
