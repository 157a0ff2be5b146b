import { noteExpertAvailability } from '../engagements/leavers.service.ts'
import type {
  Availability,
  CreateExpertiseBody,
  Expertise,
  ExpertiseCard,
  ExpertiseDetail,
  ExpertiseDirectory,
  ExpertiseDirectoryQuery,
  Profile,
  TermView,
  UpdateAvailabilityBody,
  UpdateExpertiseBody,
} from '@ee/shared/expertise'
import type { Mode, Phase, Role } from '@ee/shared/common'
import { areaFamilyIds, resolveChosenAreas } from '../areas/areas.service.ts'
import { type Db, type Executor, readTogether } from '../db/client.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, can } from '../lib/policy.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import { headsOf, notifyMany } from '../notifications/notify.ts'
import { moveOnAfterDeclines } from '../offers/offers.service.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import type { TermName } from '../lib/default-calendar.ts'
import { capacityInTerm, termDaysView } from '../engagements/charges.ts'
import { toIsoDate } from '../lib/terms.ts'
import { decodeCursor, encodeCursor } from './directory-cursor.ts'
import { hasSearchTerms, searchDirectory } from './directory.repo.ts'
import { distanceBetween } from './distance.ts'
import { evidenceExcerpt } from './excerpt.ts'
import {
  type ExpertiseRow,
  declineInvitations,
  findAreaIdsOf,
  findAreaRefs,
  findCommittedDays,
  findCommittedDaysFrom,
  findExpertView,
  findExpertise,
  findExpertiseOfPerson,
  findPersonForAvailability,
  findProfilePerson,
  findRequestsBrief,
  findSchoolView,
  insertExpertise,
  moveExpertiseToSchool,
  replaceAreas,
  setPaused,
  updateExpertise as updateExpertiseRow,
} from './expertise.repo.ts'

type CurrentTerm = TermView & { name: TermName }

/** This term by the trust's calendar. */
export async function currentTerm(ex: Executor, trustId: string, now: Date): Promise<CurrentTerm> {
  const { label, start, end, name } = (await calendarFor(ex, trustId)).termOf(toIsoDate(now))
  return { label, start, end, name }
}

const termView = ({ label, start, end }: CurrentTerm): TermView => ({ label, start, end })

/** The columns of a body's per-term figures: absent leaves a column alone, null clears it. */
function termDayColumns(termDays: CreateExpertiseBody['termDays']) {
  if (!termDays) return {}
  const out: { autumnDays?: number | null; springDays?: number | null; summerDays?: number | null } = {}
  if (termDays.autumn !== undefined) out.autumnDays = termDays.autumn
  if (termDays.spring !== undefined) out.springDays = termDays.spring
  if (termDays.summer !== undefined) out.summerDays = termDays.summer
  return out
}

async function toExpertiseList(db: Executor, rows: ExpertiseRow[], term: CurrentTerm): Promise<Expertise[]> {
  const ids = rows.map((r) => r.id)
  const [refs, committed] = await readTogether(db, [() => findAreaRefs(db, ids), () => findCommittedDays(db, ids, term.start)])
  return rows.map((r) => {
    const days = committed.get(r.id) ?? 0
    return {
      id: r.id, personId: r.personId, schoolId: r.schoolId, title: r.title, summary: r.summary, evidence: r.evidence,
      areas: refs.get(r.id) ?? [], subjects: r.subjects, phases: r.phases as Phase[], modes: r.modes as Mode[],
      capacityDaysPerTerm: r.capacityDaysPerTerm, termDays: termDaysView(r), active: r.active, archived: r.archivedAt !== null,
      createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
      daysThisTerm: capacityInTerm(r, term.name), daysCommitted: days, daysFree: Math.max(0, capacityInTerm(r, term.name) - days),
    }
  })
}

const toExpertise = async (db: Executor, row: ExpertiseRow, term: CurrentTerm) => (await toExpertiseList(db, [row], term))[0]!

type DeclineReason = 'paused' | 'entry_paused' | 'archived' | 'deactivated'

const WHY_DECLINED: Record<DeclineReason, (name: string) => string> = {
  paused: (name) => `${name} has paused their availability for now, so your invitation was declined for them.`,
  entry_paused: (name) => `${name} has paused the expertise you invited, so your invitation was declined for them.`,
  archived: (name) => `${name} has withdrawn the expertise you invited, so your invitation was declined for them.`,
  deactivated: (name) => `${name} is no longer on Expertise Exchange, so your invitation was declined.`,
}

/**
 * Declines open invitations (of a person or of one entry) and tells the inviting heads at once,
 * so nobody waits on silence: who is next, or whom the product invited for them (offers' moveOnAfterDeclines).
 */
async function declineAndTell(tx: Executor, where: { personId: string } | { expertiseId: string }, reason: DeclineReason, expertName: string, now: Date) {
  const declined = await declineInvitations(tx, where, reason, now)
  const next = await moveOnAfterDeclines(tx, declined, now)
  const requests = await findRequestsBrief(tx, [...new Set(declined.map((d) => d.requestId))])
  const notices = []
  for (const r of requests) {
    for (const head of await headsOf(tx, r.schoolId)) {
      notices.push({
        personId: head, trustId: r.trustId, kind: 'invitation_declined' as const, link: `/requests/${r.id}`,
        title: `${expertName} cannot help with “${r.title}” just now`,
        body: `${WHY_DECLINED[reason](expertName)}\n\n${next.get(r.id) ?? ''}`.trimEnd(),
      })
    }
  }
  await notifyMany(tx, notices)
  return declined
}

const owned = (row: ExpertiseRow) => ({ trustId: row.trustId, schoolId: row.schoolId, personId: row.personId, archived: row.archivedAt !== null })

export async function createExpertise(db: Db, actor: Actor, body: CreateExpertiseBody, now: Date): Promise<Expertise> {
  assertCan(actor, 'expertise.create', { trustId: actor.trustId })
  return db.transaction(async (tx) => {
    const areaIds = await resolveChosenAreas(tx, actor.trustId, body.areas)
    const row = await insertExpertise(tx, {
      trustId: actor.trustId, personId: actor.id, schoolId: actor.schoolId, title: body.title, summary: body.summary, evidence: body.evidence,
      subjects: body.subjects, phases: body.phases, modes: body.modes, capacityDaysPerTerm: body.capacityDaysPerTerm, active: body.active,
      ...termDayColumns(body.termDays),
    })
    await replaceAreas(tx, row.id, areaIds)
    await audit(tx, actor, { action: 'expertise.created', objectType: 'expertise', objectId: row.id, detail: { title: row.title, areas: body.areas } })
    return toExpertise(tx, row, await currentTerm(tx, actor.trustId, now))
  })
}

export async function updateExpertise(db: Db, actor: Actor, id: string, body: UpdateExpertiseBody, now: Date): Promise<Expertise> {
  return db.transaction(async (tx) => {
    const row = (await findExpertise(tx, id, true)) ?? notFound('expertise entry')
    assertCan(actor, 'expertise.read', owned(row), 'expertise entry')
    assertCan(actor, 'expertise.update', owned(row), 'expertise entry')
    if (row.archivedAt) conflict('This entry is archived, so it can no longer be changed. Add a new entry instead.')
    if (body.areas) await replaceAreas(tx, row.id, await resolveChosenAreas(tx, actor.trustId, body.areas, await findAreaIdsOf(tx, row.id)))
    const { areas: _areas, termDays, ...fields } = body
    if (fields.capacityDaysPerTerm !== undefined || termDays) await assertCapacityCoversCommitments(tx, actor.trustId, { ...row, ...fields, ...termDayColumns(termDays) }, now)
    const updated = await updateExpertiseRow(tx, row.id, { ...fields, ...termDayColumns(termDays) })
    let declined = 0
    if (row.active && body.active === false) declined = (await declineAndTell(tx, { expertiseId: row.id }, 'entry_paused', actor.name, now)).length
    await audit(tx, actor, {
      action: row.active && body.active === false ? 'expertise.paused' : !row.active && body.active === true ? 'expertise.resumed' : 'expertise.updated',
      objectType: 'expertise', objectId: row.id, detail: { fields: Object.keys(body), ...(declined ? { declinedInvitations: declined } : {}) },
    })
    return toExpertise(tx, updated, await currentTerm(tx, actor.trustId, now))
  })
}

/**
 * Capacity is never over-committed (docs/design.md §3): an entry's days for this term or a later one
 * cannot fall below the days already agreed in it. Checked under the entry's row lock, which
 * accepting an offer takes too.
 */
async function assertCapacityCoversCommitments(tx: Executor, trustId: string, next: ExpertiseRow, now: Date): Promise<void> {
  const calendar = await calendarFor(tx, trustId)
  for (const { termStart, days } of await findCommittedDaysFrom(tx, next.id, calendar.termOf(toIsoDate(now)).start)) {
    const term = calendar.termOf(termStart)
    if (capacityInTerm(next, term.name) >= days) continue
    const own = { autumn: next.autumnDays, spring: next.springDays, summer: next.summerDays }[term.name] !== null
    invalid([{
      path: own ? `termDays.${term.name}` : 'capacityDaysPerTerm',
      message: `${days} ${days === 1 ? 'day is' : 'days are'} already agreed in ${term.label}; offer at least ${days} that term, or end or cancel some of that work first`,
    }])
  }
}

export async function archiveExpertise(db: Db, actor: Actor, id: string, now: Date): Promise<Expertise> {
  return db.transaction(async (tx) => {
    const row = (await findExpertise(tx, id, true)) ?? notFound('expertise entry')
    assertCan(actor, 'expertise.read', owned(row), 'expertise entry')
    assertCan(actor, 'expertise.update', owned(row), 'expertise entry')
    if (row.archivedAt) conflict('This entry is archived already.')
    const updated = await updateExpertiseRow(tx, row.id, { archivedAt: now, active: false })
    const declined = await declineAndTell(tx, { expertiseId: row.id }, 'archived', actor.name, now)
    await audit(tx, actor, { action: 'expertise.archived', objectType: 'expertise', objectId: row.id, detail: { declinedInvitations: declined.length } })
    return toExpertise(tx, updated, await currentTerm(tx, actor.trustId, now))
  })
}

export async function listMyExpertise(db: Db, actor: Actor, now: Date) {
  const term = await currentTerm(db, actor.trustId, now)
  return { items: await toExpertiseList(db, await findExpertiseOfPerson(db, actor.id), term), term: termView(term) }
}

export async function getExpertise(db: Db, actor: Actor, id: string, now: Date): Promise<ExpertiseDetail> {
  const row = (await findExpertise(db, id)) ?? notFound('expertise entry')
  // Someone else's archived entry is gone from their point of view, exactly like a missing one.
  if (!can(actor, 'expertise.read', owned(row))) notFound('expertise entry')
  const term = await currentTerm(db, actor.trustId, now)
  const [expert, mySchool] = await Promise.all([findExpertView(db, row.personId), actor.schoolId ? findSchoolView(db, actor.schoolId) : undefined])
  const school = row.schoolId ? await findSchoolView(db, row.schoolId) : undefined
  return {
    expertise: await toExpertise(db, row, term),
    person: { id: expert!.id, name: expert!.name, lastActiveAt: expert!.lastActiveAt?.toISOString() ?? null, paused: expert!.pausedAt !== null || !expert!.active },
    school: school ? { id: school.id, name: school.name, clusterName: school.clusterName } : null,
    distanceKm: distanceBetween(mySchool, school),
    term: termView(term),
  }
}

export async function searchExpertise(db: Db, actor: Actor, query: ExpertiseDirectoryQuery, now: Date): Promise<ExpertiseDirectory> {
  assertCan(actor, 'trust.read', { trustId: actor.trustId })
  const term = await currentTerm(db, actor.trustId, now)
  const q = query.q && (await hasSearchTerms(db, query.q)) ? query.q : undefined
  const cursor = query.cursor ? decodeCursor(query.cursor, q ? 'rank' : 'updated') : undefined
  if (query.cursor && !cursor) invalid([{ path: 'cursor', message: 'This page link no longer works; please start the search again' }])
  const [rows, mySchool] = await Promise.all([
    searchDirectory(db, {
      trustId: actor.trustId, termStart: term.start, termName: term.name, q, areaIds: query.area ? await areaFamilyIds(db, actor.trustId, query.area) : undefined,
      phase: query.phase, subject: query.subject, mode: query.mode, schoolId: query.school, clusterId: query.cluster,
      hasFreeDays: query.hasFreeDays, cursor, limit: query.limit,
    }),
    actor.schoolId ? findSchoolView(db, actor.schoolId) : undefined,
  ])
  const pageRows = rows.slice(0, query.limit)
  const last = pageRows.at(-1)
  const nextCursor =
    rows.length > query.limit && last
      ? encodeCursor(q ? { by: 'rank', rank: last.rank!, id: last.id } : { by: 'updated', updated: last.updatedKey, id: last.id })
      : null
  const refs = await findAreaRefs(db, pageRows.map((r) => r.id))
  const items: ExpertiseCard[] = pageRows.map((r) => ({
    expertise: {
      id: r.id, title: r.title, summary: r.summary, subjects: r.subjects, phases: r.phases as Phase[], modes: r.modes as Mode[],
      capacityDaysPerTerm: r.capacityDaysPerTerm, updatedAt: r.updatedAt.toISOString(),
    },
    person: { id: r.personId, name: r.personName, lastActiveAt: r.lastActiveAt?.toISOString() ?? null },
    school: r.schoolId ? { id: r.schoolId, name: r.schoolName!, clusterName: r.clusterName } : null,
    distanceKm: distanceBetween(mySchool, r.schoolId ? { lat: r.lat!, lng: r.lng! } : null),
    areas: (refs.get(r.id) ?? []).map(({ slug, name }) => ({ slug, name })),
    evidenceExcerpt: evidenceExcerpt(r.evidence, q),
    daysFree: Math.max(0, r.termCapacity - r.committed),
  }))
  return { items, nextCursor, term: termView(term) }
}

/** Pausing takes a person out of the directory and suggestions and declines their open invitations. */
export async function updateAvailability(db: Db, actor: Actor, body: UpdateAvailabilityBody, now: Date): Promise<Availability> {
  return db.transaction(async (tx) => {
    const person = (await findPersonForAvailability(tx, actor.id)) ?? notFound('person')
    assertCan(actor, 'availability.update', { trustId: person.trustId, schoolId: person.schoolId, personId: person.id })
    const pausedAt = body.paused ? (person.pausedAt ?? now) : null
    await setPaused(tx, person.id, pausedAt)
    const declined = body.paused ? await declineAndTell(tx, { personId: person.id }, 'paused', actor.name, now) : []
    // Work under way is marked and both heads told (docs/decisions/012-people-who-leave.md); resuming unmarks it.
    if (body.paused !== (person.pausedAt !== null)) await noteExpertAvailability(tx, actor, person.id, now)
    if (body.paused !== (person.pausedAt !== null) || declined.length) {
      await audit(tx, actor, {
        action: body.paused ? 'availability.paused' : 'availability.resumed', objectType: 'person', objectId: person.id,
        detail: { declinedInvitations: declined.map((d) => d.id) },
      })
    }
    return { paused: body.paused, pausedAt: pausedAt?.toISOString() ?? null, declinedInvitations: declined.length }
  })
}

export async function getProfile(db: Db, actor: Actor, now: Date): Promise<Profile> {
  const person = (await findProfilePerson(db, actor.id)) ?? notFound('person')
  const term = await currentTerm(db, actor.trustId, now)
  const [entries, school] = await Promise.all([
    toExpertiseList(db, await findExpertiseOfPerson(db, actor.id), term),
    person.schoolId ? findSchoolView(db, person.schoolId) : undefined,
  ])
  const live = entries.filter((e) => e.active)
  const capacity = live.reduce((n, e) => n + e.daysThisTerm, 0)
  const committed = entries.reduce((n, e) => n + e.daysCommitted, 0)
  return {
    person: {
      id: person.id, name: person.name, email: person.email, role: person.role as Role, paused: person.pausedAt !== null,
      pausedAt: person.pausedAt?.toISOString() ?? null, lastActiveAt: person.lastActiveAt?.toISOString() ?? null,
    },
    school: school ? { id: school.id, name: school.name, clusterName: school.clusterName, releaseDaysPerTerm: school.releaseDaysPerTerm } : null,
    expertise: entries,
    term: termView(term),
    totals: { capacity, committed, free: live.reduce((n, e) => n + e.daysFree, 0) },
  }
}

/**
 * For the people feature: when an administrator moves a person to another school their entries
 * follow; when they deactivate someone, that person's open invitations are declined (their entries
 * leave the directory because the person is inactive, and their history stays).
 */
export async function followPersonToSchool(tx: Executor, personId: string, schoolId: string | null) {
  await moveExpertiseToSchool(tx, personId, schoolId)
}

export async function declineOpenInvitations(tx: Executor, person: { id: string; name: string }, reason: 'deactivated', now: Date) {
  return (await declineAndTell(tx, { personId: person.id }, reason, person.name, now)).length
}
