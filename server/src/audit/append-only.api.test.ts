import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { useTestApp } from '../../test/app.ts'
import { seed, trustBundle } from '../../test/bundle.ts'
import { queryRows } from '../db/client.ts'
import { pgCode } from '../db/transaction.ts'
import { asOwner, asSystem, withTrust } from '../db/scope.ts'
import { audit } from '../lib/audit.ts'

/** Issue 14 item 5: the audit trail cannot be edited by the app (migration 0021). */
const t = useTestApp()

async function oneRow(trustId: string, actorId: string, detail: Record<string, unknown>) {
  await withTrust(trustId, () => audit(t.app.db, { id: actorId, trustId }, { action: 'test.written', objectType: 'person', objectId: actorId, detail }))
  const [row] = await withTrust(trustId, () => queryRows<{ id: number }>(t.app.db, sql`select id from audit_events where trust_id = ${trustId} order by id desc limit 1`))
  return row!.id
}

/** What PostgreSQL said, under drizzle's "Failed query" wrapper. */
const pgMessage = (err: unknown): string => (err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err))
const refusedWith = (re: RegExp) => (err: unknown) => re.test(pgMessage(err))

const detailOf = async (id: number) => (await asSystem(() => queryRows<{ detail: unknown }>(t.app.db, sql`select detail from audit_events where id = ${id}`)))[0]?.detail

describe('The audit trail', () => {
  it('When the app\'s role runs UPDATE or DELETE on audit_events, then the database refuses both and the row is unchanged', async () => {
    const s = await seed(t.app, trustBundle({}, 'Append only'))
    const id = await oneRow(s.ids.t!, s.ids.headA!, { fields: ['title'] })
    const [who] = await withTrust(s.ids.t!, () => queryRows<{ role: string }>(t.app.db, sql`select current_user as role`))
    expect(who!.role).toBe('ee_app')

    const update = withTrust(s.ids.t!, () => t.app.db.execute(sql`UPDATE audit_events SET action = 'forged' WHERE id = ${id}`))
    await expect(update).rejects.toSatisfy((err) => pgCode(err) === '42501')
    const del = withTrust(s.ids.t!, () => t.app.db.execute(sql`DELETE FROM audit_events WHERE id = ${id}`))
    await expect(del).rejects.toSatisfy((err) => pgCode(err) === '42501')
    const truncate = asSystem(() => t.app.db.execute(sql`TRUNCATE audit_events`))
    await expect(truncate).rejects.toSatisfy((err) => pgCode(err) === '42501')

    expect(await detailOf(id)).toEqual({ fields: ['title'] })
  })

  it('When the tables\' owner runs UPDATE or DELETE outside the maintenance functions, then the trigger refuses them too', async () => {
    const s = await seed(t.app, trustBundle({}, 'Owner refused'))
    const id = await oneRow(s.ids.t!, s.ids.headA!, { n: 1 })
    await expect(asOwner(() => t.app.db.execute(sql`UPDATE audit_events SET detail = null WHERE id = ${id}`))).rejects.toSatisfy(refusedWith(/append-only: UPDATE refused/))
    await expect(asOwner(() => t.app.db.execute(sql`DELETE FROM audit_events WHERE id = ${id}`))).rejects.toSatisfy(refusedWith(/append-only: DELETE refused/))
    expect(await detailOf(id)).toEqual({ n: 1 })
  })

  it('When a person is erased through ee_erase_audit_person, then the rows naming them lose their detail and keep who, what and when; other rows stay', async () => {
    const s = await seed(t.app, trustBundle({}, 'Erase audit'))
    const trustId = s.ids.t!
    const theirs = await oneRow(trustId, s.ids.teacherA1!, { note: 'by them' })
    const naming = await oneRow(trustId, s.ids.admin!, { email: 'Erased.Person@Example.org', role: 'teacher' })
    const other = await oneRow(trustId, s.ids.headB!, { fields: ['title'] })
    const [res] = await withTrust(trustId, () =>
      queryRows<{ n: number }>(t.app.db, sql`select ee_erase_audit_person(${trustId}::uuid, ${s.ids.teacherA1!}::uuid, array['erased.person@example.org', 'Erased Person']::text[]) as n`))
    expect(res!.n).toBe(2)
    expect(await detailOf(theirs)).toEqual({ erased: true })
    expect(await detailOf(naming)).toEqual({ erased: true })
    expect(await detailOf(other)).toEqual({ fields: ['title'] })
    const [kept] = await asSystem(() => queryRows<{ action: string; actor_id: string }>(t.app.db, sql`select action, actor_id from audit_events where id = ${naming}`))
    expect(kept).toEqual({ action: 'test.written', actor_id: s.ids.admin })
  })

  it('When ee_delete_trust_audit is called for a trust that still exists, then it is refused; once the trust is gone, its rows go and no other trust\'s do', async () => {
    const s = await seed(t.app, trustBundle({}, 'Offboarded'))
    const other = await seed(t.app, trustBundle({}, 'Stays'))
    await oneRow(s.ids.t!, s.ids.admin!, { n: 1 })
    const kept = await oneRow(other.ids.t!, other.ids.admin!, { n: 2 })
    await expect(asSystem(() => t.app.db.execute(sql`select ee_delete_trust_audit(${s.ids.t!}::uuid)`))).rejects.toSatisfy(refusedWith(/the trust still exists/))

    // A trust with no rows but its audit trail: the state offboarding (Part G1) reaches before calling it.
    const ghost = '00000000-0000-4000-8000-00000000abcd'
    await asSystem(() => t.app.db.execute(sql`insert into audit_events (trust_id, action, object_type) values (${ghost}, 'trust.offboarded', 'trust'), (${ghost}, 'x', 'y')`))
    const [res] = await asSystem(() => queryRows<{ n: number }>(t.app.db, sql`select ee_delete_trust_audit(${ghost}::uuid) as n`))
    expect(res!.n).toBe(2)
    const [left] = await asSystem(() => queryRows<{ n: number }>(t.app.db, sql`select count(*)::int as n from audit_events where trust_id = ${ghost}`))
    expect(left!.n).toBe(0)
    expect(await detailOf(kept)).toEqual({ n: 2 })
  })
})
