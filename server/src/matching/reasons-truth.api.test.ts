// Issue 13 item 5: every reason names the evidence it rests on, and every claim is true. The
// development set is imported, each requesting head reads their suggestions (and "why not" for the
// labelled entries they were not shown), and each reason is checked against the tables.
import { sql } from 'drizzle-orm'
import { beforeAll, describe, expect, it } from 'vitest'
import type { Match, Reason, WhyNot } from '@ee/shared/matching'
import { importBundle, parseBundle } from '../admin/import.service.ts'
import { hashPassword } from '../auth/password.ts'
import { calendarFor } from '../calendar/calendar.service.ts'
import { queryRows } from '../db/client.ts'
import { fixedClock } from '../lib/clock.ts'
import { as, login, useTestApp } from '../../test/app.ts'
import { type Facts, falseClaims, falseExclusion, readFacts, type Subject } from '../../test/matching/reason-claims.ts'
import { EVAL_CLOCK, devSetPaths, loadBundle, loadLabels, type LabelsFile } from './eval/offline-eval.ts'

const t = useTestApp({ clock: fixedClock(EVAL_CLOCK) })
const paths = devSetPaths(process.env.EE_SHARED_DIR)
const EVAL_PASSWORD = 'eval-password-1'

let ids: Record<string, string>
let labels: LabelsFile
let bundle: ReturnType<typeof loadBundle>
let trustId: string
const tokens = new Map<string, string>()

async function tokenFor(personRef: string): Promise<string> {
  const known = tokens.get(personRef)
  if (known) return known
  const person = bundle.people.find((p) => p.ref === personRef)!
  const token = await login(t.app, person.email, EVAL_PASSWORD)
  tokens.set(personRef, token)
  return token
}

const refOfPerson = (id: string) => Object.entries(ids).find(([, v]) => v === id)?.[0]

beforeAll(async () => {
  bundle = loadBundle(paths.bundlePath)
  labels = loadLabels(paths.labelsPath)
  // Imported without passwords, then given one hash: 151 argon2 hashes inside the import's transaction
  // can outlast the idle-in-transaction limit on a busy machine.
  const parsed = parseBundle({ ...bundle, people: bundle.people.map(({ password: _password, ...p }) => p) })
  if (!parsed.ok) throw new Error(`the development bundle is not valid: ${JSON.stringify(parsed.errors.slice(0, 3))}`)
  ids = await importBundle(t.app.db, parsed.bundle)
  const [row] = await queryRows<{ trust_id: string }>(t.app.db, sql`select trust_id from requests where id = ${ids['r-01']!}`)
  trustId = row!.trust_id
  const hash = await hashPassword(EVAL_PASSWORD)
  await t.app.db.execute(sql`update people set password_hash = ${hash} where trust_id = ${trustId}`)
}, 120_000)

async function facts(): Promise<Facts> {
  return readFacts(t.app.db, trustId, await calendarFor(t.app.db, trustId), EVAL_CLOCK)
}

interface Reading {
  problems: string[]
  checked: number
  kinds: Map<string, number>
  /** Availability reasons that count days already committed in the term. */
  withCommitted: number
  /** Track records earned (partly) in an area next to the one asked for. */
  relatedTrack: number
  /** Hard rules "why not" named, by rule. */
  exclusions: Map<string, number>
  suggestions: Map<string, Match[]>
}

/** Every head reads their suggestions and asks "why not" about up to three labelled entries they were not shown. */
async function readEveryReason(data: Facts): Promise<Reading> {
  const reading: Reading = { problems: [], checked: 0, kinds: new Map(), withCommitted: 0, relatedTrack: 0, exclusions: new Map(), suggestions: new Map() }
  const check = (subject: Subject, reason: Reason) => {
    reading.checked += 1
    reading.kinds.set(reason.evidence.kind, (reading.kinds.get(reason.evidence.kind) ?? 0) + 1)
    if (reason.evidence.kind === 'availability' && reason.evidence.committedDays > 0) reading.withCommitted += 1
    if (reason.evidence.kind === 'trackRecord' && reason.evidence.earnedIn.some((g) => !g.asked.includes(g.area))) reading.relatedTrack += 1
    reading.problems.push(...falseClaims(data, subject, reason).map((p) => `${subject.requestId} / ${subject.expertiseId}: ${p}`))
  }
  for (const [ref, label] of Object.entries(labels.requests)) {
    const request = bundle.requests.find((r) => r.ref === ref)!
    const head = as(t.app, await tokenFor(request.raisedBy))
    const requestId = ids[ref]!
    const res = await head({ method: 'GET', url: `/api/requests/${requestId}/matches?limit=10` })
    if (res.statusCode === 409) continue // commissioned since: no suggestions to read
    expect(res.statusCode, res.body).toBe(200)
    const matches = res.json<Match[]>()
    reading.suggestions.set(ref, matches)
    for (const m of matches) {
      expect(m.reasons).toEqual(m.reasonDetails.map((r) => r.text))
      for (const reason of m.reasonDetails) {
        check({ requestId, expertiseId: m.expertise.id, side: 'for' }, reason)
        if (reason.evidence.kind === 'distance') expect(reason.evidence.km).toBe(m.school.distanceKm)
      }
    }
    const shown = new Set(matches.map((m) => m.expertise.id))
    const notShown = Object.entries(label.graded)
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .map(([e]) => ids[e]!)
      .filter((id) => !shown.has(id))
      .slice(0, 3)
    for (const expertiseId of notShown) {
      const why = await head({ method: 'GET', url: `/api/requests/${requestId}/why-not?expertise=${expertiseId}` })
      expect(why.statusCode, why.body).toBe(200)
      for (const entry of why.json<WhyNot>().entries) {
        for (const x of entry.exclusions) {
          reading.exclusions.set(x.rule, (reading.exclusions.get(x.rule) ?? 0) + 1)
          reading.problems.push(...falseExclusion(data, { requestId, expertiseId: entry.expertiseId }, x).map((p) => `${requestId} / ${entry.expertiseId}: ${p}`))
        }
        expect(entry.reasons).toEqual(entry.reasonDetails.map((r) => r.text))
        for (const reason of entry.reasonDetails) check({ requestId, expertiseId: entry.expertiseId, side: 'for' }, reason)
        for (const w of entry.weakSignals) check({ requestId, expertiseId: entry.expertiseId, side: 'against' }, { text: w.reason, evidence: w.evidence })
      }
    }
  }
  return reading
}

describe('reasons that are true (issue 13, item 5)', () => {
  it('When every head reads every reason on the development set, then each names its evidence and every claim holds against the data', async () => {
    const reading = await readEveryReason(await facts())
    expect(reading.problems).toEqual([])
    expect(reading.suggestions.size).toBe(30)
    for (const kind of ['title', 'areas', 'phases', 'modes', 'words', 'distance', 'trackRecord', 'availability']) {
      expect(reading.kinds.get(kind) ?? 0, `no ${kind} reason was read`).toBeGreaterThan(0)
    }
    expect(reading.relatedTrack, 'no rating earned in a neighbouring area was read').toBeGreaterThan(0)
    for (const rule of ['same_school', 'no_days_free', 'conflict_of_interest']) {
      expect(reading.exclusions.get(rule) ?? 0, `no ${rule} rule was read`).toBeGreaterThan(0)
    }
    expect(reading.checked).toBeGreaterThan(1500)
  }, 120_000)

  it('When days are already committed in the term, then the free days and load that reasons name still add up', async () => {
    const before = await readEveryReason(await facts())
    // Six heads commission their top suggestion for as many days as the expert has free, up to five.
    for (const ref of Object.keys(labels.requests).slice(0, 6)) {
      const top = before.suggestions.get(ref)?.[0]
      if (!top) continue
      const expertRef = refOfPerson(top.person.id)!
      const expert = as(t.app, await tokenFor(expertRef))
      const offered = await expert({
        method: 'POST', url: `/api/requests/${ids[ref]}/offers`,
        payload: { expertiseId: top.expertise.id, message: 'I can help with this, in school and alongside your staff.', days: Math.min(top.expertise.freeDays, 5) },
      })
      expect(offered.statusCode, offered.body).toBe(201)
      const head = as(t.app, await tokenFor(bundle.requests.find((r) => r.ref === ref)!.raisedBy))
      const accepted = await head({ method: 'POST', url: `/api/offers/${offered.json<{ id: string }>().id}/accept`, payload: {} })
      expect(accepted.statusCode, accepted.body).toBe(200)
    }
    const after = await readEveryReason(await facts())
    expect(after.problems).toEqual([])
    expect(after.withCommitted, 'no reason counted days already committed').toBeGreaterThan(0)
    expect(after.kinds.get('load') ?? 0, 'no reason named the days an expert or school is already giving').toBeGreaterThan(0)
  }, 120_000)
})
