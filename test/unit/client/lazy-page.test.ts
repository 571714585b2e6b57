import { createElement, Suspense } from 'react'
import { renderToString } from 'react-dom/server'
import { describe, expect, it } from 'vitest'
import { lazyPage } from '../../../client/src/app/lazy.tsx'

const Greeting = ({ name }: { name: string }) => createElement('p', null, `Hello ${name}`)

describe('lazyPage: a page of its own chunk', () => {
  it('renders at once, without suspending, once preloaded (a board link preloads the board page)', async () => {
    let loads = 0
    const Page = lazyPage(
      async () => {
        loads++
        return Greeting
      },
      { firstStrings: true },
    )
    expect(await Page.preload()).toBe(Greeting)
    // Not a fallback first: the page itself, in the first render.
    const html = renderToString(createElement(Suspense, { fallback: 'loading' }, createElement(Page, { name: 'Aino' })))
    expect(html).toContain('<p>Hello Aino</p>')
    expect(html).not.toContain('loading')
    await Page.preload()
    expect(loads).toBe(1)
  })

  it('shows its own loading line until loaded, without suspending, and a failed preload is tried again', async () => {
    let fail = true
    const Page = lazyPage(
      async () => {
        if (fail) throw new Error('chunk gone')
        return Greeting
      },
      { firstStrings: true },
    )
    const tree = () => createElement(Suspense, { fallback: 'suspended' }, createElement(Page, { name: 'Ben' }))
    // Not Suspense's fallback: React 19 would hold the page back for up to 300 ms after it.
    const loading = renderToString(tree())
    expect(loading).toContain('data-testid="page-loading"')
    expect(loading).not.toContain('suspended')
    await expect(Page.preload()).rejects.toThrow('chunk gone')
    fail = false
    expect(await Page.preload()).toBe(Greeting)
    expect(renderToString(tree())).toContain('<p>Hello Ben</p>')
  })
})
