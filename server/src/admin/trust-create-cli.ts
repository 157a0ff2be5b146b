import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { formatPath } from '@ee/shared/problem'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import { createDb } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { Problem } from '../lib/problem.ts'
import { CreateTrustInputSchema, createTrust } from './trust-create.ts'

const USAGE = 'Usage: npm run trust:create -- --name "Northfield Learning Trust" --admin admin@northfield.example.org'

type Io = { out: (line: string) => void; err: (line: string) => void }
const processIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }

/**
 * `npm run trust:create -- --name NAME --admin EMAIL` (the operator's command): migrates, creates the
 * trust and its first admin's invitation, and prints {"trustId","invitationLink"} as one JSON line.
 * Exit 2: bad arguments; exit 1: refused (e.g. the e-mail already has an account).
 */
export async function main(argv: string[], io: Io = processIo, env?: NodeJS.ProcessEnv): Promise<number> {
  let values: { name?: string; admin?: string }
  try {
    ;({ values } = parseArgs({ args: argv, options: { name: { type: 'string' }, admin: { type: 'string' } }, strict: true, allowPositionals: false }))
  } catch (err) {
    io.err(`${(err as Error).message}\n${USAGE}`)
    return 2
  }
  const parsed = CreateTrustInputSchema.safeParse({ name: values.name ?? '', adminEmail: values.admin ?? '' })
  if (!parsed.success) {
    const flag = (path: string) => (path === 'adminEmail' ? '--admin' : '--name')
    for (const i of parsed.error.issues) io.err(`${flag(formatPath(i.path))}: ${i.message}`)
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
    const result = await createTrust(database.db, parsed.data, config.publicUrl)
    io.out(JSON.stringify(result))
    return 0
  } catch (err) {
    if (err instanceof Problem) {
      io.err(`The trust was not created: ${err.detail ?? err.title}`)
      return 1
    }
    throw err
  } finally {
    await database.close()
  }
}

const runDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(realpathSync(process.argv[1])).href
if (runDirectly) process.exitCode = await main(process.argv.slice(2))
