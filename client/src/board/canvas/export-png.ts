import type { Stage } from 'konva/lib/Stage'

/** Renders the stage on white (notes are drawn on a transparent canvas) and downloads it. */
export function exportStagePng(stage: Stage, fileName: string): void {
  const pixelRatio = Math.min(2, globalThis.devicePixelRatio || 1) * 1.5
  const drawn = stage.toCanvas({ pixelRatio })
  const canvas = document.createElement('canvas')
  canvas.width = drawn.width
  canvas.height = drawn.height
  const context = canvas.getContext('2d')
  if (!context) return
  context.fillStyle = '#ffffff'
  context.fillRect(0, 0, canvas.width, canvas.height)
  context.drawImage(drawn, 0, 0)
  const link = document.createElement('a')
  link.download = fileName.endsWith('.png') ? fileName : `${fileName}.png`
  link.href = canvas.toDataURL('image/png')
  document.body.append(link)
  link.click()
  link.remove()
}
