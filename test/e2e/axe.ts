import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import type { Page } from 'playwright-core'

/** axe-core's source, read once and injected into each page checked (no network, no bundler). */
let axeSource: string | undefined
function source(): string {
  if (axeSource === undefined) {
    const require = createRequire(import.meta.url)
    axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8')
  }
  return axeSource
}

export interface AxeViolation {
  id: string
  impact: string | null
  help: string
  /** A short description of each failing node: its selector and axe's summary. */
  nodes: string[]
}

/** The WCAG 2.0–2.2 A and AA rules, which the project holds itself to. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']

/** Runs axe-core on the page as it is now; returns every violation (all impacts). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  const loaded = await page.evaluate(() => 'axe' in window)
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy (no
  // inline scripts) does not govern; a script tag would be refused.
  if (!loaded) await page.evaluate(source())
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: AxeApi }).axe
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map(
        (node) => `${node.target.join(' ')}: ${node.failureSummary.split('\n').slice(1).join(' ')}`,
      ),
    }))
  }, WCAG_TAGS)
}

/** The serious and critical ones: those fail a test. */
export function seriousOrCritical(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
}

/** One line per violation, for a test's failure message and the report. */
export function describeViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map(
      (violation) =>
        `${violation.impact} ${violation.id} (${violation.help}): ${violation.nodes.slice(0, 4).join(' | ')}`,
    )
    .join('\n')
}

/** The part of axe's API these tests use (its own types are not needed in Node). */
interface AxeApi {
  run(
    context: Document,
    options: object,
  ): Promise<{
    violations: Array<{
      id: string
      impact: string | null
      help: string
      nodes: Array<{ target: string[]; failureSummary: string }>
    }>
  }>
}
