/** Length limits of the registry's fields (characters), checked by the API schemas. */
export const IDEA_TITLE_MAX_CHARS = 200
export const IDEA_DESCRIPTION_MAX_CHARS = 10_000
export const IDEA_DEPARTMENT_MAX_CHARS = 100
export const IDEA_TAG_MAX_CHARS = 40
export const IDEA_TAGS_MAX = 20
export const IDEA_COMMENT_MAX_CHARS = 2000
export const EXPERIMENT_TEXT_MAX_CHARS = 2000
/** Notes one promotion may take (a cluster, not a whole board). */
export const PROMOTE_NOTES_MAX = 100
export const NOTE_ID_MAX_CHARS = 64
/** Longest search text (the similar-ideas search gets the selected notes' texts). */
export const SEARCH_TEXT_MAX_CHARS = 2000
export const IDEA_PAGE_MAX = 100
