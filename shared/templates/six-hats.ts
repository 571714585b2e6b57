import type { TemplateDefinition, TemplateZone } from './types.ts'

type Hat = Pick<TemplateZone, 'key' | 'kind' | 'title' | 'prompt' | 'color'>

const HAT_WIDTH = 580
const HAT_HEIGHT = 480
const GAP = 50
const TOP = 240

/** The hats in a 3 × 2 grid below the topic. */
function grid(hats: readonly Hat[]): TemplateZone[] {
  return hats.map((hat, index) => ({
    ...hat,
    x: (index % 3) * (HAT_WIDTH + GAP),
    y: TOP + Math.floor(index / 3) * (HAT_HEIGHT + GAP),
    width: HAT_WIDTH,
    height: HAT_HEIGHT,
  }))
}

/** Edward de Bono's parallel thinking: everyone wears the same hat at the same time. */
export const sixHats: TemplateDefinition = {
  id: 'six-hats',
  name: { fi: 'Kuusi ajattelun hattua', en: 'Six thinking hats', sv: 'Sex tänkande hattar' },
  description: {
    fi: 'Edward de Bonon rinnakkaisen ajattelun menetelmä: kaikki käyttävät samaa hattua yhtä aikaa, ja jokainen hattu on yksi tapa katsoa asiaa – tiedot, tunteet, hyödyt, riskit, uudet ideat ja prosessi.',
    en: 'Edward de Bono’s parallel thinking: everyone wears the same hat at the same time, and each hat is one way of looking at the matter – facts, feelings, benefits, risks, new ideas and process.',
    sv: 'Edward de Bonos parallella tänkande: alla har samma hatt på sig samtidigt, och varje hatt är ett sätt att se på saken – fakta, känslor, fördelar, risker, nya idéer och process.',
  },
  zones: [
    {
      key: 'topic',
      kind: 'focus',
      title: { fi: 'Aihe', en: 'Topic', sv: 'Ämne' },
      prompt: {
        fi: 'Mistä asiasta tai päätöksestä ajattelemme yhdessä?',
        en: 'Which matter or decision are we thinking about together?',
        sv: 'Vilken fråga eller vilket beslut funderar vi på tillsammans?',
      },
      x: 0,
      y: 0,
      width: 3 * HAT_WIDTH + 2 * GAP,
      height: 200,
      color: '#fef3c7',
    },
    ...grid([
      {
        key: 'white',
        kind: 'white-hat',
        title: { fi: 'Valkoinen hattu: tiedot', en: 'White hat: facts', sv: 'Vit hatt: fakta' },
        prompt: {
          fi: 'Mitä tiedämme? Mitä emme tiedä? Mistä saisimme puuttuvan tiedon?',
          en: 'What do we know? What don’t we know? Where could we get what is missing?',
          sv: 'Vad vet vi? Vad vet vi inte? Var kunde vi få tag på det som saknas?',
        },
        color: '#f8fafc',
      },
      {
        key: 'red',
        kind: 'red-hat',
        title: { fi: 'Punainen hattu: tunteet', en: 'Red hat: feelings', sv: 'Röd hatt: känslor' },
        prompt: {
          fi: 'Mitä tunteita ja aavistuksia tämä herättää? Perusteluja ei tarvita.',
          en: 'What feelings and hunches does this bring up? No reasons needed.',
          sv: 'Vilka känslor och aningar väcker det här? Inga motiveringar behövs.',
        },
        color: '#fee2e2',
      },
      {
        key: 'yellow',
        kind: 'yellow-hat',
        title: { fi: 'Keltainen hattu: hyödyt', en: 'Yellow hat: benefits', sv: 'Gul hatt: fördelar' },
        prompt: {
          fi: 'Mitä hyvää tässä on? Miksi se voisi onnistua?',
          en: 'What is good about this? Why could it work?',
          sv: 'Vad är bra med det här? Varför kunde det fungera?',
        },
        color: '#fef9c3',
      },
      {
        key: 'black',
        kind: 'black-hat',
        title: { fi: 'Musta hattu: riskit', en: 'Black hat: risks', sv: 'Svart hatt: risker' },
        prompt: {
          fi: 'Mikä voi mennä pieleen? Mihin meidän pitää varautua?',
          en: 'What could go wrong? What must we prepare for?',
          sv: 'Vad kan gå fel? Vad måste vi förbereda oss på?',
        },
        color: '#e4e4e7',
      },
      {
        key: 'green',
        kind: 'green-hat',
        title: { fi: 'Vihreä hattu: uudet ideat', en: 'Green hat: new ideas', sv: 'Grön hatt: nya idéer' },
        prompt: {
          fi: 'Mitä vaihtoehtoja ja uusia ratkaisuja keksimme? Miten riskit voisi kiertää?',
          en: 'What alternatives and new solutions can we think of? How could we get around the risks?',
          sv: 'Vilka alternativ och nya lösningar kommer vi på? Hur kunde vi komma runt riskerna?',
        },
        color: '#dcfce7',
      },
      {
        key: 'blue',
        kind: 'blue-hat',
        title: { fi: 'Sininen hattu: prosessi', en: 'Blue hat: process', sv: 'Blå hatt: process' },
        prompt: {
          fi: 'Mihin olemme päässeet? Mitä päätämme, ja mikä on seuraava askel?',
          en: 'Where have we got to? What do we decide, and what is the next step?',
          sv: 'Var står vi nu? Vad beslutar vi, och vad är nästa steg?',
        },
        color: '#dbeafe',
      },
    ]),
  ],
  phases: [
    {
      id: 'blue-opening',
      title: { fi: 'Sininen hattu: aloitus', en: 'Blue hat: opening', sv: 'Blå hatt: inledning' },
      prompt: {
        fi: 'Sovitaan, mistä ajattelemme ja mihin haluamme päästä. Kaikki käyttävät aina samaa hattua yhtä aikaa, ja fasilitaattori vaihtaa hatun.',
        en: 'Agree what we are thinking about and where we want to get to. Everyone always wears the same hat at the same time, and the facilitator changes the hat.',
        sv: 'Kom överens om vad vi funderar på och vart vi vill komma. Alla har alltid samma hatt på sig samtidigt, och facilitatorn byter hatt.',
      },
      minutes: 3,
      openZones: ['topic'],
      silent: false,
      voting: false,
    },
    {
      id: 'white',
      title: { fi: 'Valkoinen hattu', en: 'White hat', sv: 'Vit hatt' },
      prompt: {
        fi: 'Vain tosiasioita ja tietoja. Mitä tiedämme? Mitä emme tiedä? Mistä saisimme puuttuvan tiedon?',
        en: 'Facts and information only. What do we know? What don’t we know? Where could we get what is missing?',
        sv: 'Bara fakta och information. Vad vet vi? Vad vet vi inte? Var kunde vi få tag på det som saknas?',
      },
      minutes: 5,
      openZones: ['white'],
      silent: false,
      voting: false,
    },
    {
      id: 'red',
      title: { fi: 'Punainen hattu', en: 'Red hat', sv: 'Röd hatt' },
      prompt: {
        fi: 'Lyhyesti ja vaistonvaraisesti: mitä tunteita ja aavistuksia tämä herättää? Perusteluja ei tarvita.',
        en: 'Briefly and by instinct: what feelings and hunches does this bring up? No reasons needed.',
        sv: 'Kort och på känn: vilka känslor och aningar väcker det här? Inga motiveringar behövs.',
      },
      minutes: 3,
      openZones: ['red'],
      silent: false,
      voting: false,
    },
    {
      id: 'yellow',
      title: { fi: 'Keltainen hattu', en: 'Yellow hat', sv: 'Gul hatt' },
      prompt: {
        fi: 'Etsi hyviä puolia: mitä hyötyä tästä on, kenelle, ja miksi se voisi onnistua?',
        en: 'Look for the good: what are the benefits, for whom, and why could it work?',
        sv: 'Leta efter det goda: vilka är fördelarna, för vem, och varför kunde det fungera?',
      },
      minutes: 5,
      openZones: ['yellow'],
      silent: false,
      voting: false,
    },
    {
      id: 'black',
      title: { fi: 'Musta hattu', en: 'Black hat', sv: 'Svart hatt' },
      prompt: {
        fi: 'Katso asiaa varovaisuuden kannalta: mikä voi mennä pieleen, ja mihin meidän pitää varautua? Arvioi ajatusta, älä ihmistä.',
        en: 'Be cautious: what could go wrong, and what must we prepare for? Judge the idea, not the person.',
        sv: 'Var försiktig: vad kan gå fel, och vad måste vi förbereda oss på? Granska idén, inte människan.',
      },
      minutes: 5,
      openZones: ['black'],
      silent: false,
      voting: false,
    },
    {
      id: 'green',
      title: { fi: 'Vihreä hattu', en: 'Green hat', sv: 'Grön hatt' },
      prompt: {
        fi: 'Luovuuden vuoro: mitä vaihtoehtoja ja uusia ratkaisuja keksimme? Miten mustan hatun riskit voisi kiertää?',
        en: 'Time for creativity: what alternatives and new solutions can we think of? How could we get around the black hat’s risks?',
        sv: 'Dags för kreativitet: vilka alternativ och nya lösningar kommer vi på? Hur kunde vi komma runt den svarta hattens risker?',
      },
      minutes: 7,
      openZones: ['green'],
      silent: false,
      voting: false,
    },
    {
      id: 'choose',
      title: { fi: 'Valinta', en: 'Choose', sv: 'Välj' },
      prompt: {
        fi: 'Äänestä ideoita, joilla haluat jatkaa. Tulokset näkyvät, kun fasilitaattori päättää äänestyksen.',
        en: 'Vote for the ideas you want to go on with. The results appear when the facilitator closes the vote.',
        sv: 'Rösta på de idéer du vill gå vidare med. Resultatet syns när facilitatorn avslutar röstningen.',
      },
      minutes: 3,
      openZones: [],
      silent: false,
      voting: true,
    },
    {
      id: 'blue-closing',
      title: { fi: 'Sininen hattu: päätös', en: 'Blue hat: closing', sv: 'Blå hatt: avslutning' },
      prompt: {
        fi: 'Kootaan yhteen: mitä päätämme, kuka tekee mitä ja mikä on seuraava askel? Kirjoita sovitut asiat sinisen hatun alueelle.',
        en: 'Sum up: what do we decide, who does what, and what is the next step? Write what was agreed in the blue hat area.',
        sv: 'Sammanfatta: vad beslutar vi, vem gör vad och vad är nästa steg? Skriv det vi kom överens om i den blå hattens område.',
      },
      minutes: 5,
      openZones: ['blue'],
      silent: false,
      voting: false,
    },
  ],
  votesPerPerson: 3,
}
