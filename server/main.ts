import { buildApp } from './app.ts'
import { loadConfig } from './boot.ts'
import { ConfigError } from './config.ts'
import { VERSION } from './version.ts'

/** The process entry: validate configuration, listen, and shut down cleanly on signals. */
async function main(): Promise<void> {
  let boot
  try {
    boot = loadConfig(process.env)
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(78) // EX_CONFIG
    }
    throw error
  }
  const { config, hubTokenSource, hubTokenGenerated } = boot
  const app = await buildApp(config)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down')
    try {
      // Refuses new connections, closes the sockets with 1001, writes what the rooms hold,
      // then closes storage and the relay.
      await app.close()
      app.log.info({ signal }, 'shut down cleanly')
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))

  const listening = await app.listen({ port: config.PORT, host: config.HOST })
  if (hubTokenGenerated) {
    // Never the token itself: this log ends up in journald or the container runtime.
    app.log.info(
      { hubToken: hubTokenSource },
      `Generated the innovation hub's token; read it with: cat ${hubTokenSource}`,
    )
  }
  app.log.info(
    {
      version: VERSION,
      storage: app.storage.kind,
      relay: app.relay.kind,
      url: app.publicUrl(),
      listening,
      hubToken: hubTokenSource,
    },
    'Kokeileva is ready',
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`Kokeileva failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
