import type { TemplateDefinition } from './types.ts'

/** A team retrospective that ends in small experiments rather than a list of complaints. */
export const retro: TemplateDefinition = {
  id: 'retro',
  name: { fi: 'Retrospektiivi', en: 'Retrospective', sv: 'Retrospektiv' },
  description: {
    fi: 'Katsotaan yhdessä taaksepäin: mikä toimi, mitä parantaisimme ja mitä kokeilemme seuraavaksi. Havainnot kirjoitetaan ensin hiljaa, jotta kaikkien ääni kuuluu.',
    en: 'Look back together: what worked, what we would improve and what we will try next. Observations are written in silence first, so that every voice is heard.',
    sv: 'Se tillbaka tillsammans: vad fungerade, vad vill vi förbättra och vad provar vi härnäst. Iakttagelserna skrivs först i tysthet, så att allas röst hörs.',
  },
  zones: [
    {
      key: 'went-well',
      kind: 'went-well',
      title: { fi: 'Mikä meni hyvin?', en: 'What went well?', sv: 'Vad gick bra?' },
      prompt: {
        fi: 'Mistä olemme ylpeitä? Mitä kannattaa jatkaa?',
        en: 'What are we proud of? What should we keep doing?',
        sv: 'Vad är vi stolta över? Vad ska vi fortsätta med?',
      },
      x: 0,
      y: 0,
      width: 600,
      height: 760,
      color: '#dcfce7',
    },
    {
      key: 'improve',
      kind: 'improve',
      title: { fi: 'Mitä parantaisimme?', en: 'What would we improve?', sv: 'Vad vill vi förbättra?' },
      prompt: {
        fi: 'Mikä hidasti tai hankaloitti työtä? Kirjoita asioista, älä henkilöistä.',
        en: 'What slowed us down or got in the way? Write about things, not people.',
        sv: 'Vad bromsade oss eller stod i vägen? Skriv om saker, inte om människor.',
      },
      x: 640,
      y: 0,
      width: 600,
      height: 760,
      color: '#fee2e2',
    },
    {
      key: 'experiments',
      kind: 'actions',
      title: { fi: 'Seuraavat kokeilut', en: 'Next experiments', sv: 'Nästa försök' },
      prompt: {
        fi: 'Mitä kokeilemme seuraavaksi? Kuka vie asiaa eteenpäin, ja milloin katsomme, mitä siitä seurasi?',
        en: 'What will we try next? Who takes it forward, and when do we look at what came of it?',
        sv: 'Vad provar vi härnäst? Vem driver det, och när ser vi efter vad det ledde till?',
      },
      x: 1280,
      y: 0,
      width: 600,
      height: 760,
      color: '#e0f2fe',
    },
  ],
  phases: [
    {
      id: 'write',
      title: { fi: 'Havainnot', en: 'Observations', sv: 'Iakttagelser' },
      prompt: {
        fi: 'Kirjoita omat havaintosi kahteen ensimmäiseen sarakkeeseen, yksi asia lappua kohden. Näet vain omat lappusi, kunnes fasilitaattori paljastaa kaikkien laput.',
        en: 'Write your own observations in the first two columns, one point per note. You see only your own notes until the facilitator reveals everyone’s.',
        sv: 'Skriv dina egna iakttagelser i de två första kolumnerna, en sak per lapp. Du ser bara dina egna lappar tills facilitatorn visar allas.',
      },
      minutes: 7,
      openZones: ['went-well', 'improve'],
      silent: true,
      voting: false,
    },
    {
      id: 'share',
      title: { fi: 'Jakaminen', en: 'Share', sv: 'Berätta' },
      prompt: {
        fi: 'Kukin kertoo lyhyesti, mitä lapuillaan tarkoitti. Siirtäkää samaa asiaa koskevat laput lähekkäin.',
        en: 'Each person briefly explains their notes. Move notes about the same thing next to each other.',
        sv: 'Var och en berättar kort om sina lappar. Flytta lappar om samma sak bredvid varandra.',
      },
      minutes: 10,
      openZones: ['went-well', 'improve'],
      silent: false,
      voting: false,
    },
    {
      id: 'vote',
      title: { fi: 'Mistä puhutaan?', en: 'What to discuss?', sv: 'Vad ska vi diskutera?' },
      prompt: {
        fi: 'Äänestä asioita, joista haluat puhua ja joihin haluat tarttua. Tulokset näkyvät, kun fasilitaattori päättää äänestyksen.',
        en: 'Vote for the points you want to discuss and act on. The results appear when the facilitator closes the vote.',
        sv: 'Rösta på de saker du vill diskutera och göra något åt. Resultatet syns när facilitatorn avslutar röstningen.',
      },
      minutes: 3,
      openZones: [],
      silent: false,
      voting: true,
    },
    {
      id: 'experiments',
      title: { fi: 'Kokeilut', en: 'Experiments', sv: 'Försök' },
      prompt: {
        fi: 'Käydään läpi eniten ääniä saaneet asiat. Kirjoita kustakin pieni kokeilu: mitä teemme, kuka vastaa ja milloin katsomme tulokset.',
        en: 'Go through the points with the most votes. For each, write a small experiment: what we will do, who is responsible and when we will look at the results.',
        sv: 'Gå igenom sakerna med flest röster. Skriv ett litet försök för var och en: vad vi gör, vem som ansvarar och när vi ser på resultatet.',
      },
      minutes: 15,
      openZones: ['experiments'],
      silent: false,
      voting: false,
    },
  ],
  votesPerPerson: 3,
}
