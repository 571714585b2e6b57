/** Ids of the facilitation feature's board panels (ui.openPanel holds one of them when open). */
export const SESSION_PANEL_ID = 'session'
export const RESULTS_PANEL_ID = 'results'
