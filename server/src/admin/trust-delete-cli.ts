import { DeleteTrustInputSchema, deleteTrust } from './trust-delete.ts'
import { type Io, invokedDirectly, processIo, runOperatorCommand } from './operator-cli.ts'

const USAGE = 'Usage: npm run trust:delete -- --trust TRUST_ID --confirm "Northfield Learning Trust"'

/**
 * `npm run trust:delete -- --trust ID --confirm NAME` (the operator's command, when a trust closes its
 * account): deletes every row of the trust in one transaction and prints {"trustId","name","deleted"}
 * (rows per table) as one JSON line. Exit 2: bad arguments; exit 1: refused (no such trust, or the
 * name typed is not the trust's).
 */
export function main(argv: string[], io: Io = processIo, env?: NodeJS.ProcessEnv): Promise<number> {
  return runOperatorCommand({
    argv, io, env, usage: USAGE, flags: { trust: 'trustId', confirm: 'confirm' }, schema: DeleteTrustInputSchema,
    refused: 'The trust was not deleted',
    run: (database, input) => deleteTrust(database.db, input),
  })
}

if (invokedDirectly(import.meta.url)) process.exitCode = await main(process.argv.slice(2))
