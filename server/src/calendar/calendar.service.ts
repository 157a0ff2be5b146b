import { and, eq, sql } from 'drizzle-orm'
import type { CalendarYear, PutCalendarYearBody } from '@ee/shared/calendar'
import type { Db, Executor } from '../db/client.ts'
import { engagementTerms, engagements, trustClosures, trustTerms, trusts } from '../db/schema/index.ts'
import type { Actor } from '../lib/actor.ts'
import { audit } from '../lib/audit.ts'
import { assertRole } from '../lib/policy.ts'
import { invalid } from '../lib/problem.ts'
import { Calendar, type YearDates } from '../lib/calendar.ts'
import { type TermName, academicYearContaining, academicYearLabel } from '../lib/default-calendar.ts'
import { calendarYearProblems } from './validate.ts'

/**
 * Each trust's calendar, kept in memory: read on almost every request that counts days, changed a
 * few times a year. A write in this process forgets it at once; another process (WEB_CONCURRENCY)
 * reads the change within CACHE_MS.
 */
const CACHE_MS = 60_000
const cache = new Map<string, { at: number; calendar: Promise<Calendar> }>()

export function forgetCalendar(trustId: string): void {
  cache.delete(trustId)
}

async function loadCalendar(ex: Executor, trustId: string): Promise<Calendar> {
  const [terms, closures] = [
    await ex.select().from(trustTerms).where(eq(trustTerms.trustId, trustId)).orderBy(trustTerms.start),
    await ex.select().from(trustClosures).where(eq(trustClosures.trustId, trustId)).orderBy(trustClosures.date),
  ]
  const years = new Map<number, YearDates>()
  const yearOf = (y: number) => years.get(y) ?? years.set(y, { terms: [], closures: [] }).get(y)!
  for (const t of terms) {
    yearOf(t.academicYear).terms.push({ name: t.name as TermName, start: t.start, end: t.end, halfTerm: { start: t.halfTermStart, end: t.halfTermEnd } })
  }
  for (const c of closures) yearOf(c.academicYear).closures.push({ date: c.date, label: c.label })
  // A year is the trust's own only with its three terms; closures alone never hide the default terms.
  for (const [y, dates] of years) if (dates.terms.length !== 3) years.delete(y)
  return new Calendar(years)
}

/** The calendar of a trust: its own dates where stored, England's default elsewhere. */
export function calendarFor(ex: Executor, trustId: string): Promise<Calendar> {
  const known = cache.get(trustId)
  if (known && Date.now() - known.at < CACHE_MS) return known.calendar
  const calendar = loadCalendar(ex, trustId)
  cache.set(trustId, { at: Date.now(), calendar })
  calendar.catch(() => cache.get(trustId)?.calendar === calendar && cache.delete(trustId))
  return calendar
}

function yearView(calendar: Calendar, year: number, now: Date): CalendarYear {
  const dates = calendar.yearDates(year)
  return {
    year,
    label: academicYearLabel(year),
    isDefault: dates.isDefault,
    terms: calendar.termsOfYear(year).map((t) => ({
      name: t.name, start: t.start, end: t.end, halfTerm: t.halfTerm, label: t.label, schoolDays: calendar.schoolDaysBetween(t.start, t.end),
    })),
    closures: dates.closures,
    currentYear: academicYearContaining(now.toISOString().slice(0, 10)),
  }
}

export async function getCalendarYear(db: Db, actor: Actor, year: number | undefined, now: Date): Promise<CalendarYear> {
  assertRole(actor, 'calendar.read')
  const y = year ?? academicYearContaining(now.toISOString().slice(0, 10))
  return yearView(await calendarFor(db, actor.trustId), y, now)
}

/**
 * Term dates move "this term" for flows and matching, and the term engagements are filed under: both
 * trust versions move on, and engagements filed under a term's old first day follow it to the new one.
 */
async function afterChange(tx: Executor, trustId: string, before: Calendar, after: Calendar, year: number) {
  const old = before.termsOfYear(year)
  const now = after.termsOfYear(year)
  for (const [i, t] of old.entries()) {
    const moved = now[i]!
    if (moved.start === t.start) continue
    await tx.update(engagements).set({ termStart: moved.start }).where(and(eq(engagements.trustId, trustId), eq(engagements.termStart, t.start)))
    await tx.update(engagementTerms).set({ termStart: moved.start }).where(and(eq(engagementTerms.trustId, trustId), eq(engagementTerms.termStart, t.start)))
  }
  await tx.update(trusts).set({ matchingVersion: sql`${trusts.matchingVersion} + 1`, activityVersion: sql`${trusts.activityVersion} + 1` }).where(eq(trusts.id, trustId))
}

async function replaceYear(db: Db, actor: Actor, year: number, body: PutCalendarYearBody | null, now: Date): Promise<CalendarYear> {
  assertRole(actor, 'calendar.edit')
  if (body) {
    const problems = calendarYearProblems(year, body)
    if (problems.length) invalid(problems)
  }
  const trustId = actor.trustId
  forgetCalendar(trustId)
  try {
    return await db.transaction(async (tx) => {
      // One writer per trust at a time: the trust row is locked before the calendar is read.
      await tx.select({ id: trusts.id }).from(trusts).where(eq(trusts.id, trustId)).for('update')
      const before = await loadCalendar(tx, trustId)
      await tx.delete(trustTerms).where(and(eq(trustTerms.trustId, trustId), eq(trustTerms.academicYear, year)))
      await tx.delete(trustClosures).where(and(eq(trustClosures.trustId, trustId), eq(trustClosures.academicYear, year)))
      if (body) {
        await tx.insert(trustTerms).values(body.terms.map((t) => ({
          trustId, academicYear: year, name: t.name, start: t.start, end: t.end, halfTermStart: t.halfTerm.start, halfTermEnd: t.halfTerm.end,
        })))
        if (body.closures.length) await tx.insert(trustClosures).values(body.closures.map((c) => ({ trustId, academicYear: year, date: c.date, label: c.label })))
      }
      const after = await loadCalendar(tx, trustId)
      await afterChange(tx, trustId, before, after, year)
      await audit(tx, actor, {
        action: body ? 'calendar.updated' : 'calendar.reset', objectType: 'calendar', objectId: null,
        detail: { year, ...(body ? { terms: body.terms, closures: body.closures.length } : {}) },
      })
      return yearView(after, year, now)
    })
  } finally {
    forgetCalendar(trustId)
  }
}

/** The admin replaces a year's terms and closure days. */
export const putCalendarYear = (db: Db, actor: Actor, year: number, body: PutCalendarYearBody, now: Date) => replaceYear(db, actor, year, body, now)

/** Back to England's usual dates for the year. */
export const resetCalendarYear = (db: Db, actor: Actor, year: number, now: Date) => replaceYear(db, actor, year, null, now)
