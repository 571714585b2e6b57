import * as Y from 'yjs'
import { describe, expect, it } from 'vitest'
import { initBoardDoc, listZones, readMeta, readPhases, readSession } from '@shared/board/index.ts'
import { timerView } from '@shared/facilitation/index.ts'
import {
  LOCALES,
  TEMPLATES,
  findTemplate,
  layoutFromTemplate,
  templateProblems,
  type Localized,
  type TemplateDefinition,
} from '@shared/templates/index.ts'
import { parseStoredTemplate } from '../../server/templates/catalogue.ts'

function disney(): TemplateDefinition {
  const template = findTemplate('disney')
  if (!template) throw new Error('no disney template')
  return template
}

describe('built-in templates', () => {
  it('include every method the product promises, once each', () => {
    const ids = TEMPLATES.map((template) => template.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const id of ['disney', 'brainstorm', 'how-might-we', 'swot', 'retro', 'six-hats', 'blank'])
      expect(ids).toContain(id)
  })

  it.each(TEMPLATES.map((template) => [template.id, template] as const))(
    '%s is valid: phases name existing zones, every text in both languages, no overlapping zones',
    (_id, template) => {
      expect(templateProblems(template)).toEqual([])
    },
  )

  it('use different texts for Finnish and English (nothing left untranslated)', () => {
    for (const template of TEMPLATES) {
      const texts = [
        template.name,
        template.description,
        ...template.zones.flatMap((z) => [z.title, z.prompt]),
        ...template.phases.flatMap((p) => [p.title, p.prompt]),
      ]
      for (const text of texts) {
        // Titles may coincide only when they are proper names; prompts never do.
        if (text.fi.length > 20) expect(text.fi, `${template.id}: ${text.en}`).not.toBe(text.en)
      }
    }
  })
})

describe('the Disney template', () => {
  it('has a positively stated Focus zone, Dreamer, Realist and Critic zones and a lane of questions back to the Dreamer', () => {
    const template = disney()
    const byKind = new Map(template.zones.map((zone) => [zone.kind, zone]))
    expect(byKind.get('dreamer')?.title).toEqual({ fi: 'Unelmoija', en: 'Dreamer', sv: 'Drömmare' })
    expect(byKind.get('realist')?.title).toEqual({ fi: 'Realisti', en: 'Realist', sv: 'Realist' })
    expect(byKind.get('critic')?.title).toEqual({ fi: 'Kriitikko', en: 'Critic', sv: 'Kritiker' })
    expect(byKind.get('focus')?.prompt.en).toMatch(/positively/)
    expect(byKind.get('focus')?.prompt.fi).toMatch(/myönteisessä muodossa/)
    const lane = byKind.get('questions')
    expect(lane?.title.en).toMatch(/Critic.*Dreamer/)
    expect(lane?.title.fi).toMatch(/Kriitiko.*unelmoija/i)
  })

  it('runs Frame → Dreamer → Realist → Critic → (loop back) → Converge, each role in its own zone, with a dot vote', () => {
    const template = disney()
    expect(template.phases.map((phase) => phase.id)).toEqual(['frame', 'dreamer', 'realist', 'critic', 'converge'])
    const phase = (id: string) => template.phases.find((candidate) => candidate.id === id)
    expect(phase('frame')?.openZones).toEqual(['focus'])
    expect(phase('dreamer')?.openZones).toEqual(['dreamer'])
    expect(phase('realist')?.openZones).toEqual(['realist'])
    expect(phase('critic')?.openZones).toEqual(['critic', 'questions'])
    expect(phase('critic')?.loopTo).toBe('dreamer')
    expect(phase('converge')?.voting).toBe(true)
    expect(template.phases.filter((candidate) => candidate.voting).map((candidate) => candidate.id)).toEqual([
      'converge',
    ])
  })

  it("asks Dilts' questions of each role in both languages", () => {
    const prompt = (id: string) =>
      template.phases.find((phase) => phase.id === id)?.prompt ?? { fi: '', en: '', sv: '' }
    const template = disney()
    expect(prompt('dreamer').en).toMatch(/what do we want, ideally\?.*why do we want it\?.*benefits/i)
    expect(prompt('dreamer').fi).toMatch(/Mitä haluamme.*Miksi haluamme sitä\?.*hyötyä/)
    expect(prompt('realist').en).toMatch(/How exactly.*Who.*when.*resources.*How will we know it works/)
    expect(prompt('realist').fi).toMatch(
      /Miten.*käytännössä.*Kuka.*milloin.*resursseja.*Mistä tiedämme, että se toimii/,
    )
    expect(prompt('critic').en).toMatch(
      /Whom does this affect\?.*What could go wrong\?.*What is missing\?.*Why might someone object\?.*good in the current way/,
    )
    expect(prompt('critic').fi).toMatch(
      /Keihin tämä vaikuttaa\?.*Mikä voi mennä pieleen\?.*Mitä puuttuu\?.*vastustaa.*nykyisessä tavassa on hyvää/,
    )
    expect(prompt('critic').en).toMatch(/judge the plan, never the people/)
    expect(prompt('critic').fi).toMatch(/Arvioidaan suunnitelmaa, ei ihmisiä/)
    expect(template.description.en).toMatch(/same role at the same time/)
    expect(template.description.fi).toMatch(/samaan aikaan samassa roolissa/)
  })
})

describe('the brainstorm template', () => {
  it('goes question → silent writing → reveal → clustering → naming clusters → dot vote', () => {
    const template = findTemplate('brainstorm')
    expect(template?.phases.map((phase) => [phase.id, phase.silent, phase.voting])).toEqual([
      ['question', false, false],
      ['silent-writing', true, false],
      ['reveal', false, false],
      ['cluster', false, false],
      ['name-clusters', false, false],
      ['vote', false, true],
    ])
  })
})

describe('templateProblems', () => {
  const base = disney()
  it('names a phase that opens a zone the template lacks', () => {
    const broken = {
      ...base,
      phases: base.phases.map((phase) => (phase.id === 'realist' ? { ...phase, openZones: ['nowhere'] } : phase)),
    }
    expect(templateProblems(broken)).toEqual([
      'phase "realist": opens zone "nowhere", which the template does not have',
    ])
  })

  it('names a missing translation and a loop to an unknown phase', () => {
    const broken = {
      ...base,
      zones: base.zones.map((zone) =>
        zone.key === 'critic'
          ? { ...zone, prompt: { fi: 'Mikä voi mennä pieleen?', en: ' ', sv: 'Vad kan gå fel?' } }
          : zone,
      ),
      phases: base.phases.map((phase) => (phase.id === 'critic' ? { ...phase, loopTo: 'dreamers' } : phase)),
    }
    expect(templateProblems(broken)).toEqual([
      'zone "critic" prompt: the en text is missing',
      'phase "critic": loops to "dreamers", which is not another phase of the template',
    ])
  })

  it('finds overlapping zones unless overlap is allowed, and accepts zones that only touch', () => {
    const [first, second] = base.zones as [TemplateDefinition['zones'][number], TemplateDefinition['zones'][number]]
    const overlapping = { ...base, zones: [first, { ...second, y: first.y + first.height - 1 }] }
    expect(templateProblems(overlapping, {}).filter((problem) => problem.includes('overlap'))).toEqual([
      'zones "focus" and "dreamer" overlap',
    ])
    expect(
      templateProblems(overlapping, { allowOverlap: true }).filter((problem) => problem.includes('overlap')),
    ).toEqual([])
    const touching = { ...base, zones: [first, { ...second, y: first.y + first.height }] }
    expect(templateProblems(touching).filter((problem) => problem.includes('overlap'))).toEqual([])
  })
})

describe('a board laid out from a template', () => {
  it.each(TEMPLATES.flatMap((template) => LOCALES.map((locale) => [template.id, locale] as const)))(
    '%s in %s starts in the first phase with its zones, phases and settings',
    (id, locale) => {
      const template = findTemplate(id)
      if (!template) throw new Error(id)
      const doc = new Y.Doc()
      initBoardDoc(doc, { title: 'T', template: id, createdAt: 1_000, locale }, layoutFromTemplate(template, locale))
      const first = template.phases[0]
      if (!first) throw new Error('no phase')
      const session = readSession(doc)
      expect(session.phase).toBe(first.id)
      expect(session.silent).toBe(first.silent)
      expect(session.voting).toEqual({ open: first.voting, votesPerPerson: template.votesPerPerson })
      expect(session.locked).toBe(false)
      expect(timerView(session.timer, 5_000)).toMatchObject({ status: 'ready', remainingMs: first.minutes * 60_000 })
      expect(readMeta(doc).locale).toBe(locale)
      expect(
        listZones(doc)
          .map((zone) => [zone.id, zone.title])
          .sort(),
      ).toEqual(template.zones.map((zone) => [zone.key, zone.title[locale]]).sort())
      expect(readPhases(doc).map((phase) => [phase.id, phase.prompt])).toEqual(
        template.phases.map((phase) => [phase.id, phase.prompt[locale]]),
      )
      doc.destroy()
    },
  )
})

describe('a custom template stored before Swedish existed', () => {
  it('is still served, its Swedish texts copied from the Finnish ones', () => {
    const base = disney()
    const withoutSwedish = (texts: Localized) => ({ fi: texts.fi, en: texts.en })
    const definition = {
      ...base,
      id: 'c-legacy000001',
      name: { fi: 'Meidän Disney', en: 'Our Disney' },
      description: withoutSwedish(base.description),
      zones: base.zones.map((zone) => ({
        ...zone,
        title: withoutSwedish(zone.title),
        prompt: withoutSwedish(zone.prompt),
      })),
      phases: base.phases.map((phase) => ({
        ...phase,
        title: withoutSwedish(phase.title),
        prompt: withoutSwedish(phase.prompt),
      })),
    }
    const parsed = parseStoredTemplate({ id: definition.id, definition, sourceBoardId: 'b', createdAt: 1 })
    expect(parsed?.name).toEqual({ fi: 'Meidän Disney', en: 'Our Disney', sv: 'Meidän Disney' })
    expect(parsed?.zones.find((zone) => zone.kind === 'critic')?.title.sv).toBe('Kriitikko')
    expect(parsed?.phases[0]?.prompt.sv).toBe(base.phases[0]?.prompt.fi)
  })

  it('is still skipped when it is broken in another way', () => {
    const definition = { ...disney(), id: 'c-legacy000002', name: { fi: 'x', en: 'x' }, phases: [] }
    expect(parseStoredTemplate({ id: definition.id, definition, sourceBoardId: 'b', createdAt: 1 })).toBeNull()
  })
})
