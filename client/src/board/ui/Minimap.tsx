import { useEffect, useRef } from 'react'
import { useT } from '../../i18n/use-t.ts'
import { useBoard } from '../board-context.ts'
import { boundsOf, expand, type Rect } from '../view/geometry.ts'
import { centerOn } from '../view/viewport.ts'

const WIDTH = 200
const HEIGHT = 140
const REDRAW_NOTES_MS = 250

/**
 * The whole board in miniature with the visible area outlined; click or drag in it to move
 * there. Drawn on a plain 2D canvas: notes are redrawn at most four times a second, the view
 * rectangle on every camera change.
 */
export function Minimap() {
  const { session, viewport } = useBoard()
  const { t } = useT()
  const canvas = useRef<HTMLCanvasElement>(null)

  useEffect(() => {
    const element = canvas.current
    const context = element?.getContext('2d')
    if (!element || !context) return
    const ratio = globalThis.devicePixelRatio || 1
    element.width = WIDTH * ratio
    element.height = HEIGHT * ratio
    const notesLayer = document.createElement('canvas')
    notesLayer.width = element.width
    notesLayer.height = element.height
    const notesPixels = document.createElement('canvas')
    notesPixels.width = element.width
    notesPixels.height = element.height
    const notesImage = new ImageData(element.width, element.height)
    let world: Rect = { x: 0, y: 0, width: 1, height: 1 }
    let scale = 1

    const layout = () => {
      const content = boundsOf([...session.stores.notes.values(), ...session.stores.zones.get()])
      const base = content ? boundsOf([content, viewport.visibleRect()]) : viewport.visibleRect()
      world = expand(base ?? { x: 0, y: 0, width: 1, height: 1 }, 40)
      scale = Math.min(WIDTH / world.width, HEIGHT / world.height)
    }
    const drawNotes = () => {
      layout()
      const ctx = notesLayer.getContext('2d')
      if (!ctx) return
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0)
      ctx.clearRect(0, 0, WIDTH, HEIGHT)
      for (const zone of session.stores.zones.get()) {
        ctx.fillStyle = zone.color
        ctx.strokeStyle = 'rgba(0,0,0,0.25)'
        const r = toMini(zone)
        ctx.fillRect(r.x, r.y, r.width, r.height)
        ctx.strokeRect(r.x, r.y, r.width, r.height)
      }
      // The notes are written into a pixel buffer (a big board's thousands of notes are a
      // pixel or two each here), later notes over earlier ones, and laid over the zones.
      const pixels = notesImage.data
      pixels.fill(0)
      const words = new Uint32Array(pixels.buffer)
      const across = notesImage.width
      const down = notesImage.height
      const k = scale * ratio
      for (const note of session.stores.notes.values()) {
        const color = packedColor(note.color)
        const left = Math.max(0, Math.floor((note.x - world.x) * k))
        const top = Math.max(0, Math.floor((note.y - world.y) * k))
        const right = Math.min(across, Math.max(left + 1, Math.round((note.x + note.width - world.x) * k)))
        const bottom = Math.min(down, Math.max(top + 1, Math.round((note.y + note.height - world.y) * k)))
        for (let row = top; row < bottom; row++) words.fill(color, row * across + left, row * across + right)
      }
      notesPixels.getContext('2d')?.putImageData(notesImage, 0, 0)
      ctx.setTransform(1, 0, 0, 1, 0, 0)
      ctx.drawImage(notesPixels, 0, 0)
      drawView()
    }
    const toMini = (r: Rect): Rect => ({
      x: (r.x - world.x) * scale,
      y: (r.y - world.y) * scale,
      width: r.width * scale,
      height: r.height * scale,
    })
    const drawView = () => {
      context.setTransform(1, 0, 0, 1, 0, 0)
      context.clearRect(0, 0, element.width, element.height)
      context.drawImage(notesLayer, 0, 0)
      context.setTransform(ratio, 0, 0, ratio, 0, 0)
      const view = toMini(viewport.visibleRect())
      context.strokeStyle = '#2563eb'
      context.lineWidth = 1.5
      context.strokeRect(view.x, view.y, view.width, view.height)
    }

    let timer: ReturnType<typeof setTimeout> | null = null
    const scheduleNotes = () => {
      if (timer === null)
        timer = setTimeout(() => {
          timer = null
          drawNotes()
        }, REDRAW_NOTES_MS)
    }
    let frame = 0
    const scheduleView = () => {
      if (frame === 0)
        frame = requestAnimationFrame(() => {
          frame = 0
          drawView()
        })
    }
    drawNotes()
    const unsubscribe = [
      session.stores.changes.on(scheduleNotes),
      viewport.subscribe(scheduleView),
      viewport.size.subscribe(scheduleNotes),
    ]

    let dragging = false
    const moveTo = (event: PointerEvent) => {
      const bounds = element.getBoundingClientRect()
      const point = {
        x: world.x + (event.clientX - bounds.left) / scale,
        y: world.y + (event.clientY - bounds.top) / scale,
      }
      viewport.set(centerOn(viewport.get(), point, viewport.size.get()))
    }
    const down = (event: PointerEvent) => {
      dragging = true
      element.setPointerCapture(event.pointerId)
      moveTo(event)
    }
    const move = (event: PointerEvent) => {
      if (dragging) moveTo(event)
    }
    const up = () => {
      dragging = false
      scheduleNotes()
    }
    element.addEventListener('pointerdown', down)
    element.addEventListener('pointermove', move)
    element.addEventListener('pointerup', up)
    return () => {
      for (const off of unsubscribe) off()
      if (timer) clearTimeout(timer)
      if (frame) cancelAnimationFrame(frame)
      element.removeEventListener('pointerdown', down)
      element.removeEventListener('pointermove', move)
      element.removeEventListener('pointerup', up)
    }
  }, [session, viewport])

  return (
    <canvas
      ref={canvas}
      className="minimap"
      style={{ width: WIDTH, height: HEIGHT }}
      aria-label={t('minimap.label')}
      role="img"
    />
  )
}

const packed = new Map<string, number>()
/** A note's colour as one RGBA pixel (little-endian, as ImageData lays them out); grey for what is not #rgb or #rrggbb. */
function packedColor(color: string): number {
  const known = packed.get(color)
  if (known !== undefined) return known
  const hex = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color)?.[1]
  const full = hex === undefined ? 'a8a29e' : hex.length === 3 ? [...hex].map((c) => c + c).join('') : hex
  const value = parseInt(full, 16)
  const r = (value >> 16) & 255
  const g = (value >> 8) & 255
  const b = value & 255
  const word = ((255 << 24) | (b << 16) | (g << 8) | r) >>> 0
  if (packed.size < 1000) packed.set(color, word)
  return word
}
