import { readFile } from 'node:fs/promises'
import { loadConfig } from '../config.ts'
import { createDb } from '../db/client.ts'
import { migrate } from '../db/migrate.ts'
import { Problem } from '../lib/problem.ts'
import { importBundle, parseBundle } from './import.service.ts'

/** `npm run import -- FILE`: loads a trust bundle and prints {"ids": {ref: id}} on stdout. */
async function main() {
  const file = process.argv[2]
  if (!file) {
    console.error('Usage: npm run import -- path/to/bundle.json')
    return 2
  }
  let json: unknown
  try {
    json = JSON.parse(await readFile(file, 'utf8'))
  } catch (err) {
    console.error(`Could not read ${file}: ${(err as Error).message}`)
    return 2
  }
  const parsed = parseBundle(json)
  if (!parsed.ok) {
    console.error(`The bundle was refused; nothing was imported. ${parsed.errors.length} problem(s):`)
    for (const e of parsed.errors) console.error(`  ${e.path}: ${e.message}`)
    return 1
  }
  const config = loadConfig()
  const database = createDb(config.database)
  try {
    await migrate(database)
    const ids = await importBundle(database.db, parsed.bundle)
    process.stdout.write(`${JSON.stringify({ ids })}\n`)
    return 0
  } catch (err) {
    if (err instanceof Problem) {
      console.error(`The bundle was refused; nothing was imported. ${err.detail ?? ''}`)
      for (const e of err.errors ?? []) console.error(`  ${e.path}: ${e.message}`)
      return 1
    }
    throw err
  } finally {
    await database.close()
  }
}

process.exitCode = await main()
