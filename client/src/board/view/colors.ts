import type { MessageKey } from '../../i18n/index.ts'

/** Sticky-note colours, each with its name for screen readers and tooltips. */
export const NOTE_COLORS: readonly { value: string; label: MessageKey }[] = [
  { value: '#fde68a', label: 'color.yellow' },
  { value: '#fed7aa', label: 'color.orange' },
  { value: '#fbcfe8', label: 'color.pink' },
  { value: '#ddd6fe', label: 'color.purple' },
  { value: '#bfdbfe', label: 'color.blue' },
  { value: '#99f6e4', label: 'color.teal' },
  { value: '#bbf7d0', label: 'color.green' },
  { value: '#f5f5f4', label: 'color.white' },
]

export const DEFAULT_NOTE_COLOR = '#fde68a'

export const FRAME_COLOR = '#f4f4f5'
