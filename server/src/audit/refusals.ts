import { sql } from 'drizzle-orm'
import type { Db } from '../db/client.ts'
import { queryRows } from '../db/client.ts'
import { asSystem } from '../db/scope.ts'
import type { Actor } from '../lib/actor.ts'
import { type AuditEntry, audit } from '../lib/audit.ts'

/**
 * Refused attempts on objects (issue 14, docs/design.md §10). plugins/access.ts writes each 403 and each
 * 404 on an object route in the caller's own trust; a refusal on an object that exists in another trust
 * is also written in that trust, so its administrator sees who from outside tried to reach it. The
 * caller's answer is the same either way.
 */

/** What a route's first segment acts on: the object type the trail names, and the table that holds it. */
const OBJECTS: Record<string, { type: string; table: string }> = {
  requests: { type: 'request', table: 'requests' },
  offers: { type: 'offer', table: 'offers' },
  engagements: { type: 'engagement', table: 'engagements' },
  releases: { type: 'release', table: 'engagements' },
  extensions: { type: 'extension', table: 'engagement_extensions' },
  cases: { type: 'case', table: 'cases' },
  expertise: { type: 'expertise', table: 'expertise' },
  people: { type: 'person', table: 'people' },
  invitations: { type: 'invitation', table: 'invitations' },
  schools: { type: 'school', table: 'schools' },
  clusters: { type: 'cluster', table: 'clusters' },
  areas: { type: 'area', table: 'areas' },
  notifications: { type: 'notification', table: 'notifications' },
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** The object type of a route's first segment after /api (`requests` → `request`), or the segment itself. */
export const objectTypeOf = (segment: string): string => OBJECTS[segment]?.type ?? segment

/** The trust that holds this object, across trusts: one primary-key read. */
async function ownerTrust(db: Db, segment: string, id: string): Promise<string | null> {
  const object = OBJECTS[segment]
  if (!object || !UUID.test(id)) return null
  const [row] = await asSystem(() => queryRows<{ trust_id: string }>(db, sql`select trust_id from ${sql.identifier(object.table)} where id = ${id}`))
  return row?.trust_id ?? null
}

/**
 * Writes a refusal in the caller's trust. The object of a refusal on an object route is looked up across
 * trusts: when it is another trust's, a row with the object's id (and no person) goes to that trust too,
 * marked `fromAnotherTrust`. The caller's own trust keeps the object's id only for its own objects, so
 * neither trail holds the other trust's ids, and an id that exists elsewhere reads like one that exists
 * nowhere.
 */
export async function auditRefusal(db: Db, actor: Actor | null, segment: string, entry: AuditEntry): Promise<void> {
  if (!actor || !entry.objectId || !OBJECTS[segment]) return audit(db, actor, entry)
  const owner = await ownerTrust(db, segment, entry.objectId)
  await audit(db, actor, owner === actor.trustId ? entry : { ...entry, objectId: null })
  if (owner && owner !== actor.trustId) {
    // Nobody of the owner trust's own: the person's id stays in their own trust (the request id joins the two rows).
    const someoneElsewhere = { id: null as unknown as string, trustId: owner }
    await asSystem(() => audit(db, someoneElsewhere, { ...entry, detail: { ...entry.detail, fromAnotherTrust: true } }))
  }
}
