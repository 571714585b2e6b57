/**
 * The limits of a notes import (shared/api/import.ts, which re-exports them), apart from its
 * schemas: the web client reads these without loading the schema library.
 */

/** The largest file accepted, in bytes. */
export const IMPORT_MAX_BYTES = 256 * 1024
/** Notes one file may create. */
export const IMPORT_MAX_NOTES = 500
