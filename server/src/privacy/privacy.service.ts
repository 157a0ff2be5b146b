import type { Role } from '@ee/shared/common'
import { type ErasePersonBody, type Erasure, FORMER_COLLEAGUE, REMOVED_TEXT, type SubjectAccessExport, erasedEmail } from '@ee/shared/privacy'
import type { Db, Executor } from '../db/client.ts'
import { inTransaction } from '../db/transaction.ts'
import { noteExpertAvailability } from '../engagements/leavers.service.ts'
import { declineOpenInvitations } from '../expertise/expertise.service.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertCan, can, requestTitleFor } from '../lib/policy.ts'
import { conflict, invalid, notFound } from '../lib/problem.ts'
import {
  type SubjectRow, deleteReplaysQuoting, deleteRowsOf, erasePersonRow, findActedWords, findAuditAbout, findAuditCopies, findEmailsTo, findEngagementsOf, findExpertiseOf,
  findExtensionsBy, findLogsBy, findNotificationsTo, findObjectsActedOn, findOffersOf, findPreferencesOf, findRequestsRaisedBy, findSubject,
  removeWordsOf, rewriteTexts, setAuditDetails,
} from './privacy.repo.ts'
import { MIN_COPIED_TEXT, type Needle, scrubber } from './scrub.ts'

const iso = (d: Date | null) => d?.toISOString() ?? null
/** What an administrator's download shows instead of the words of someone's notifications and e-mails (they can quote confidential requests). */
export const SHOWN_TO_THEM_ONLY = 'Shown only in their own download.'

/** Everything the product holds about the signed-in person (UK GDPR article 15). */
export async function exportMyData(db: Db, actor: Actor, now: Date): Promise<SubjectAccessExport> {
  return inTransaction(db, async (tx) => buildExport(tx, actor, (await findSubject(tx, actor.id)) ?? notFound('person'), now))
}

/** The same, for a named person of the administrator's trust: a subject access request answered for them. */
export async function exportPersonData(db: Db, actor: Actor, personId: string, now: Date): Promise<SubjectAccessExport> {
  return inTransaction(db, async (tx) => {
    const subject = (await findSubject(tx, personId)) ?? notFound('person')
    assertCan(actor, 'person.export', subject, 'person')
    const data = await buildExport(tx, actor, subject, now)
    await audit(tx, actor, { action: 'person.exported', objectType: 'person', objectId: subject.id })
    return data
  })
}

/**
 * Their own words always; other people's words as the reader may read them on the product's own pages
 * (policy.ts), so an administrator's download holds no confidential request's words.
 */
async function buildExport(tx: Executor, reader: Actor, s: SubjectRow, now: Date): Promise<SubjectAccessExport> {
  const self = reader.id === s.id
  const [entries, raised, offered, worked, logs, extensions, inbox, emails, preferences, events] = [
    await findExpertiseOf(tx, s.id), await findRequestsRaisedBy(tx, s.id), await findOffersOf(tx, s.id), await findEngagementsOf(tx, s.id),
    await findLogsBy(tx, s.id), await findExtensionsBy(tx, s.id), await findNotificationsTo(tx, s.id), await findEmailsTo(tx, s.email),
    await findPreferencesOf(tx, s.id), await findAuditAbout(tx, s.id),
  ]
  return {
    generatedAt: now.toISOString(),
    requestedBy: self ? 'self' : 'admin',
    person: {
      id: s.id, name: s.name, email: s.email, role: s.role as Role, trustName: s.trustName, schoolName: s.schoolName, active: s.active, paused: s.pausedAt !== null,
      lastActiveAt: iso(s.lastActiveAt), createdAt: s.createdAt.toISOString(),
    },
    expertise: entries.map((e) => ({
      id: e.id, title: e.title, summary: e.summary, evidence: e.evidence, areas: e.areas, subjects: e.subjects, phases: e.phases, modes: e.modes,
      capacityDaysPerTerm: e.capacityDaysPerTerm, active: e.active, archivedAt: iso(e.archivedAt), createdAt: e.createdAt.toISOString(), updatedAt: e.updatedAt.toISOString(),
    })),
    requests: raised.map((r) => ({
      id: r.id, title: r.title, problem: r.problem, tried: r.tried, outcome: r.outcome, status: r.status, confidentiality: r.confidentiality,
      windowStart: r.windowStart, windowEnd: r.windowEnd, createdAt: r.createdAt.toISOString(),
    })),
    offers: offered.map(({ offer: o, request: r }) => ({
      id: o.id, requestId: r.id, status: o.status, message: o.message, days: o.days, createdAt: o.createdAt.toISOString(),
      requestTitle: requestTitleFor(reader, r, 'request.readText', { ...r, confidentiality: r.confidentiality as 'trust' | 'invited', participantIds: [s.id] }),
    })),
    engagements: worked.map(({ engagement: g, request: r }) => {
      const object = { trustId: g.trustId, expertId: g.expertId, receiverSchoolId: g.receiverSchoolId, providerSchoolId: g.providerSchoolId }
      const readable = can(reader, 'engagement.readText', object)
      const part = g.expertId === s.id ? 'expert' : r.raisedById === s.id ? 'receiving headteacher' : 'providing headteacher'
      return {
        id: g.id, part, status: g.status, release: g.release, days: g.days, deliveredDays: g.deliveredDays, startedAt: g.startedAt, completedAt: iso(g.completedAt), impact: g.impact,
        requestTitle: requestTitleFor(reader, r, 'engagement.readText', object),
        expertReflection: part === 'expert' || readable ? g.expertReflection : null,
        headReflection: part === 'receiving headteacher' || readable ? g.headReflection : null,
      } as const
    }),
    sessionLogs: logs.map((l) => ({ id: l.id, engagementId: l.engagementId, date: l.date, days: l.days, note: l.note, createdAt: l.createdAt.toISOString() })),
    extensions: extensions.map((x) => ({ id: x.id, engagementId: x.engagementId, days: x.days, reason: x.reason, status: x.status, createdAt: x.createdAt.toISOString() })),
    notifications: inbox.map((n) => ({
      id: n.id, kind: n.kind, link: n.link, readAt: iso(n.readAt), createdAt: n.createdAt.toISOString(),
      title: self ? n.title : SHOWN_TO_THEM_ONLY, body: self ? n.body : SHOWN_TO_THEM_ONLY,
    })),
    emails: emails.map((m) => ({ subject: self ? m.subject : SHOWN_TO_THEM_ONLY, text: self ? m.text : SHOWN_TO_THEM_ONLY, sentAt: iso(m.sentAt), createdAt: m.createdAt.toISOString() })),
    notificationPreferences: preferences,
    // A refused attempt may name another school's or trust's object: its id is not repeated back.
    auditEvents: events.map((e) => ({
      action: e.action, objectType: e.objectType, objectId: e.outcome === 'denied' ? null : e.objectId, outcome: e.outcome, byThisPerson: e.actorId === s.id, detail: e.detail ?? null, createdAt: e.createdAt.toISOString(),
    })),
  }
}

/**
 * The administrator erases a person (UK GDPR article 17): one transaction. They are deactivated as a
 * leaver is (signed out, open invitations declined), then their name becomes "A former colleague", their
 * e-mail a placeholder, their password and links go, and every word they wrote is replaced, here and
 * wherever it was copied (notifications, e-mails, audit details, cases, colleagues' words naming them).
 * Rows, counts, days and flows stay; the other side of each piece of work keeps its words.
 */
export async function erasePerson(db: Db, actor: Actor, personId: string, body: ErasePersonBody, now: Date): Promise<Erasure> {
  return inTransaction(db, async (tx) => {
    const s = (await findSubject(tx, personId, true)) ?? notFound('person')
    assertCan(actor, 'person.erase', s, 'person')
    if (s.erasedAt) conflict('This person has already been erased.')
    if (s.id === actor.id) conflict('You cannot erase yourself. Ask another trust administrator to do it.')
    if (body.confirmName.toLocaleLowerCase() !== s.name.trim().toLocaleLowerCase()) {
      invalid([{ path: 'confirmName', message: `Type their name exactly as it is shown: ${s.name}` }], 'The name typed does not match, so nothing was erased.')
    }
    if (s.active) await declineOpenInvitations(tx, { id: s.id, name: s.name }, 'deactivated', now)

    const acted = await findObjectsActedOn(tx, s.id, ['offer.invited', 'engagement.completed', 'engagement.cancelled'])
    const objectsOf = (action: string) => acted.filter((a) => a.action === action).map((a) => a.objectId)
    const authored = { personId: s.id, invitedOfferIds: objectsOf('offer.invited'), completedIds: objectsOf('engagement.completed'), cancelledIds: objectsOf('engagement.cancelled') }
    const words = [...(await wordsOf(tx, s.id)), ...(await findActedWords(tx, s.id, authored))]
    const identity: Needle[] = [{ text: s.name, replacement: FORMER_COLLEAGUE.toLocaleLowerCase() }, { text: s.email, replacement: '[e-mail removed]' }]
    const copied: Needle[] = [...identity, ...words.filter((w) => w.trim().length >= MIN_COPIED_TEXT).map((text) => ({ text, replacement: REMOVED_TEXT }))]
    const inCopies = scrubber(copied)
    const inAuthors = scrubber(identity)

    let textsRemoved = await removeWordsOf(tx, authored, REMOVED_TEXT, now)
    textsRemoved += await rewriteTexts(tx, s.trustId, { copies: inCopies.texts, authors: inAuthors.texts }, { copies: inCopies.text, authors: inAuthors.text })
    const jsonTexts = inCopies.texts.map((t) => JSON.stringify(t).slice(1, -1))
    const audited = await findAuditCopies(tx, s.trustId, jsonTexts)
    textsRemoved += await setAuditDetails(tx, audited.map((a) => ({ id: a.id, detail: inCopies.json(a.detail) })))
    let rowsDeleted = await deleteRowsOf(tx, s.id, s.email, s.trustId)
    rowsDeleted += await deleteReplaysQuoting(tx, s.trustId, jsonTexts)
    await erasePersonRow(tx, s.id, { name: FORMER_COLLEAGUE, email: erasedEmail(s.id), now })
    // Work they had under way is marked as a leaver's, and both heads told, under their new name.
    await noteExpertAvailability(tx, actor, s.id, now)
    await audit(tx, actor, { action: 'person.erased', objectType: 'person', objectId: s.id, detail: { textsRemoved, rowsDeleted } })
    return { id: s.id, name: FORMER_COLLEAGUE, erasedAt: now.toISOString(), textsRemoved, rowsDeleted }
  })
}

/** Everything the person wrote, to find where it was copied. */
async function wordsOf(tx: Executor, personId: string): Promise<string[]> {
  const [entries, raised, offered, worked, logs, extensions] = [
    await findExpertiseOf(tx, personId), await findRequestsRaisedBy(tx, personId), await findOffersOf(tx, personId), await findEngagementsOf(tx, personId),
    await findLogsBy(tx, personId), await findExtensionsBy(tx, personId),
  ]
  return [
    ...entries.flatMap((e) => [e.title, e.summary, e.evidence]),
    ...raised.flatMap((r) => [r.title, r.problem, r.tried, r.outcome]),
    ...offered.map((o) => o.offer.message),
    ...worked.flatMap((w) => (w.engagement.expertId === personId ? [w.engagement.expertReflection ?? ''] : [])),
    ...logs.map((l) => l.note),
    ...extensions.map((x) => x.reason),
  ]
}
