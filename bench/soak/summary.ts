/** One sample of the soak run (bench/soak/run.ts). */
export type SoakPhase = 'baseline' | 'load' | 'idle' | 'unloaded'

export interface SoakSample {
  atS: number
  phase: SoakPhase
  /** Resident set as the operating system saw it, before the forced collection. */
  rssMiB: number
  rssAfterGcMiB: number
  /** The live heap after a full collection. */
  heapUsedMiB: number
  externalMiB: number
  loadedBoards: number
  connections: number
  /** Yjs structs held by the loaded boards' documents (their history). */
  structs: number
}

export interface SoakSummary {
  baseline: { rssMiB: number; heapUsedMiB: number }
  endOfLoad: { rssMiB: number; heapUsedMiB: number; structs: number }
  afterUnload: { rssMiB: number; heapUsedMiB: number }
  /** Live heap per struct while loaded (least squares over the load samples), bytes. */
  heapBytesPerStruct: number | null
  /** How well structs explain the live heap during the load (R², 1 = a straight line). */
  heapVsStructsR2: number | null
  /** Live heap kept after every board unloaded, over the baseline. */
  heapRetainedMiB: number
  /** That as a share of the live heap's growth under load. */
  heapRetainedShare: number
  /** Live heap after each cycle's unload (the last sample of it): flat when nothing leaks. */
  heapAfterEachUnloadMiB: number[]
}

const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits

function fit(points: ReadonlyArray<[number, number]>): { slope: number; r2: number } | null {
  if (points.length < 3) return null
  const n = points.length
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n
  let sxx = 0
  let sxy = 0
  let syy = 0
  for (const [x, y] of points) {
    sxx += (x - meanX) ** 2
    sxy += (x - meanX) * (y - meanY)
    syy += (y - meanY) ** 2
  }
  if (sxx === 0 || syy === 0) return null
  return { slope: sxy / sxx, r2: (sxy * sxy) / (sxx * syy) }
}

export function soakSummary(samples: readonly SoakSample[]): SoakSummary {
  const baseline = samples.find((sample) => sample.phase === 'baseline') ?? samples[0]!
  const load = samples.filter((sample) => sample.phase === 'load')
  const last = load.at(-1) ?? baseline
  const unloaded = samples.filter((sample) => sample.phase === 'unloaded').at(-1) ?? samples.at(-1)!
  // The first cycle's load: structs and heap grow together from the baseline.
  const firstLoad = load.filter((sample) => !samples.some((s) => s.phase === 'unloaded' && s.atS < sample.atS))
  const line = fit(firstLoad.map((sample) => [sample.structs, sample.heapUsedMiB * 1024 * 1024]))
  const afterEachUnload = samples.filter(
    (sample, i) => sample.phase === 'unloaded' && samples[i + 1]?.phase !== 'unloaded',
  )
  const growth = last.heapUsedMiB - baseline.heapUsedMiB
  const retained = unloaded.heapUsedMiB - baseline.heapUsedMiB
  return {
    baseline: { rssMiB: baseline.rssMiB, heapUsedMiB: baseline.heapUsedMiB },
    endOfLoad: { rssMiB: last.rssMiB, heapUsedMiB: last.heapUsedMiB, structs: last.structs },
    afterUnload: { rssMiB: unloaded.rssMiB, heapUsedMiB: unloaded.heapUsedMiB },
    heapBytesPerStruct: line ? Math.round(line.slope) : null,
    heapVsStructsR2: line ? round(line.r2, 3) : null,
    heapRetainedMiB: round(retained),
    heapRetainedShare: growth > 0 ? round(retained / growth, 3) : 0,
    heapAfterEachUnloadMiB: afterEachUnload.map((sample) => sample.heapUsedMiB),
  }
}

export function soakTable(
  settings: { minutes: number; cycles: number; boards: number; clientsPerBoard: number; rateHz: number },
  summary: SoakSummary,
  samples: readonly SoakSample[],
): string {
  const rows = samples.map(
    (s) =>
      `| ${s.atS} | ${s.phase} | ${s.rssMiB} | ${s.heapUsedMiB} | ${s.loadedBoards} | ${s.connections} | ${s.structs} |`,
  )
  return [
    `Soak: ${settings.boards} boards × ${settings.clientsPerBoard} clients × ${settings.rateHz} Hz, ` +
      `${settings.cycles} cycles of ${settings.minutes} min, each followed by an idle unload.`,
    `Live heap ${summary.baseline.heapUsedMiB} → ${summary.endOfLoad.heapUsedMiB} MiB under load ` +
      `(${summary.heapBytesPerStruct ?? '–'} bytes per Yjs struct, R² ${summary.heapVsStructsR2 ?? '–'}); ` +
      `${summary.afterUnload.heapUsedMiB} MiB after the boards unloaded (${summary.heapRetainedMiB} MiB over the baseline); ` +
      `after each cycle's unload: ${summary.heapAfterEachUnloadMiB.join(', ')} MiB.`,
    '',
    '| s | phase | RSS MiB | live heap MiB | boards | connections | structs |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n')
}
