import type { TemplateDefinition } from './types.ts'

/** Reframe a problem as "How might we…?" questions, choose one, and generate solutions to it. */
export const howMightWe: TemplateDefinition = {
  id: 'how-might-we',
  name: { fi: 'Miten voisimme…?', en: 'How might we…?' },
  description: {
    fi: 'Käännetään ongelma mahdollisuuksiksi: muotoillaan siitä ”Miten voisimme…?” -kysymyksiä, valitaan niistä yksi äänestämällä ja ideoidaan siihen ratkaisuja.',
    en: 'Turn a problem into opportunities: reframe it as “How might we…?” questions, choose one by vote and generate solutions to it.',
  },
  zones: [
    {
      key: 'problem',
      kind: 'focus',
      title: { fi: 'Ongelma', en: 'Problem' },
      prompt: {
        fi: 'Mikä ongelma tai havainto meillä on? Kenen ongelma se on, ja missä tilanteessa se tulee vastaan?',
        en: 'What problem or observation do we have? Whose problem is it, and in what situation does it come up?',
      },
      x: 0,
      y: 0,
      width: 1700,
      height: 240,
      color: '#fef3c7',
    },
    {
      key: 'questions',
      kind: 'questions',
      title: { fi: 'Miten voisimme…?', en: 'How might we…?' },
      prompt: {
        fi: 'Aloita jokainen lappu sanoilla ”Miten voisimme…”. Hyvä kysymys ei ole liian laaja eikä liian kapea.',
        en: 'Start every note with “How might we…”. A good question is neither too broad nor too narrow.',
      },
      x: 0,
      y: 280,
      width: 820,
      height: 760,
      color: '#ede9fe',
    },
    {
      key: 'chosen',
      kind: 'chosen',
      title: { fi: 'Valittu kysymys', en: 'Chosen question' },
      prompt: {
        fi: 'Tähän siirretään kysymys, joka sai eniten ääniä.',
        en: 'The question with the most votes is moved here.',
      },
      x: 860,
      y: 280,
      width: 840,
      height: 220,
      color: '#fce7f3',
    },
    {
      key: 'ideas',
      kind: 'ideas',
      title: { fi: 'Ratkaisuideat', en: 'Solution ideas' },
      prompt: {
        fi: 'Ideoita valittuun kysymykseen, yksi lappua kohden.',
        en: 'Ideas for the chosen question, one per note.',
      },
      x: 860,
      y: 540,
      width: 840,
      height: 500,
      color: '#e0f2fe',
    },
  ],
  phases: [
    {
      id: 'problem',
      title: { fi: 'Ongelma', en: 'The problem' },
      prompt: {
        fi: 'Kirjoitetaan ongelma tai havainto Ongelma-alueelle mahdollisimman konkreettisesti: kuka, missä tilanteessa ja mitä silloin tapahtuu.',
        en: 'Write the problem or observation in the Problem area as concretely as possible: who, in what situation, and what happens then.',
      },
      minutes: 5,
      openZones: ['problem'],
      silent: false,
      voting: false,
    },
    {
      id: 'questions',
      title: { fi: 'Kysymykset', en: 'Questions' },
      prompt: {
        fi: 'Muotoile ongelmasta ”Miten voisimme…?” -kysymyksiä. Kirjoita yksin ja hiljaa: näet vain omat lappusi, kunnes fasilitaattori paljastaa kaikkien kysymykset.',
        en: 'Reframe the problem as “How might we…?” questions. Write alone and in silence: you see only your own notes until the facilitator reveals everyone’s questions.',
      },
      minutes: 7,
      openZones: ['questions'],
      silent: true,
      voting: false,
    },
    {
      id: 'choose',
      title: { fi: 'Kysymyksen valinta', en: 'Choose a question' },
      prompt: {
        fi: 'Lue kaikkien kysymykset ja äänestä niitä, joihin haluat etsiä ratkaisuja. Tulokset näkyvät, kun fasilitaattori päättää äänestyksen.',
        en: 'Read everyone’s questions and vote for the ones you want to find solutions to. The results appear when the facilitator closes the vote.',
      },
      minutes: 5,
      openZones: [],
      silent: false,
      voting: true,
    },
    {
      id: 'ideate',
      title: { fi: 'Ratkaisujen ideointi', en: 'Generate solutions' },
      prompt: {
        fi: 'Eniten ääniä saanut kysymys on nyt Valittu kysymys -alueella. Keksi sille mahdollisimman monta ratkaisua – määrä ennen laatua.',
        en: 'The question with the most votes is now in the Chosen question area. Come up with as many solutions to it as you can – quantity before quality.',
      },
      minutes: 10,
      openZones: ['ideas'],
      silent: false,
      voting: false,
    },
  ],
  votesPerPerson: 3,
}
