import { desc, eq } from 'drizzle-orm'
import { vi } from 'vitest'
import type { Database } from '../src/db/client.ts'
import { emailOutbox } from '../src/db/schema/index.ts'

/** Every e-mail written to the outbox for an address, newest first. */
export async function mailsTo(database: Database, to: string) {
  return database.db.select().from(emailOutbox).where(eq(emailOutbox.to, to)).orderBy(desc(emailOutbox.createdAt))
}

/** The newest link in e-mails to an address, waiting for it (a reset link is written just after the answer). */
export async function linkIn(database: Database, to: string, path: '/accept-invitation' | '/reset-password', count = 1): Promise<URL> {
  return vi.waitFor(async () => {
    const links = (await mailsTo(database, to)).flatMap((m) => m.text.match(/https?:\/\/\S+/g) ?? []).filter((l) => new URL(l).pathname === path)
    if (links.length < count) throw new Error(`expected ${count} ${path} links to ${to}, found ${links.length}`)
    return new URL(links[0]!)
  }, { timeout: 5000, interval: 20 })
}

export const tokenOf = (link: URL) => link.searchParams.get('token')!
