import type { Layer as KonvaLayer } from 'konva/lib/Layer'

/**
 * A ref for a Konva layer that is hidden while it holds nothing. Each layer is a canvas the
 * size of the view: an empty one was still cleared on every camera frame and, on a machine
 * without a GPU, blended over the others by the compositor. Hidden (display: none), it costs
 * neither; the draw that follows a node's arrival shows it again.
 */
export function hiddenWhileEmpty(layer: KonvaLayer | null): void {
  if (!layer || patched.has(layer)) return
  patched.add(layer)
  const drawScene = layer.drawScene.bind(layer)
  layer.drawScene = (canvas, top) => {
    const filled = layer.hasChildren()
    if (layer.visible() !== filled) layer.visible(filled)
    return filled ? drawScene(canvas, top) : layer
  }
  // Until its first draw.
  if (!layer.hasChildren()) layer.visible(false)
}

const patched = new WeakSet<KonvaLayer>()
