/**
 * Features that plug into the board page register here (see board/extensions.ts): import
 * the module that calls registerBoardPanel / registerSelectionAction.
 */
import './promote/register.ts'
import './board-export/register.ts'
