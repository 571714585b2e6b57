import { lazyPart } from '../app/lazy.tsx'
import { registerBoardPanel } from '../board/extensions.ts'

/**
 * "Download" in the board header, for every role: the board as Markdown, CSV or JSON, or as
 * a picture. The panel's code (and, once asked for, the picture code) loads when the panel is
 * first opened, not with the board.
 */
registerBoardPanel({
  id: 'export',
  title: 'export.panelTitle',
  isAvailable: () => true,
  component: lazyPart(() => import('./BoardExportPanel.tsx').then((module) => module.BoardExportPanel)),
})
