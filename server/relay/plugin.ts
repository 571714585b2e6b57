import fp from 'fastify-plugin'
import { createRelay } from './index.ts'
import type { Relay } from './types.ts'

export const relayPlugin = fp<{ relay?: Relay }>(
  async (app, options) => {
    const relay = options.relay ?? (await createRelay(app.config, app.log))
    app.decorate('relay', relay)
    app.addHook('onClose', async () => {
      await relay.close()
    })
  },
  { name: 'relay', dependencies: ['config'] },
)
