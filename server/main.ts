import { buildApp } from './app.ts'
import { loadConfig } from './boot.ts'
import { ConfigError } from './config.ts'

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
  const { config, generatedHubToken } = boot
  if (generatedHubToken) {
    // Shown once, on the terminal only (not in the structured log): the hub needs it.
    process.stdout.write(
      `\nInnovation hub token (also saved in ${config.DATA_DIR}/hub-token):\n  ${generatedHubToken}\n\n`,
    )
  }
  const app = await buildApp(config)

  let stopping = false
  const stop = async (signal: string) => {
    if (stopping) return
    stopping = true
    app.log.info({ signal }, 'shutting down')
    try {
      await app.close()
      process.exit(0)
    } catch (error) {
      app.log.error({ err: error }, 'shutdown failed')
      process.exit(1)
    }
  }
  process.on('SIGTERM', () => void stop('SIGTERM'))
  process.on('SIGINT', () => void stop('SIGINT'))

  const listening = await app.listen({ port: config.PORT, host: config.HOST })
  app.log.info(
    { storage: app.storage.kind, relay: app.relay.kind, url: app.publicUrl(), listening },
    'Kokeileva is ready',
  )
}

main().catch((error: unknown) => {
  process.stderr.write(`Kokeileva failed to start: ${error instanceof Error ? error.message : String(error)}\n`)
  process.exit(1)
})
