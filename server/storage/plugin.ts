import fp from 'fastify-plugin'
import { createStorage } from './index.ts'
import type { Storage } from './types.ts'

/** Decorates `storage`; closes it after everything else on shutdown. */
export const storagePlugin = fp<{ storage?: Storage }>(
  async (app, options) => {
    const storage = options.storage ?? (await createStorage(app.config, app.log))
    app.decorate('storage', storage)
    app.addHook('onClose', async () => {
      await storage.close()
    })
  },
  { name: 'storage', dependencies: ['config'] },
)
