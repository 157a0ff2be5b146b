import { CreateTrustInputSchema, createTrust } from './trust-create.ts'
import { type Io, invokedDirectly, processIo, runOperatorCommand } from './operator-cli.ts'

const USAGE = 'Usage: npm run trust:create -- --name "Northfield Learning Trust" --admin admin@northfield.example.org'

/**
 * `npm run trust:create -- --name NAME --admin EMAIL` (the operator's command): migrates, creates the
 * trust and its first admin's invitation, and prints {"trustId","invitationLink"} as one JSON line.
 * Exit 2: bad arguments; exit 1: refused (e.g. the e-mail already has an account).
 */
export function main(argv: string[], io: Io = processIo, env?: NodeJS.ProcessEnv): Promise<number> {
  return runOperatorCommand({
    argv, io, env, usage: USAGE, flags: { name: 'name', admin: 'adminEmail' }, schema: CreateTrustInputSchema,
    refused: 'The trust was not created',
    run: (database, input, config) => createTrust(database.db, input, config.publicUrl),
  })
}

if (invokedDirectly(import.meta.url)) process.exitCode = await main(process.argv.slice(2))
