/**
 * The part of Konva and react-konva the board draws with: Konva's core (Stage, Layer, Group,
 * Shape) and the Rect and Text shapes. `import … from 'react-konva'` would load all of Konva,
 * every shape (paths, transformers, text on paths …) and every image filter, which the board
 * never uses; the canvas imports its components from here instead.
 */
import Konva from 'konva/lib/Core'
import 'konva/lib/shapes/Rect'
import 'konva/lib/shapes/Text'

export { Konva }
export { Group, Layer, Rect, Shape, Stage, Text } from 'react-konva/lib/ReactKonvaCore'
