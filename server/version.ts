import { readFileSync } from 'node:fs'

/** Set to package.json's version by the build (scripts/build/server.ts, esbuild's `define`). */
declare const __KOKEILEVA_VERSION__: string | undefined

/** The release this server is, from package.json (read from there when run from source). */
export const VERSION: string = typeof __KOKEILEVA_VERSION__ === 'string' ? __KOKEILEVA_VERSION__ : sourceVersion()

function sourceVersion(): string {
  const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
  return manifest.version
}
