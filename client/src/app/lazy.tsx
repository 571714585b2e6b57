import { lazy, Suspense, useEffect, useState, type ComponentType } from 'react'
import { useT } from '../i18n/use-t.ts'
import { loadMoreStrings } from '../i18n/index.ts'

/**
 * Pages and parts of pages that load as chunks of their own (`import()`), so that what the
 * browser downloads first is what the page it opens needs: a board link does not fetch the
 * registry, the digest, the admin page or the export code.
 *
 * A chunk that cannot be loaded — offline before the app shell was kept on the device, or
 * after a redeploy, when the old build's files are gone from the server — shows a notice
 * with a reload button instead of the page (a reload fetches the current build).
 */

/**
 * A page of its own chunk, for a route: <PageLoading> until its chunk has loaded. With
 * its chunk come the strings beyond the first view's (i18n/index.ts), but for the pages whose
 * first view the first strings cover (`firstStrings`: the board and the start page).
 */
export function lazyPage<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { firstStrings = false }: { firstStrings?: boolean } = {},
): LazyPage<P> {
  let loading: Promise<ComponentType<P>> | null = null
  let loaded: ComponentType<P> | null = null
  const start = () =>
    (loading ??= (firstStrings ? load() : withMoreStrings(load)).then(
      (component) => (loaded = component),
      (error: unknown) => {
        loading = null // the next try (the route's, after a failed preload) fetches again
        throw error
      },
    ))
  // The page comes through a state of its own, not React.lazy: a lazy component suspends,
  // and React 19 holds back what a Suspense boundary reveals for 300 ms after its fallback was
  // shown. A board link's app often renders a moment before the board's chunk has run, and
  // its first render then waited up to 300 ms for nothing (issue 17, target 4). A page whose
  // chunk has loaded already (preload) renders at once.
  function Page(props: P) {
    const [Ready, setReady] = useState<ComponentType<P> | null>(() => loaded)
    useEffect(() => {
      if (Ready) return
      let mounted = true
      start().then(
        (component) => mounted && setReady(() => component),
        () => mounted && setReady(() => failed<P>(false)),
      )
      return () => {
        mounted = false
      }
    }, [Ready])
    return Ready ? <Ready {...props} /> : <PageLoading />
  }
  return Object.assign(Page, { preload: () => start() })
}

/** A page of its own chunk; `preload` fetches its code (and strings) before it is shown. */
export type LazyPage<P extends object> = ComponentType<P> & { preload: () => Promise<ComponentType<P>> }

/** A chunk's code with the strings beyond the first view's, which it shows. */
function withMoreStrings<T>(load: () => Promise<T>): Promise<T> {
  return Promise.all([load(), loadMoreStrings()]).then(([loaded]) => loaded)
}

/** What a lazy page or part shows in place of a chunk that did not load. */
function failed<P extends object>(inline: boolean): ComponentType<P> {
  return function Failed() {
    return <ChunkFailed inline={inline} />
  }
}

/**
 * A part of a page (a panel, a dialog) of its own chunk, with a <Suspense> of its own: while
 * it loads, only its place shows a loading line, and the rest of the page stays as it is.
 * `quiet`: nothing in its place meanwhile, for a small part that comes and goes (a chip, a
 * bar, a dialog opened by a key), where a loading line would only flicker.
 */
export function lazyPart<P extends object>(
  load: () => Promise<ComponentType<P>>,
  { quiet = false }: { quiet?: boolean } = {},
): ComponentType<P> {
  const Lazy = lazy<ComponentType<P>>(() =>
    withMoreStrings(load).then(
      (component) => ({ default: component }),
      () => ({ default: failed<P>(true) }),
    ),
  )
  return function LazyPart(props: P) {
    return (
      <Suspense fallback={quiet ? null : <PartLoading />}>
        <Lazy {...props} />
      </Suspense>
    )
  }
}

/** While a page's chunk loads. */
export function PageLoading() {
  const { t } = useT()
  return (
    <div className="page chunk-loading" role="status" data-testid="page-loading">
      <span className="muted">{t('app.loading')}</span>
    </div>
  )
}

function PartLoading() {
  const { t } = useT()
  return (
    <p className="muted chunk-loading" role="status">
      {t('app.loading')}
    </p>
  )
}

/** A chunk that did not load: most likely a new version is on the server, so a reload helps. */
export function ChunkFailed({ inline = false }: { inline?: boolean }) {
  const { t } = useT()
  const body = (
    <div role="alert" className="chunk-failed" data-testid="chunk-failed">
      <p>
        <strong>{t('app.chunkFailed.title')}</strong> {t('app.chunkFailed.body')}
      </p>
      <button type="button" onClick={() => window.location.reload()}>
        {t('app.chunkFailed.reload')}
      </button>
    </div>
  )
  return inline ? body : <main className="page narrow">{body}</main>
}

/**
 * When even the UI language's strings cannot be loaded, there is nothing to translate with:
 * the notice in all three languages.
 */
export function AppLoadFailed() {
  return (
    <main className="page narrow">
      <div role="alert" className="chunk-failed" data-testid="chunk-failed">
        <p lang="fi">Sovellusta ei voitu ladata. Ehkä palvelimella on uusi versio: lataa sivu uudelleen.</p>
        <p lang="sv">Appen kunde inte laddas. Kanske finns en ny version på servern: ladda om sidan.</p>
        <p lang="en">The app could not be loaded. Perhaps a new version is on the server: reload the page.</p>
        <button type="button" onClick={() => window.location.reload()}>
          Lataa uudelleen · Ladda om · Reload
        </button>
      </div>
    </main>
  )
}
