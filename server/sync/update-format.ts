/**
 * Constants of the Yjs v1 update format, read at the byte level by update-bytes.ts (checking a
 * client's update, splitting updates, scanning stored boards). Their values are Yjs's own (its
 * struct, content and type refs).
 */

/** Struct kinds (the low five bits of a struct's info byte). */
export const GC_REF = 0
export const SKIP_REF = 10
/** Info bits: the item carries a parent sub key; its left origin; its right origin. */
export const BIT6 = 0x20
export const ORIGIN_BIT = 0x80
export const RIGHT_ORIGIN_BIT = 0x40

/** Content kinds (Yjs's contentRefs). */
export const Content = {
  Deleted: 1,
  Json: 2,
  Binary: 3,
  String: 4,
  Embed: 5,
  Format: 6,
  Type: 7,
  Any: 8,
  Doc: 9,
} as const

/** Type refs (YArray 0 … YXmlText 6); XmlElement and XmlHook carry a key. */
export const XML_ELEMENT_REF = 3
export const XML_HOOK_REF = 5
export const LAST_TYPE_REF = 6
