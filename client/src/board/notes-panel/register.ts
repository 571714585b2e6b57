import { lazyPart } from '../../app/lazy.tsx'
import { registerBoardPanel } from '../extensions.ts'

/**
 * "Notes" in the board header, for every role: every note as a list (screen readers,
 * keyboard). Its code loads when the panel is first opened.
 */
registerBoardPanel({
  id: 'notes',
  title: 'notesPanel.title',
  isAvailable: () => true,
  component: lazyPart(() => import('./NotesPanel.tsx').then((module) => module.NotesPanel)),
})
