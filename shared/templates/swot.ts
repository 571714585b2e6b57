import type { TemplateDefinition } from './types.ts'

/** Strengths and weaknesses (inside), opportunities and threats (outside), then priorities. */
export const swot: TemplateDefinition = {
  id: 'swot',
  name: { fi: 'SWOT-analyysi', en: 'SWOT analysis' },
  description: {
    fi: 'Nelikenttä, jossa vahvuudet ja heikkoudet kuvaavat meitä itseämme ja mahdollisuudet ja uhat ympäristöämme. Lopuksi valitaan äänestämällä tärkeimmät asiat.',
    en: 'A four-field grid: strengths and weaknesses describe ourselves, opportunities and threats our surroundings. Finally the most important points are chosen by vote.',
  },
  zones: [
    {
      key: 'subject',
      kind: 'focus',
      title: { fi: 'Arvioitava asia', en: 'Subject' },
      prompt: {
        fi: 'Mitä arvioimme? Esimerkiksi palvelu, hanke tai suunniteltu muutos.',
        en: 'What are we assessing? For example a service, a project or a planned change.',
      },
      x: 0, y: 0, width: 1240, height: 200,
      color: '#fef3c7',
    },
    {
      key: 'strengths',
      kind: 'strengths',
      title: { fi: 'Vahvuudet', en: 'Strengths' },
      prompt: {
        fi: 'Missä olemme hyviä? Mitä muut arvostavat meissä?',
        en: 'What are we good at? What do others value in us?',
      },
      x: 0, y: 240, width: 600, height: 500,
      color: '#dcfce7',
    },
    {
      key: 'weaknesses',
      kind: 'weaknesses',
      title: { fi: 'Heikkoudet', en: 'Weaknesses' },
      prompt: {
        fi: 'Missä meillä on parannettavaa? Mitä meiltä puuttuu?',
        en: 'Where do we fall short? What are we missing?',
      },
      x: 640, y: 240, width: 600, height: 500,
      color: '#fee2e2',
    },
    {
      key: 'opportunities',
      kind: 'opportunities',
      title: { fi: 'Mahdollisuudet', en: 'Opportunities' },
      prompt: {
        fi: 'Mitkä muutokset ympärillämme voisivat auttaa meitä?',
        en: 'What changes around us could help us?',
      },
      x: 0, y: 780, width: 600, height: 500,
      color: '#e0f2fe',
    },
    {
      key: 'threats',
      kind: 'threats',
      title: { fi: 'Uhat', en: 'Threats' },
      prompt: {
        fi: 'Mitkä muutokset ympärillämme voisivat vaikeuttaa toimintaamme?',
        en: 'What changes around us could hold us back?',
      },
      x: 640, y: 780, width: 600, height: 500,
      color: '#fde68a',
    },
  ],
  phases: [
    {
      id: 'subject',
      title: { fi: 'Arvioitava asia', en: 'The subject' },
      prompt: {
        fi: 'Sovitaan, mitä arvioimme ja mihin päätökseen analyysin pitäisi auttaa.',
        en: 'Agree on what we are assessing and which decision the analysis should help with.',
      },
      minutes: 3,
      openZones: ['subject'],
      silent: false,
      voting: false,
    },
    {
      id: 'internal',
      title: { fi: 'Sisäiset tekijät', en: 'Internal factors' },
      prompt: {
        fi: 'Kirjoita vahvuuksia ja heikkouksia: asioita, joihin voimme itse vaikuttaa.',
        en: 'Write strengths and weaknesses: things that are in our own hands.',
      },
      minutes: 10,
      openZones: ['strengths', 'weaknesses'],
      silent: false,
      voting: false,
    },
    {
      id: 'external',
      title: { fi: 'Ulkoiset tekijät', en: 'External factors' },
      prompt: {
        fi: 'Kirjoita mahdollisuuksia ja uhkia: muutoksia ympärillämme, kuten asukkaiden tarpeissa, lainsäädännössä, tekniikassa tai taloudessa.',
        en: 'Write opportunities and threats: changes around us, such as in residents’ needs, legislation, technology or the economy.',
      },
      minutes: 10,
      openZones: ['opportunities', 'threats'],
      silent: false,
      voting: false,
    },
    {
      id: 'discuss',
      title: { fi: 'Keskustelu', en: 'Discussion' },
      prompt: {
        fi: 'Käydään kentät läpi yhdessä. Miten voisimme käyttää vahvuuksiamme mahdollisuuksiin tarttumiseen? Mitkä heikkoudet tekevät uhista vakavia? Täydennä kenttiä tarvittaessa.',
        en: 'Go through the fields together. How could we use our strengths to seize the opportunities? Which weaknesses make the threats serious? Add to the fields as needed.',
      },
      minutes: 10,
      openZones: 'all',
      silent: false,
      voting: false,
    },
    {
      id: 'priorities',
      title: { fi: 'Tärkeimmät asiat', en: 'Priorities' },
      prompt: {
        fi: 'Äänestä asioita, joihin meidän pitäisi tarttua ensimmäisenä. Tulokset näkyvät, kun fasilitaattori päättää äänestyksen.',
        en: 'Vote for the points we should act on first. The results appear when the facilitator closes the vote.',
      },
      minutes: 5,
      openZones: [],
      silent: false,
      voting: true,
    },
  ],
  votesPerPerson: 3,
}
