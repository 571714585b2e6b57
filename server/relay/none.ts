import type { Relay, RelaySubscription } from './types.ts'

const silentSubscription: RelaySubscription = {
  publishUpdate() {},
  publishAwareness() {},
  async unsubscribe() {},
}

/** The single-process default: there is nobody to relay to. */
export function createNoRelay(): Relay {
  return {
    kind: 'none',
    async subscribe() {
      return silentSubscription
    },
    async publishBoardEvent() {},
    onBoardEvent() {},
    async ping() {},
    async close() {},
  }
}
