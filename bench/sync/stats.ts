/** A growable list of samples (ms) with exact percentiles; a run holds a few million at most. */
export class Samples {
  #values = new Float64Array(1 << 16)
  #count = 0

  add(value: number): void {
    if (this.#count === this.#values.length) {
      const grown = new Float64Array(this.#values.length * 2)
      grown.set(this.#values)
      this.#values = grown
    }
    this.#values[this.#count++] = value
  }

  get count(): number {
    return this.#count
  }

  /** The samples as a plain array (to send to another process, which adds them with addAll). */
  toArray(): number[] {
    return Array.from(this.#values.subarray(0, this.#count))
  }

  addAll(values: Iterable<number>): void {
    for (const value of values) this.add(value)
  }

  summary(): LatencySummary {
    const sorted = this.#values.slice(0, this.#count).sort()
    const at = (q: number): number =>
      sorted.length === 0
        ? Number.NaN
        : (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN)
    let sum = 0
    for (const value of sorted) sum += value
    return {
      count: sorted.length,
      meanMs: sorted.length ? round(sum / sorted.length) : Number.NaN,
      p50Ms: round(at(0.5)),
      p95Ms: round(at(0.95)),
      p99Ms: round(at(0.99)),
      maxMs: round(sorted.length ? (sorted[sorted.length - 1] ?? Number.NaN) : Number.NaN),
    }
  }
}

export interface LatencySummary {
  count: number
  meanMs: number
  p50Ms: number
  p95Ms: number
  p99Ms: number
  maxMs: number
}

/** The middle value (of an even number, the upper of the two middle ones); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN
}

/** The median rounded to `digits` (one by default: how the benchmarks report milliseconds). */
export function roundedMedian(values: readonly number[], digits = 1): number {
  return round(median(values), digits)
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits
  return Math.round(value * factor) / factor
}
