import { readJson, writeJson } from '../lib/local-storage.ts'
import { Store } from '../lib/store.ts'

const SOUND_KEY = 'kokeileva.timerSound'

/** Two soft sine notes (a falling fifth), quiet enough for an open-plan office. */
const NOTES_HZ = [784, 523.25] as const
const NOTE_GAP_S = 0.38
const NOTE_LENGTH_S = 1.1
const PEAK_GAIN = 0.12

/**
 * The timer's optional end sound, chosen per device (off until someone turns it on).
 *
 * Browsers let a page play sound only after the user has interacted with it (autoplay
 * rules): the AudioContext is created, or resumed, inside a click or key press — turning the
 * sound on, or the first interaction after a reload with the sound already on. If the page
 * was never touched, the end passes with the visual signal only; nothing is forced.
 */
export class EndChime {
  readonly enabled = new Store<boolean>(readJson(SOUND_KEY, (v): v is boolean => typeof v === 'boolean', false))
  #context: AudioContext | null = null
  #listening = false

  constructor() {
    if (this.enabled.get()) this.#unlockOnNextGesture()
  }

  /** Turns the sound on or off; call it from the click that asks, so that it may start audio. */
  setEnabled(on: boolean): void {
    writeJson(SOUND_KEY, on)
    this.enabled.set(on)
    if (on) this.unlock()
  }

  /** Creates or resumes the audio context; only effective inside a user gesture. */
  unlock(): void {
    const AudioContextClass = globalThis.AudioContext
    if (!AudioContextClass) return
    try {
      this.#context ??= new AudioContextClass()
      if (this.#context.state === 'suspended')
        void this.#context.resume().catch(() => {
          // Not inside a gesture after all: the next interaction tries again.
          this.#unlockOnNextGesture()
        })
    } catch {
      // No audio device or audio disabled by policy: the visual signal stays.
      this.#context = null
    }
  }

  /** Plays the chime if the sound is on and the browser allows it; says whether it did. */
  play(): boolean {
    const context = this.#context
    if (!this.enabled.get() || !context || context.state !== 'running') return false
    const start = context.currentTime + 0.05
    NOTES_HZ.forEach((frequency, index) => {
      const at = start + index * NOTE_GAP_S
      const oscillator = context.createOscillator()
      const gain = context.createGain()
      oscillator.type = 'sine'
      oscillator.frequency.value = frequency
      gain.gain.setValueAtTime(0, at)
      gain.gain.linearRampToValueAtTime(PEAK_GAIN, at + 0.04)
      gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_LENGTH_S)
      oscillator.connect(gain).connect(context.destination)
      oscillator.start(at)
      oscillator.stop(at + NOTE_LENGTH_S + 0.05)
    })
    return true
  }

  #unlockOnNextGesture(): void {
    if (this.#listening || typeof window === 'undefined') return
    this.#listening = true
    const onGesture = () => {
      window.removeEventListener('pointerdown', onGesture, true)
      window.removeEventListener('keydown', onGesture, true)
      this.#listening = false
      if (this.enabled.get()) this.unlock()
    }
    window.addEventListener('pointerdown', onGesture, true)
    window.addEventListener('keydown', onGesture, true)
  }
}

let chime: EndChime | null = null

/** One per page, made when a board first shows a timer: the setting is the device's. */
export function endChime(): EndChime {
  chime ??= new EndChime()
  return chime
}
