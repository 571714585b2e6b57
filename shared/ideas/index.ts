/** The idea model's shared logic: workflow, refs, limits, default texts, search terms, labels. */
export * from './workflow.ts'
export * from './ref.ts'
export * from './limits.ts'
export * from './text.ts'
export * from './search.ts'
export * from './labels.ts'
export * from './fields.ts'
