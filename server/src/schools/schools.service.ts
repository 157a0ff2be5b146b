import { sql } from 'drizzle-orm'
import type { Phase } from '@ee/shared/common'
import type { Cluster, School, SchoolImportReport, UpdateSchoolBody } from '@ee/shared/schools'
import type { Db, Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, assertRole } from '../lib/policy.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import { type SchoolCsvRow, parseSchoolsCsv } from './school-csv.ts'
import { type SchoolRow, findClusters, findOrCreateCluster, findSchool, findSchoolsOfTrust, findTakenUrns, insertSchools, updateSchool as updateSchoolRow } from './schools.repo.ts'

const toSchool = ({ trustId: _trustId, ...row }: SchoolRow): School => ({ ...row, phase: row.phase as Phase })

export async function listSchools(db: Db, actor: Actor): Promise<School[]> {
  assertRole(actor, 'trust.read')
  return (await findSchoolsOfTrust(db, actor.trustId)).map(toSchool)
}

export async function listClusters(db: Db, actor: Actor): Promise<Cluster[]> {
  assertRole(actor, 'trust.read')
  return (await findClusters(db, actor.trustId)).map((c) => ({ ...c, schoolCount: Number(c.schoolCount) }))
}

export async function updateSchool(db: Db, actor: Actor, id: string, body: UpdateSchoolBody): Promise<School> {
  return db.transaction(async (tx) => {
    const row = (await findSchool(tx, id, true)) ?? notFound('school')
    assertCan(actor, 'school.update', row, 'school')
    let clusterId = row.clusterId
    if (body.cluster !== undefined) {
      if (body.cluster === null) clusterId = null
      else {
        const { cluster, created } = await findOrCreateCluster(tx, actor.trustId, body.cluster)
        clusterId = cluster.id
        if (created) await audit(tx, actor, { action: 'cluster.created', objectType: 'cluster', objectId: cluster.id, detail: { name: cluster.name } })
      }
    }
    await updateSchoolRow(tx, row.id, {
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.releaseDaysPerTerm !== undefined ? { releaseDaysPerTerm: body.releaseDaysPerTerm } : {}),
      clusterId,
    })
    await audit(tx, actor, { action: 'school.updated', objectType: 'school', objectId: row.id, detail: { ...body } })
    return toSchool((await findSchool(tx, row.id))!)
  })
}

/** Adds the checks that need the database: a URN may be registered once across the service. */
async function check(db: Executor, csv: string): Promise<SchoolCsvRow[]> {
  const parsed = parseSchoolsCsv(csv)
  if (!parsed.ok) invalid([{ path: 'csv', message: parsed.message }], parsed.message)
  const rows = parsed.ok ? parsed.rows : []
  const taken = await findTakenUrns(db, rows.flatMap((r) => (r.urn !== null ? [r.urn] : [])))
  for (const r of rows) if (r.urn !== null && taken.has(r.urn)) r.reasons.push(`URN ${r.urn} is already registered`)
  return rows
}

function report(rows: SchoolCsvRow[], imported: Map<number, string> | null): SchoolImportReport {
  const out = rows.map((r) => ({
    line: r.line,
    urn: r.urn,
    name: r.name,
    phase: r.phase,
    status: r.reasons.length ? ('refused' as const) : imported ? ('imported' as const) : ('ready' as const),
    reasons: r.reasons,
    schoolId: r.urn !== null && imported ? (imported.get(r.urn) ?? null) : null,
  }))
  const count = (status: string) => out.filter((r) => r.status === status).length
  return { imported: imported !== null, counts: { ready: count('ready'), imported: count('imported'), refused: count('refused') }, rows: out }
}

export async function previewSchoolImport(db: Db, actor: Actor, csv: string): Promise<SchoolImportReport> {
  assertRole(actor, 'school.import')
  return report(await check(db, csv), null)
}

/** The good rows go in together, in one transaction; the refused ones are reported with their reasons. */
export async function importSchools(db: Db, actor: Actor, csv: string): Promise<SchoolImportReport> {
  assertRole(actor, 'school.import')
  try {
    return await db.transaction(async (tx) => {
      // One import at a time, so two administrators cannot both pass the URN check for the same school.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ee:schools-import'))`)
      const rows = await check(tx, csv)
      const good = rows.filter((r) => r.reasons.length === 0)
      const clusterIds = new Map<string, string>()
      for (const name of new Set(good.flatMap((r) => (r.cluster ? [r.cluster] : [])))) {
        const { cluster, created } = await findOrCreateCluster(tx, actor.trustId, name)
        clusterIds.set(name, cluster.id)
        if (created) await audit(tx, actor, { action: 'cluster.created', objectType: 'cluster', objectId: cluster.id, detail: { name: cluster.name } })
      }
      const inserted = await insertSchools(
        tx,
        good.map((r) => ({
          trustId: actor.trustId, urn: r.urn!, name: r.name, phase: r.phase!, type: r.type, postcode: r.postcode, lat: r.lat!, lng: r.lng!,
          clusterId: r.cluster ? clusterIds.get(r.cluster)! : null, ...(r.releaseDaysPerTerm !== null ? { releaseDaysPerTerm: r.releaseDaysPerTerm } : {}),
        })),
      )
      const result = report(rows, new Map(inserted.map((s) => [s.urn, s.id])))
      if (inserted.length) {
        await audit(tx, actor, {
          action: 'schools.imported', objectType: 'trust', objectId: actor.trustId,
          detail: { imported: inserted.length, refused: result.counts.refused, urns: inserted.map((s) => s.urn) },
        })
      }
      return result
    })
  } catch (err) {
    if ((err as { code?: string }).code === '23505' || (err as { cause?: { code?: string } }).cause?.code === '23505') {
      conflict('Some of these schools were registered while you were importing. Preview the file again to see which.')
    }
    throw err
  }
}
