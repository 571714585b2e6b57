/**
 * Polls until the assertion stops throwing (or the predicate returns true), instead of
 * sleeping for luck. Rethrows the last failure on timeout, so the message says what never held.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  { timeoutMs = 10_000, intervalMs = 20 }: { timeoutMs?: number; intervalMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + timeoutMs
  let lastError: unknown
  for (;;) {
    try {
      const result = await check()
      if (result !== false) return result
      lastError = new Error('condition stayed false')
    } catch (error) {
      lastError = error
    }
    if (Date.now() > deadline) throw lastError
    await new Promise((resolve) => setTimeout(resolve, intervalMs))
  }
}
