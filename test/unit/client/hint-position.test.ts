import { describe, expect, it } from 'vitest'
import { hintCenter } from '../../../client/src/board/ui/hint-position.ts'

const CANVAS = { width: 800, height: 600 }
const HINT = { width: 300, height: 120 }

describe("the empty board's hint", () => {
  it('sits in the middle of the zone when it fits there', () => {
    expect(hintCenter({ x: 100, y: 100 }, { x: 700, y: 500 }, HINT, CANVAS)).toEqual({ x: 400, y: 300 })
  })

  it('sits in the middle of the part of the zone on screen', () => {
    expect(hintCenter({ x: -400, y: 200 }, { x: 600, y: 1200 }, HINT, CANVAS)).toEqual({ x: 300, y: 400 })
  })

  it('moves down from under the canvas top edge when the zone there is shorter than the hint', () => {
    // A 60 px high zone at the top: centred on it, the hint's upper half would be off the canvas.
    const center = hintCenter({ x: 100, y: 10 }, { x: 700, y: 70 }, HINT, CANVAS)
    expect(center.x).toBe(400)
    expect(center.y - HINT.height / 2).toBe(8)
  })

  it('stays on the canvas when the zone is off it, and is centred on a canvas smaller than itself', () => {
    const center = hintCenter({ x: 900, y: -500 }, { x: 1500, y: -100 }, HINT, CANVAS)
    expect(center.x + HINT.width / 2).toBe(CANVAS.width - 8)
    expect(center.y - HINT.height / 2).toBe(8)
    expect(
      hintCenter({ x: 0, y: 0 }, { x: 100, y: 100 }, { width: 300, height: 120 }, { width: 250, height: 100 }),
    ).toEqual({ x: 125, y: 50 })
  })

  it('before it is measured (size zero), is where the zone says', () => {
    expect(hintCenter({ x: 100, y: 10 }, { x: 700, y: 70 }, { width: 0, height: 0 }, CANVAS)).toEqual({ x: 400, y: 40 })
  })
})
