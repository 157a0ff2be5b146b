import { realpathSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import type { z } from 'zod'
import { formatPath } from '@ee/shared/problem'
import { type Config, ConfigError, loadConfig } from '../config.ts'
import { type Database, createDb } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { Problem } from '../lib/problem.ts'

export type Io = { out: (line: string) => void; err: (line: string) => void }
export const processIo: Io = { out: (l) => process.stdout.write(`${l}\n`), err: (l) => process.stderr.write(`${l}\n`) }

/**
 * One operator's command (trust:create, trust:delete): string flags read into the input schema, the
 * environment's config, migrate, run, and one JSON line out. Exit 2: bad arguments or configuration;
 * exit 1: refused (a Problem), said as "<refused>: <why>"; 0: done.
 */
export async function runOperatorCommand<S extends z.ZodType>(command: {
  argv: string[]
  io: Io
  env: NodeJS.ProcessEnv | undefined
  usage: string
  /** Flag name → the input field it fills. */
  flags: Record<string, string>
  schema: S
  refused: string
  run: (database: Database, input: z.infer<S>, config: Config) => Promise<unknown>
}): Promise<number> {
  const { io, usage, flags } = command
  let values: Record<string, string | undefined>
  try {
    const options = Object.fromEntries(Object.keys(flags).map((flag) => [flag, { type: 'string' as const }]))
    ;({ values } = parseArgs({ args: command.argv, options, strict: true, allowPositionals: false }) as { values: Record<string, string | undefined> })
  } catch (err) {
    io.err(`${(err as Error).message}\n${usage}`)
    return 2
  }
  const parsed = command.schema.safeParse(Object.fromEntries(Object.entries(flags).map(([flag, field]) => [field, values[flag] ?? ''])))
  if (!parsed.success) {
    const flagOf = (path: string) => `--${Object.entries(flags).find(([, field]) => field === path)?.[0] ?? path}`
    for (const i of parsed.error.issues) io.err(`${flagOf(formatPath(i.path))}: ${i.message}`)
    io.err(usage)
    return 2
  }
  let config: Config
  try {
    config = loadConfig(command.env)
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
    io.out(JSON.stringify(await command.run(database, parsed.data, config)))
    return 0
  } catch (err) {
    if (err instanceof Problem) {
      io.err(`${command.refused}: ${err.detail ?? err.title}`)
      return 1
    }
    throw err
  } finally {
    await database.close()
  }
}

/** True when the module at `url` is the script node was started with (not imported by a test). */
export const invokedDirectly = (url: string) => process.argv[1] !== undefined && url === pathToFileURL(realpathSync(process.argv[1])).href
