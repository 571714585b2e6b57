/**
 * What the client's build uses in place of lib0's logging module (client/vite.config.ts): Yjs
 * imports it for a handful of warnings, and with it lib0's DOM and runtime-schema modules,
 * about 4 kB of every board's first load (issue 17, target 5) for console colours. The same
 * messages still reach the console, without the colours. Importing anything not here fails
 * the build, so a dependency that needs more of lib0's logging cannot pass unnoticed.
 */
export const BOLD = Symbol('bold')
export const UNBOLD = Symbol('unbold')
export const BLUE = Symbol('blue')
export const GREY = Symbol('grey')
export const GREEN = Symbol('green')
export const RED = Symbol('red')
export const PURPLE = Symbol('purple')
export const ORANGE = Symbol('orange')
export const UNCOLOR = Symbol('uncolor')

type Arg = unknown

/** lib0 lets a single function stand for its arguments, computed only when printed. */
function plain(args: readonly Arg[]): unknown[] {
  const [only] = args
  const list = args.length === 1 && typeof only === 'function' ? (only as () => Arg[])() : args
  return list.filter((arg) => typeof arg !== 'symbol')
}

export const print = (...args: Arg[]): void => console.log(...plain(args))
export const warn = (...args: Arg[]): void => console.warn(...plain(args))
export const printError = (error: unknown): void => console.error(error)
