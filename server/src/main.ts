import closeWithGrace from 'close-with-grace'
import { buildApp } from './app.ts'
import { ConfigError, loadConfig } from './config.ts'
import { createDb } from './db/client.ts'
import { migrate } from './db/migrate.ts'
import { demoSignIns, seedIfEmpty } from './admin/seed.ts'
import { startOutboxWorker } from './jobs/outbox-worker.ts'
import { startRetention } from './jobs/retention.ts'
import { startSweeper } from './jobs/sweeper.ts'
import { loggerOptions, safeError } from './lib/logging.ts'

async function main() {
  let config
  try {
    config = loadConfig()
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message)
      process.exit(1)
    }
    throw err
  }
  const logger = loggerOptions(config.logLevel)
  const database = createDb(config.database, (msg, err) => console.error(msg, safeError(err)))
  await migrate(database)
  const seeded = config.seedDemo ? await seedIfEmpty(database.db) : false

  const app = await buildApp({ config, database, serveClient: true, logger })
  const stopWorker = startOutboxWorker(app)
  if (!config.smtpUrl && config.env === 'production') app.log.warn('SMTP_URL is not set: invitations, resets and notifications are written to the log, not sent')
  const stopSweeper = startSweeper(app)
  const stopRetention = startRetention(app)
  // SIGTERM drains within 5 s (docs/design.md §9): the server stops taking connections at once and
  // refuses newcomers on open ones with 503 + Connection: close (plugins/lifecycle.ts) while requests in
  // flight finish, bounded by the pool's limits (db/client.ts); the jobs finish their round meanwhile;
  // the pool closes last, under nobody. Past the delay close-with-grace exits 1, which is worth a look.
  closeWithGrace({ delay: 5000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error')
    else app.log.info({ signal }, 'shutting down: draining requests')
    await Promise.all([stopWorker(), stopSweeper(), stopRetention(), app.close()])
    await database.close()
  })
  await app.listen({ port: config.port, host: config.host })

  const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`
  const lines = [
    '',
    `  Expertise Exchange is running at ${url}`,
    `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${config.database.kind === 'pglite' ? config.database.dataDir : ''}` : 'PostgreSQL'}${seeded ? ' (demo trust seeded)' : ''}`,
    '',
    ...(config.seedDemo
      ? ['  Demo sign-ins (the demo password is in the README):', ...(await demoSignIns()).map((s) => `    ${s.role.padEnd(12)} ${s.email.padEnd(28)} (${s.name})`), '']
      : []),
  ]
  console.log(lines.join('\n'))
}

await main()
