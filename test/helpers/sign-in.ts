import { createServer } from 'node:net'
import type { AddressInfo } from 'node:net'

/** A free loopback port: the app must know its callback address before the provider starts. */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A browser's cookies, per origin, enough for the sign-in flow (no paths, no expiry). */
export class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>()

  header(url: string): string {
    const jar = this.#cookies.get(new URL(url).host)
    return jar ? [...jar].map(([name, value]) => `${name}=${value}`).join('; ') : ''
  }

  store(url: string, response: Response): void {
    const host = new URL(url).host
    let jar = this.#cookies.get(host)
    if (!jar) this.#cookies.set(host, (jar = new Map()))
    for (const line of response.headers.getSetCookie()) {
      const [pair = '', ...attributes] = line.split(';')
      const eq = pair.indexOf('=')
      const name = pair.slice(0, eq).trim()
      const value = pair.slice(eq + 1).trim()
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || /^\s*expires=thu, 01 jan 1970/i.test(a))
      if (expired || value === '') jar.delete(name)
      else jar.set(name, value)
    }
  }

  get(url: string, name: string): string | null {
    return this.#cookies.get(new URL(url).host)?.get(name) ?? null
  }

  /** fetch with this jar's cookies, without following redirects. */
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers)
    const cookie = this.header(url)
    if (cookie) headers.set('cookie', cookie)
    const response = await fetch(url, { ...init, headers, redirect: 'manual' })
    this.store(url, response)
    return response
  }
}

/**
 * Follows redirects by hand (keeping cookies) until one leads to `stopAt` (a URL prefix), and
 * returns that address without requesting it; or the last response when none does.
 */
async function follow(
  jar: CookieJar,
  url: string,
  stopAt: string,
): Promise<{ stoppedAt: string | null; last: Response; url: string }> {
  let current = url
  for (let hops = 0; hops < 20; hops++) {
    const response = await jar.fetch(current)
    const location = response.headers.get('location')
    if (response.status < 300 || response.status >= 400 || !location)
      return { stoppedAt: null, last: response, url: current }
    const next = new URL(location, current).href
    if (next.startsWith(stopAt)) return { stoppedAt: next, last: response, url: current }
    current = next
  }
  throw new Error('too many redirects')
}

/**
 * Signs `login` in at the local provider (oidc-provider's development sign-in form) through
 * Kokeileva's /auth/login, as a browser would, and returns the callback address the provider
 * sends the browser back to (not yet requested, so a test may tamper with it).
 */
export async function signInAtProvider(jar: CookieJar, appUrl: string, login: string, returnTo = '/'): Promise<string> {
  const start = await jar.fetch(`${appUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`)
  if (start.status !== 302) throw new Error(`/auth/login answered ${start.status}: ${await start.text()}`)
  const authorize = start.headers.get('location')!
  const toForm = await follow(jar, authorize, `${appUrl}/auth/callback`)
  if (toForm.stoppedAt) return toForm.stoppedAt
  const page = await toForm.last.text()
  const action = /<form[^>]*action="([^"]+)"/.exec(page)?.[1]
  if (!action) throw new Error(`no sign-in form at the provider: ${page.slice(0, 300)}`)
  const submitted = await jar.fetch(new URL(action.replace(/&amp;/g, '&'), toForm.url).href, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ prompt: 'login', login, password: 'any' }).toString(),
  })
  const location = submitted.headers.get('location')
  if (!location) throw new Error(`the provider's form answered ${submitted.status}`)
  const back = await follow(jar, new URL(location, toForm.url).href, `${appUrl}/auth/callback`)
  if (!back.stoppedAt) throw new Error(`the provider did not send the browser back (${back.last.status})`)
  return back.stoppedAt
}

/** The whole sign-in; returns the jar holding the app's session cookie. */
export async function signIn(appUrl: string, login: string, jar = new CookieJar()): Promise<CookieJar> {
  const callback = await signInAtProvider(jar, appUrl, login)
  const done = await jar.fetch(callback)
  if (done.status !== 302) throw new Error(`/auth/callback answered ${done.status}: ${await done.text()}`)
  return jar
}
