import fp from 'fastify-plugin'
import { BoardLifecycle } from './board-lifecycle.ts'
import { RetentionJob } from './retention.ts'

/** Decorates `lifecycle` (resetting links, deleting boards everywhere) and runs the retention job when configured. */
export const lifecyclePlugin = fp(
  async (app) => {
    const lifecycle = new BoardLifecycle({
      store: app.storage.lifecycle,
      relay: app.relay,
      sync: app.sync,
      log: app.log,
    })
    app.decorate('lifecycle', lifecycle)
    const days = app.config.BOARD_RETENTION_DAYS
    if (days !== undefined) {
      const job = new RetentionJob({ store: app.storage.lifecycle, lifecycle, log: app.log, retentionDays: days })
      app.decorate('retention', job)
      app.addHook('onReady', () => job.start())
      app.addHook('preClose', () => job.stop())
    }
  },
  { name: 'lifecycle', dependencies: ['config', 'storage', 'relay', 'sync'] },
)
