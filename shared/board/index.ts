/** Typed accessors for the board document; the only code that touches its raw Yjs maps. */
export * from './schema.ts'
export * from './roots.ts'
export * from './meta.ts'
export * from './session.ts'
export * from './phases.ts'
export * from './zones.ts'
export * from './notes.ts'
export * from './init.ts'
