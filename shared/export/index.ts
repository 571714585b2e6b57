/** Export formatters: isomorphic, so the server's downloads and the client share them. */
export * from './csv.ts'
export * from './board-data.ts'
export * from './board.ts'
export * from './registry.ts'
export { EXPORT_LABELS, isoSeconds } from './labels.ts'
