import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { formatPath } from '@ee/shared/problem'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import { createDb } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { Problem } from '../lib/problem.ts'
import { DeleteTrustInputSchema, deleteTrust } from './trust-delete.ts'

const USAGE = 'Usage: npm run trust:delete -- --trust TRUST_ID --confirm "Northfield Learning Trust"'

type Io = { out: (line: string) => void; err: (line: string) => void }
const processIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }

/**
 * `npm run trust:delete -- --trust ID --confirm NAME` (the operator's command, when a trust closes its
 * account): deletes every row of the trust in one transaction and prints {"trustId","name","deleted"}
 * (rows per table) as one JSON line. Exit 2: bad arguments; exit 1: refused (no such trust, or the
 * name typed is not the trust's).
 */
export async function main(argv: string[], io: Io = processIo, env?: NodeJS.ProcessEnv): Promise<number> {
  let values: { trust?: string; confirm?: string }
  try {
    ;({ values } = parseArgs({ args: argv, options: { trust: { type: 'string' }, confirm: { type: 'string' } }, strict: true, allowPositionals: false }))
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`)
    return 2
  }
  const parsed = DeleteTrustInputSchema.safeParse({ trustId: values.trust ?? '', confirm: values.confirm ?? '' })
  if (!parsed.success) {
    for (const i of parsed.error.issues) io.err(`${formatPath(i.path) === 'trustId' ? '--trust' : '--confirm'}: ${i.message}`)
    io.err(USAGE)
    return 2
  }
  let config: Config
  try {
    config = loadConfig(env)
  } catch (err) {
    if (err instanceof ConfigError) {
      io.err(err.message)
      return 2
    }
    throw err
  }
  const database = createDb(config.database)
  try {
    await migrate(database)
    io.out(JSON.stringify(await deleteTrust(database.db, parsed.data)))
    return 0
  } catch (err) {
    if (err instanceof Problem) {
      io.err(`The trust was not deleted: ${err.detail ?? err.title}`)
      return 1
    }
    throw err
  } finally {
    await database.close()
  }
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href
if (runDirectly) process.exitCode = await main(process.argv.slice(2))
