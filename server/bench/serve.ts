import { buildApp } from '../src/app.ts'
import { loadConfig } from '../src/config.ts'
import { createDb } from '../src/db/client.ts'

/** The product as it runs in production, on the database the bench driver prepared. */
const config = loadConfig()
const database = createDb(config.database)
const app = await buildApp({ config, database, closeDatabase: true, logger: { level: 'warn' } })
await app.listen({ port: config.port, host: '127.0.0.1' })
process.send?.('ready')
