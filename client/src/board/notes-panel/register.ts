import { registerBoardPanel } from '../extensions.ts'
import { NotesPanel } from './NotesPanel.tsx'

/** "Notes" in the board header, for every role: every note as a list (screen readers, keyboard). */
registerBoardPanel({
  id: 'notes',
  title: 'notesPanel.title',
  isAvailable: () => true,
  component: NotesPanel,
})
