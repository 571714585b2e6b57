/**
 * Features that plug into the board page register here (see board/extensions.ts): import
 * the module that calls registerBoardPanel / registerSelectionAction / registerBoardStrip /
 * registerCanvasOverlay.
 */
import './facilitation/register.ts'
import './promote/register.ts'
import './board-export/register.ts'
import './board/notes-panel/register.ts'
