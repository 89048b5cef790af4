import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.js'
import { ConfigError, loadConfig } from './config.js'
import { createDb } from './db/index.js'
import { migrate } from './db/migrate.js'

async function main(): Promise<void> {
  const config = loadConfig()
  await migrate(config.databaseUrl)
  const db = await createDb(config.databaseUrl)
  const app = await buildApp({ config, db })
  app.addHook('onClose', async () => db.close())

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'closing after an unexpected error')
    else app.log.info({ signal }, 'closing')
    await app.close()
  })

  await app.listen({ port: config.port, host: config.host })
}

main().catch((error: unknown) => {
  // configuration errors are the operator's to fix: say what, without a stack trace
  console.error(error instanceof ConfigError ? error.message : error)
  process.exit(1)
})
