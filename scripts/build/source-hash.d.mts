export type BuildPart = 'client' | 'server'
export const REPO_DIR: string
export const DIST_DIR: string
export const PARTS: Record<BuildPart, { out: string; sources: string[] }>
export const STAMP_FILE: string
export function sourceHash(part: BuildPart): string
export function builtHash(part: BuildPart): string | null
export function staleParts(): BuildPart[]
