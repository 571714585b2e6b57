/**
 * Whether the device's main pointer is a finger (`pointer: coarse`): help texts then speak of
 * taps and long presses instead of clicks, right-clicks and keys (a phone has no keyboard
 * shortcuts). A laptop with a touch screen has a mouse first. Read once: devices do not switch.
 */
export function touchFirst(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches
}
