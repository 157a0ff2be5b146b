import { sql } from 'drizzle-orm'
import type { Phase } from '@ee/shared/common'
import type { School, SchoolChange, SchoolImportReport, SchoolImportRow, UpdateSchoolBody } from '@ee/shared/schools'
import type { Db, Executor } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, assertRole } from '../lib/policy.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import { type SchoolCsvRow, type Selector, parseSchoolsCsv } from './school-csv.ts'
import { type SchoolRow, findOrCreateCluster, findSchool, findSchoolsByUrn, findSchoolsOfTrust, insertSchools, updateSchool as updateSchoolRow } from './schools.repo.ts'

const toSchool = ({ trustId: _trustId, ...row }: SchoolRow): School => ({ ...row, phase: row.phase as Phase, status: row.status as School['status'] })

export async function listSchools(db: Db, actor: Actor): Promise<School[]> {
  assertRole(actor, 'trust.read')
  return (await findSchoolsOfTrust(db, actor.trustId)).map(toSchool)
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

type Existing = Awaited<ReturnType<typeof findSchoolsByUrn>> extends Map<number, infer R> ? R : never
type Checked = SchoolCsvRow & { outcome: SchoolImportRow['status']; changes: SchoolChange[]; existing: Existing | null }

/** Never says whose: another trust's URN reads exactly like any other school this trust cannot take. */
const cannotAdd = (urn: number) => `URN ${urn} cannot be added to this trust`

const where = (lat: number, lng: number) => `${lat.toFixed(6)}, ${lng.toFixed(6)}`

function changesOf(row: SchoolCsvRow, old: Existing): SchoolChange[] {
  const out: SchoolChange[] = []
  const add = (field: SchoolChange['field'], from: string, to: string) => from !== to && out.push({ field, from, to })
  add('name', old.name, row.name)
  add('phase', old.phase, row.phase!)
  add('status', old.status, row.status)
  if (row.type) add('type', old.type, row.type)
  if (row.postcode) add('postcode', old.postcode, row.postcode)
  if (row.lat !== null && row.lng !== null) add('location', where(old.lat, old.lng), where(row.lat, row.lng))
  return out
}

/** Adds the checks that need the database: a URN is registered once across the service. */
async function check(db: Executor, actor: Actor, csv: string, selector: Selector) {
  const parsed = parseSchoolsCsv(csv, selector)
  if (!parsed.ok) return invalid([{ path: parsed.path, message: parsed.message }], parsed.message)
  const existing = await findSchoolsByUrn(db, parsed.rows.flatMap((r) => (r.urn !== null ? [r.urn] : [])))
  const rows = parsed.rows.map((r): Checked => {
    const old = r.urn !== null ? (existing.get(r.urn) ?? null) : null
    if (r.reasons.length === 0 && old && old.trustId !== actor.trustId) r.reasons.push(cannotAdd(r.urn!))
    if (r.reasons.length === 0 && !old && r.locationMissing) r.reasons.push(r.locationMissing)
    if (r.reasons.length) return { ...r, outcome: 'refused', changes: [], existing: null }
    if (!old) return { ...r, outcome: 'new', changes: [], existing: null }
    const changes = changesOf(r, old)
    return { ...r, outcome: changes.length ? 'changed' : 'unchanged', changes, existing: old }
  })
  return { ...parsed, rows }
}

function report(checked: Awaited<ReturnType<typeof check>>, imported: Map<number, string> | null): SchoolImportReport {
  const rows = checked.rows.map((r) => ({
    line: r.line, urn: r.urn, name: r.name, phase: r.phase, status: r.outcome, changes: r.changes, reasons: r.reasons,
    schoolId: r.existing?.id ?? (r.urn !== null && imported ? (imported.get(r.urn) ?? null) : null),
  }))
  const count = (status: SchoolImportRow['status']) => rows.filter((r) => r.status === status).length
  return {
    imported: imported !== null, layout: checked.layout,
    counts: { new: count('new'), changed: count('changed'), unchanged: count('unchanged'), refused: count('refused'), otherTrusts: checked.otherTrusts },
    rows, urnsNotInFile: checked.urnsNotInFile,
  }
}

export async function previewSchoolImport(db: Db, actor: Actor, csv: string, selector: Selector): Promise<SchoolImportReport> {
  assertRole(actor, 'school.import')
  return report(await check(db, actor, csv, selector), null)
}

/**
 * Adds the new schools and updates the changed ones by URN (never a second row), all in one transaction:
 * all of it or none. Refused lines are reported and left out. A school GIAS marks closed is marked, not deleted.
 */
export async function importSchools(db: Db, actor: Actor, csv: string, selector: Selector): Promise<SchoolImportReport> {
  assertRole(actor, 'school.import')
  try {
    return await db.transaction(async (tx) => {
      // One import at a time, so two administrators cannot both pass the URN check for the same school.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('ee:schools-import'))`)
      const checked = await check(tx, actor, csv, selector)
      const added = checked.rows.filter((r) => r.outcome === 'new')
      const changed = checked.rows.filter((r) => r.outcome === 'changed')
      const clusterIds = new Map<string, string>()
      for (const name of new Set(added.flatMap((r) => (r.cluster ? [r.cluster] : [])))) {
        const { cluster, created } = await findOrCreateCluster(tx, actor.trustId, name)
        clusterIds.set(name, cluster.id)
        if (created) await audit(tx, actor, { action: 'cluster.created', objectType: 'cluster', objectId: cluster.id, detail: { name: cluster.name } })
      }
      const inserted = await insertSchools(
        tx,
        added.map((r) => ({
          trustId: actor.trustId, urn: r.urn!, name: r.name, phase: r.phase!, type: r.type, postcode: r.postcode, lat: r.lat!, lng: r.lng!,
          status: r.status, closedOn: r.closedOn, clusterId: r.cluster ? clusterIds.get(r.cluster)! : null,
          ...(r.releaseDaysPerTerm !== null ? { releaseDaysPerTerm: r.releaseDaysPerTerm } : {}),
        })),
      )
      for (const r of changed) {
        await updateSchoolRow(tx, r.existing!.id, {
          name: r.name, phase: r.phase!, status: r.status, closedOn: r.status === 'closed' ? (r.closedOn ?? r.existing!.closedOn) : null,
          ...(r.type ? { type: r.type } : {}), ...(r.postcode ? { postcode: r.postcode } : {}),
          ...(r.lat !== null && r.lng !== null ? { lat: r.lat, lng: r.lng } : {}),
        })
      }
      const result = report(checked, new Map(inserted.map((s) => [s.urn, s.id])))
      if (inserted.length || changed.length) {
        await audit(tx, actor, {
          action: 'schools.imported', objectType: 'trust', objectId: actor.trustId,
          detail: {
            added: inserted.length, changed: changed.length, refused: result.counts.refused,
            addedUrns: inserted.map((s) => s.urn), changedUrns: changed.map((r) => r.urn),
            closedUrns: changed.filter((r) => r.changes.some((c) => c.field === 'status' && c.to === 'closed')).map((r) => r.urn),
          },
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
