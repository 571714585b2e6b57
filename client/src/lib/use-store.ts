import { useCallback, useSyncExternalStore } from 'react'
import type { ReadableStore } from './store.ts'

/** Reads a store and re-renders when its value changes. */
export function useStore<T>(store: ReadableStore<T>): T {
  return useSyncExternalStore(store.subscribe, store.get, store.get)
}

/**
 * Reads one derived value of a store; the component re-renders only when that value changes.
 * The selector must return a primitive or a value that is stable while its inputs are.
 */
export function useStoreSelector<T, S>(store: ReadableStore<T>, selector: (value: T) => S): S {
  const read = useCallback(() => selector(store.get()), [store, selector])
  return useSyncExternalStore(store.subscribe, read, read)
}
