import { beforeAll, describe, expect, it } from 'vitest'
import type { PhaseData, ZoneData } from '@shared/board/index.ts'
import { findTemplate, phaseFromTemplate } from '@shared/templates/index.ts'
import {
  loadTemplateTexts,
  openZonesOf,
  phasePrompt,
  phaseTitle,
  zonePrompt,
  zoneTitle,
} from '../../../client/src/facilitation/phase-text.ts'

const disney = findTemplate('disney')!
const dreamerFi = phaseFromTemplate(
  disney.phases.find((phase) => phase.id === 'dreamer')!,
  'fi',
)
const finnishBoard = { locale: 'fi' as const, template: 'disney' }

describe('the built-in templates’ texts, a chunk of their own', () => {
  it('shows the board’s own text until they have loaded, then the reader’s language', async () => {
    expect(phaseTitle(dreamerFi, finnishBoard, 'en')).toEqual({ text: 'Unelmoija', lang: 'fi' })
    await loadTemplateTexts()
    expect(phaseTitle(dreamerFi, finnishBoard, 'en')).toEqual({ text: 'Dreamer', lang: 'en' })
  })
})

describe('phase and zone texts in the reader’s language', () => {
  beforeAll(() => loadTemplateTexts())

  it('shows a built-in template’s text in the UI language, marked with its language', () => {
    expect(phaseTitle(dreamerFi, finnishBoard, 'en')).toEqual({ text: 'Dreamer', lang: 'en' })
    expect(phasePrompt(dreamerFi, finnishBoard, 'en').text).toMatch(/^Everyone is a Dreamer now/)
    expect(phaseTitle(dreamerFi, finnishBoard, 'fi')).toEqual({ text: 'Unelmoija', lang: 'fi' })
  })

  it('keeps what the facilitator wrote, and custom templates, as they are', () => {
    const edited: PhaseData = { ...dreamerFi, prompt: 'Unelmoidaan kirjastosta' }
    expect(phasePrompt(edited, finnishBoard, 'en')).toEqual({ text: 'Unelmoidaan kirjastosta', lang: 'fi' })
    expect(phaseTitle(dreamerFi, { locale: 'fi', template: 'c-abc' }, 'en')).toEqual({ text: 'Unelmoija', lang: 'fi' })
    const zone: ZoneData = {
      id: 'critic',
      kind: 'critic',
      title: 'Kriitikko',
      prompt: '',
      x: 0,
      y: 0,
      width: 1,
      height: 1,
      color: '#fff',
    }
    expect(zoneTitle(zone, finnishBoard, 'en').text).toBe('Critic')
    expect(zoneTitle({ ...zone, title: 'Riskit' }, finnishBoard, 'en').text).toBe('Riskit')
  })

  it('shows a zone’s template prompt in the reader’s language, and a changed one as written', () => {
    const source = disney.zones.find((zone) => zone.key === 'dreamer')!
    const zone: ZoneData = {
      id: 'dreamer',
      kind: 'dreamer',
      title: source.title.fi,
      prompt: source.prompt.fi,
      x: 0,
      y: 0,
      width: 1,
      height: 1,
      color: '#fff',
    }
    expect(zonePrompt(zone, finnishBoard, 'en')).toEqual({ text: source.prompt.en, lang: 'en' })
    expect(zonePrompt(zone, finnishBoard, 'fi')).toEqual({ text: source.prompt.fi, lang: 'fi' })
    expect(zonePrompt({ ...zone, prompt: 'Oma kysymys' }, finnishBoard, 'en')).toEqual({
      text: 'Oma kysymys',
      lang: 'fi',
    })
  })

  it('lists the zones a phase opens, or null when it opens all', () => {
    const zones = ['focus', 'dreamer', 'critic'].map((id): ZoneData => ({
      id,
      kind: id,
      title: id,
      prompt: '',
      x: 0,
      y: 0,
      width: 1,
      height: 1,
      color: '#fff',
    }))
    expect(openZonesOf(dreamerFi, zones)?.map((zone) => zone.id)).toEqual(['dreamer'])
    expect(openZonesOf({ ...dreamerFi, openZones: [] }, zones)).toEqual([])
    expect(openZonesOf({ ...dreamerFi, openZones: 'all' }, zones)).toBeNull()
    expect(openZonesOf(null, zones)).toBeNull()
  })
})
