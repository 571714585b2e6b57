import type { AnchorHTMLAttributes, MouseEvent } from 'react'
import { Store } from '../lib/store.ts'

/** The current path (without fragment), updated by navigate() and the browser's back/forward. */
export const pathStore = new Store<string>(typeof window === 'undefined' ? '/' : window.location.pathname)

/** The current query string ("?a=b" or ""), for pages whose state lives in the address (the registry list). */
export const searchStore = new Store<string>(typeof window === 'undefined' ? '' : window.location.search)

if (typeof window !== 'undefined') {
  window.addEventListener('popstate', () => {
    pathStore.set(window.location.pathname)
    searchStore.set(window.location.search)
  })
}

export function navigate(to: string, { replace = false } = {}): void {
  if (replace) window.history.replaceState(null, '', to)
  else window.history.pushState(null, '', to)
  const url = new URL(to, window.location.origin)
  pathStore.set(url.pathname)
  searchStore.set(url.search)
}

/** Matches `/b/:boardId` style patterns; returns the decoded parameters or null. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean)
  const have = path.split('/').filter(Boolean)
  if (want.length !== have.length) return null
  const params: Record<string, string> = {}
  for (let i = 0; i < want.length; i++) {
    const segment = want[i] as string
    const value = have[i] as string
    if (segment.startsWith(':')) {
      try {
        params[segment.slice(1)] = decodeURIComponent(value)
      } catch {
        return null // a malformed escape cannot name anything
      }
    } else if (segment !== value) {
      return null
    }
  }
  return params
}

/** An in-app link: a plain anchor (so it can be opened in a new tab) that routes without reload. */
export function Link({ to, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { to: string }) {
  const handle = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event)
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return
    event.preventDefault()
    navigate(to)
  }
  return <a href={to} onClick={handle} {...rest} />
}
