import type { TemplateDefinition } from './types.ts'

/**
 * The Disney method as Robert Dilts modelled Walt Disney's creative strategy: everyone plays
 * the same role at the same time — Dreamer, Realist, Critic — and the Critic's concerns go
 * back to the Dreamer as questions for the next round, until the group converges.
 */
export const disney: TemplateDefinition = {
  id: 'disney',
  name: { fi: 'Disney-menetelmä', en: 'Disney method', sv: 'Disneymetoden' },
  description: {
    fi: 'Walt Disneyn luova strategia Robert Diltsin kuvaamana: kaikki ovat samaan aikaan samassa roolissa – ensin unelmoijina, sitten realisteina ja lopuksi kriitikkoina. Seuraava kierros lähtee liikkeelle kriitikon kysymyksistä. Kriitikko arvioi suunnitelmaa, ei ihmistä.',
    en: "Walt Disney's creative strategy as Robert Dilts modelled it: everyone plays the same role at the same time – first Dreamers, then Realists, then Critics. The Critic's questions lead into the next round. The Critic criticises the plan, never the person.",
    sv: 'Walt Disneys kreativa strategi så som Robert Dilts beskrev den: alla har samma roll samtidigt – först drömmare, sedan realister och till sist kritiker. Kritikerns frågor blir startpunkten för nästa omgång. Kritikern granskar planen, aldrig människan.',
  },
  zones: [
    {
      key: 'focus',
      kind: 'focus',
      title: { fi: 'Tavoite', en: 'Goal', sv: 'Mål' },
      prompt: {
        fi: 'Mitä haluamme saada aikaan? Kirjoita tavoite myönteisessä muodossa: mitä haluamme, ei sitä, mitä haluamme välttää.',
        en: 'What do we want to achieve? State the goal positively: what we want, not what we want to avoid.',
        sv: 'Vad vill vi uppnå? Formulera målet positivt: vad vi vill, inte vad vi vill undvika.',
      },
      x: 0,
      y: 0,
      width: 1580,
      height: 260,
      color: '#fef3c7',
    },
    {
      key: 'dreamer',
      kind: 'dreamer',
      title: { fi: 'Unelmoija', en: 'Dreamer', sv: 'Drömmare' },
      prompt: {
        fi: 'Mitä haluamme, jos kaikki olisi mahdollista? Miksi haluamme sitä? Mitä hyötyä siitä olisi?',
        en: 'What do we want, ideally? Why do we want it? What are the benefits?',
        sv: 'Vad vill vi om allt vore möjligt? Varför vill vi det? Vad skulle vi vinna på det?',
      },
      x: 0,
      y: 300,
      width: 500,
      height: 700,
      color: '#e0f2fe',
    },
    {
      key: 'realist',
      kind: 'realist',
      title: { fi: 'Realisti', en: 'Realist', sv: 'Realist' },
      prompt: {
        fi: 'Miten tämä tehdään käytännössä? Kuka tekee ja milloin? Millä resursseilla? Mistä tiedämme, että se toimii?',
        en: 'How exactly will this be done? Who does it, and when? With what resources? How will we know it works?',
        sv: 'Hur gör vi det här i praktiken? Vem gör det och när? Med vilka resurser? Hur vet vi att det fungerar?',
      },
      x: 540,
      y: 300,
      width: 500,
      height: 700,
      color: '#dcfce7',
    },
    {
      key: 'critic',
      kind: 'critic',
      title: { fi: 'Kriitikko', en: 'Critic', sv: 'Kritiker' },
      prompt: {
        fi: 'Keihin tämä vaikuttaa? Mikä voi mennä pieleen? Mitä puuttuu? Miksi joku voisi vastustaa tätä? Mikä nykyisessä tavassa on hyvää? Arvioi suunnitelmaa, älä ihmistä.',
        en: 'Whom does this affect? What could go wrong? What is missing? Why might someone object? What is good in the current way? Criticise the plan, never the person.',
        sv: 'Vem påverkas? Vad kan gå fel? Vad saknas? Varför kan någon vara emot? Vad är bra i det nuvarande sättet? Granska planen, aldrig människan.',
      },
      x: 1080,
      y: 300,
      width: 500,
      height: 700,
      color: '#fee2e2',
    },
    {
      key: 'questions',
      kind: 'questions',
      title: {
        fi: 'Kriitikon kysymykset unelmoijalle',
        en: "The Critic's questions for the Dreamer",
        sv: 'Kritikerns frågor till drömmaren',
      },
      prompt: {
        fi: 'Muotoile huoli kysymykseksi, johon unelmoija voi tarttua seuraavalla kierroksella – esimerkiksi ”Miten voisimme…?”',
        en: 'Turn a concern into a question the Dreamer can take up on the next round – for example “How might we…?”',
        sv: 'Gör om en farhåga till en fråga som drömmaren kan ta sig an i nästa omgång – till exempel ”Hur skulle vi kunna …?”',
      },
      x: 0,
      y: 1040,
      width: 1580,
      height: 260,
      color: '#ede9fe',
    },
  ],
  phases: [
    {
      id: 'frame',
      title: { fi: 'Tavoite', en: 'Frame the goal', sv: 'Formulera målet' },
      prompt: {
        fi: 'Sovitaan, mitä tavoittelemme. Kirjoita tavoite Tavoite-alueelle myönteisessä muodossa: mitä haluamme saada aikaan, ei sitä, mitä haluamme välttää. Tästä eteenpäin kaikki ovat samassa roolissa samaan aikaan.',
        en: 'Agree on what we are aiming for. Write the goal in the Goal area, stated positively: what we want to achieve, not what we want to avoid. From here on everyone plays the same role at the same time.',
        sv: 'Kom överens om vad vi siktar på. Skriv målet i området Mål, positivt formulerat: vad vi vill uppnå, inte vad vi vill undvika. Från och med nu har alla samma roll samtidigt.',
      },
      minutes: 5,
      openZones: ['focus'],
      silent: false,
      voting: false,
    },
    {
      id: 'dreamer',
      title: { fi: 'Unelmoija', en: 'Dreamer', sv: 'Drömmare' },
      prompt: {
        fi: 'Nyt kaikki ovat unelmoijia. Kaikki on mahdollista, eikä ideoita arvioida vielä. Mitä haluamme, jos saisimme toivoa vapaasti? Miksi haluamme sitä? Mitä hyötyä siitä olisi, ja kenelle? Uudella kierroksella lähdetään liikkeelle kriitikon kysymyksistä.',
        en: 'Everyone is a Dreamer now. Anything is possible, and no idea is judged yet. What do we want, ideally? Why do we want it? What are the benefits, and for whom? On a new round, start from the Critic’s questions.',
        sv: 'Nu är alla drömmare. Allt är möjligt, och ingen idé värderas ännu. Vad vill vi om allt vore möjligt? Varför vill vi det? Vad vinner vi på det, och vem har nytta av det? I en ny omgång börjar ni från kritikerns frågor.',
      },
      minutes: 10,
      openZones: ['dreamer'],
      silent: false,
      voting: false,
    },
    {
      id: 'realist',
      title: { fi: 'Realisti', en: 'Realist', sv: 'Realist' },
      prompt: {
        fi: 'Nyt kaikki ovat realisteja. Otetaan unelmat todesta ja tehdään niistä suunnitelma. Miten tämä tehdään käytännössä? Kuka tekee ja milloin? Mitä resursseja tarvitaan? Mistä tiedämme, että se toimii – mikä voisi olla ensimmäinen kokeilu?',
        en: 'Everyone is a Realist now. Take the dreams seriously and turn them into a plan. How exactly will it be done? Who does it, and when? With what resources? How will we know it works – what could the first experiment be?',
        sv: 'Nu är alla realister. Ta drömmarna på allvar och gör en plan av dem. Hur gör vi det i praktiken? Vem gör det och när? Med vilka resurser? Hur vet vi att det fungerar – vad kunde det första försöket vara?',
      },
      minutes: 10,
      openZones: ['realist'],
      silent: false,
      voting: false,
    },
    {
      id: 'critic',
      title: { fi: 'Kriitikko', en: 'Critic', sv: 'Kritiker' },
      prompt: {
        fi: 'Nyt kaikki ovat kriitikkoja. Arvioidaan suunnitelmaa, ei ihmisiä. Keihin tämä vaikuttaa? Mikä voi mennä pieleen? Mitä puuttuu? Miksi joku voisi vastustaa tätä? Mikä nykyisessä tavassa on hyvää ja kannattaa säilyttää? Kirjoita tärkeimmät huolet kysymyksiksi unelmoijalle.',
        en: 'Everyone is a Critic now. We judge the plan, never the people. Whom does this affect? What could go wrong? What is missing? Why might someone object? What is good in the current way and worth keeping? Write the most important concerns as questions for the Dreamer.',
        sv: 'Nu är alla kritiker. Vi granskar planen, aldrig människorna. Vem påverkas? Vad kan gå fel? Vad saknas? Varför kan någon vara emot? Vad är bra i det nuvarande sättet och värt att behålla? Skriv de viktigaste farhågorna som frågor till drömmaren.',
      },
      minutes: 10,
      openZones: ['critic', 'questions'],
      silent: false,
      voting: false,
      loopTo: 'dreamer',
    },
    {
      id: 'converge',
      title: { fi: 'Valinta', en: 'Converge', sv: 'Sammanfatta' },
      prompt: {
        fi: 'Kootaan ajatukset yhteen. Jaa äänesi niille lapuille, joiden varassa haluamme edetä – voit antaa samalle lapulle useamman äänen. Tulokset näkyvät, kun fasilitaattori päättää äänestyksen.',
        en: 'Bring it together. Give your dots to the notes we should take forward – you may put several on one note. The results appear when the facilitator closes the vote.',
        sv: 'Dra ihop trådarna. Ge dina prickar till de lappar vi borde gå vidare med – du får sätta flera på samma lapp. Resultatet syns när facilitatorn avslutar röstningen.',
      },
      minutes: 5,
      openZones: [],
      silent: false,
      voting: true,
    },
  ],
  votesPerPerson: 3,
}
