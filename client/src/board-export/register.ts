import { registerBoardPanel } from '../board/extensions.ts'
import { BoardExportPanel } from './BoardExportPanel.tsx'

/** "Download" in the board header, for every role: the board as Markdown, CSV or JSON. */
registerBoardPanel({
  id: 'export',
  title: 'export.panelTitle',
  isAvailable: () => true,
  component: BoardExportPanel,
})
