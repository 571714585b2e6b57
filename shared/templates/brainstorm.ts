import type { TemplateDefinition } from './types.ts'

/** Silent brainstorming: write alone first (no anchoring), reveal, cluster, name, dot-vote. */
export const brainstorm: TemplateDefinition = {
  id: 'brainstorm',
  name: { fi: 'Ideointi', en: 'Brainstorm' },
  description: {
    fi: 'Jokainen kirjoittaa ensin omat ideansa hiljaa, jotta kukaan ei jää kiinni ensimmäiseen ideaan. Sitten ideat paljastetaan, ryhmitellään, ryhmät nimetään ja parhaat valitaan pisteäänestyksellä.',
    en: 'Everyone first writes their own ideas in silence, so nobody anchors on the first idea. Then the ideas are revealed and clustered, the clusters are named and the best are chosen by dot vote.',
  },
  zones: [
    {
      key: 'question',
      kind: 'focus',
      title: { fi: 'Kysymys', en: 'Question' },
      prompt: {
        fi: 'Mihin kysymykseen etsimme ideoita? Fasilitaattori kirjoittaa sen tähän.',
        en: 'Which question are we looking for ideas on? The facilitator writes it here.',
      },
      x: 0,
      y: 0,
      width: 1960,
      height: 220,
      color: '#fef3c7',
    },
    {
      key: 'ideas',
      kind: 'ideas',
      title: { fi: 'Ideat', en: 'Ideas' },
      prompt: {
        fi: 'Yksi idea lappua kohden. Määrä ennen laatua – hurjatkin ideat ovat tervetulleita.',
        en: 'One idea per note. Quantity before quality – wild ideas are welcome.',
      },
      x: 0,
      y: 260,
      width: 820,
      height: 820,
      color: '#e0f2fe',
    },
    {
      key: 'clusters',
      kind: 'clusters',
      title: { fi: 'Ryhmät', en: 'Clusters' },
      prompt: {
        fi: 'Siirrä samaa asiaa koskevat ideat lähekkäin ja anna jokaiselle ryhmälle nimi omalla lapullaan.',
        en: 'Move ideas about the same thing next to each other and give each cluster a name on a note of its own.',
      },
      x: 860,
      y: 260,
      width: 1100,
      height: 820,
      color: '#f0fdf4',
    },
  ],
  phases: [
    {
      id: 'question',
      title: { fi: 'Kysymys', en: 'The question' },
      prompt: {
        fi: 'Fasilitaattori esittelee kysymyksen. Onko se kaikille selvä? Kysy nyt, jos jokin jäi epäselväksi.',
        en: 'The facilitator presents the question. Is it clear to everyone? Ask now if anything is unclear.',
      },
      minutes: 3,
      openZones: [],
      silent: false,
      voting: false,
    },
    {
      id: 'silent-writing',
      title: { fi: 'Hiljainen kirjoittaminen', en: 'Silent writing' },
      prompt: {
        fi: 'Kirjoita ideasi Ideat-alueelle, yksi lappua kohden. Näet vain omat lappusi, kunnes fasilitaattori paljastaa kaikkien ideat.',
        en: 'Write your ideas in the Ideas area, one per note. You see only your own notes until the facilitator reveals everyone’s ideas.',
      },
      minutes: 7,
      openZones: ['ideas'],
      silent: true,
      voting: false,
    },
    {
      id: 'reveal',
      title: { fi: 'Paljastus', en: 'Reveal' },
      prompt: {
        fi: 'Kaikkien ideat näkyvät nyt. Lue ne rauhassa ja kysy, jos jokin lappu jää epäselväksi. Jos toisen idea herättää uuden, kirjoita sekin. Vielä ei arvioida.',
        en: 'Everyone’s ideas are visible now. Read them calmly and ask if a note is unclear. If someone’s idea sparks a new one, write it down too. No judging yet.',
      },
      minutes: 5,
      openZones: ['ideas'],
      silent: false,
      voting: false,
    },
    {
      id: 'cluster',
      title: { fi: 'Ryhmittely', en: 'Clustering' },
      prompt: {
        fi: 'Siirrä samaa asiaa koskevat ideat Ryhmät-alueelle lähekkäin. Tehkää tämä mieluiten hiljaa, älkääkä poistako kenenkään lappua.',
        en: 'Move ideas about the same thing next to each other in the Clusters area. Preferably in silence, and don’t delete anyone’s note.',
      },
      minutes: 10,
      openZones: ['ideas', 'clusters'],
      silent: false,
      voting: false,
    },
    {
      id: 'name-clusters',
      title: { fi: 'Ryhmien nimeäminen', en: 'Naming clusters' },
      prompt: {
        fi: 'Anna jokaiselle ryhmälle nimi: kirjoita se omalle lapulleen ryhmän yläpuolelle. Hyvä nimi kertoo, mihin ryhmän ideat pyrkivät.',
        en: 'Give each cluster a name: write it on a note of its own above the cluster. A good name says what the ideas in it are after.',
      },
      minutes: 5,
      openZones: ['clusters'],
      silent: false,
      voting: false,
    },
    {
      id: 'vote',
      title: { fi: 'Pisteäänestys', en: 'Dot vote' },
      prompt: {
        fi: 'Jaa äänesi ideoille, joita haluat viedä eteenpäin. Voit antaa samalle lapulle useamman äänen. Tulokset näkyvät, kun fasilitaattori päättää äänestyksen.',
        en: 'Give your dots to the ideas you want to take forward. You may put several on one note. The results appear when the facilitator closes the vote.',
      },
      minutes: 5,
      openZones: [],
      silent: false,
      voting: true,
    },
  ],
  votesPerPerson: 5,
}
