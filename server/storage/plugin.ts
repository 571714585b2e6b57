import fp from 'fastify-plugin'
import { guestsAdmitted } from '../accounts/access.ts'
import { BoardAccessService } from '../auth/board-access.ts'
import { createStorage } from './index.ts'
import type { Storage } from './types.ts'

/** Decorates `storage`; closes it after everything else on shutdown. */
export const storagePlugin = fp<{ storage?: Storage }>(
  async (app, options) => {
    const storage = options.storage ?? (await createStorage(app.config, app.log))
    app.decorate('storage', storage)
    app.decorate(
      'access',
      new BoardAccessService(app.tokens, storage.lifecycle, {
        guestsAdmitted: guestsAdmitted(app.config.AUTH, app.config.GUEST_LINKS),
      }),
    )
    app.addHook('onClose', async () => {
      await storage.close()
    })
  },
  { name: 'storage', dependencies: ['config'] },
)
