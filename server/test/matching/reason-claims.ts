// Checks the claims of matching's reasons against the database, independently of the engine: each
// reason's evidence must be what the data says, and its words must say what the evidence says.
import { sql } from 'drizzle-orm'
import type { Evidence, Reason } from '@ee/shared/matching'
import { queryRows, type Executor } from '../../src/db/client.ts'
import type { Calendar } from '../../src/lib/calendar.ts'
import { areaLabel, MODE_WORDS, PHASE_WORDS } from '../../src/matching/text/wording.ts'

type Term = 'autumn' | 'spring' | 'summer'

export interface Facts {
  now: string
  calendar: Calendar
  areaNames: Record<string, string>
  /** Area slug → its strand's slug (a strand is its own). */
  strandOf: Map<string, string>
  schools: Map<string, { name: string; lat: number; lng: number; clusterId: string | null }>
  entries: Map<string, {
    personId: string; schoolId: string | null; title: string; summary: string; capacity: number; termDays: Record<Term, number | null>
    phases: string[]; modes: string[]; subjects: string[]; areas: string[]
  }>
  people: Map<string, { lastActiveAt: string | null }>
  requests: Map<string, { schoolId: string; areas: string[]; phases: string[]; modes: string[]; subjects: string[]; daysPerExpert: number; window: { start: string; end: string } }>
  engagements: {
    requestId: string; expertId: string; expertiseId: string; providerSchoolId: string | null; receiverSchoolId: string; status: string; release: string; impact: number | null
    areas: string[]; charges: { termStart: string; days: number }[]
  }[]
}

/** Everything the claims are checked against, read straight from the tables. */
export async function readFacts(db: Executor, trustId: string, calendar: Calendar, now: string): Promise<Facts> {
  const areaRows = await queryRows<{ slug: string; name: string; parent: string | null }>(
    db, sql`select a.slug, a.name, p.slug as parent from areas a left join areas p on p.id = a.parent_id where a.trust_id = ${trustId}`)
  const schoolRows = await queryRows<{ id: string; name: string; lat: number; lng: number; cluster_id: string | null }>(
    db, sql`select id, name, lat, lng, cluster_id from schools where trust_id = ${trustId}`)
  const entryRows = await queryRows<{
    id: string; person_id: string; school_id: string | null; title: string; summary: string; capacity_days_per_term: number
    autumn_days: number | null; spring_days: number | null; summer_days: number | null; phases: string[]; modes: string[]; subjects: string[]; areas: string[] | null
  }>(db, sql`select e.id, e.person_id, e.school_id, e.title, e.summary, e.capacity_days_per_term, e.autumn_days, e.spring_days, e.summer_days,
        e.phases, e.modes, e.subjects,
        (select array_agg(a.slug) from expertise_areas ea join areas a on a.id = ea.area_id where ea.expertise_id = e.id) as areas
      from expertise e where e.trust_id = ${trustId}`)
  const peopleRows = await queryRows<{ id: string; last_active_at: string | Date | null }>(db, sql`select id, last_active_at from people where trust_id = ${trustId}`)
  const requestRows = await queryRows<{
    id: string; school_id: string; phases: string[]; modes: string[]; subjects: string[]; days_per_expert: number
    window_start: string; window_end: string; areas: string[] | null
  }>(db, sql`select r.id, r.school_id, r.phases, r.modes, r.subjects, r.days_per_expert,
        to_char(r.window_start, 'YYYY-MM-DD') as window_start, to_char(r.window_end, 'YYYY-MM-DD') as window_end,
        (select array_agg(a.slug) from request_areas ra join areas a on a.id = ra.area_id where ra.request_id = r.id) as areas
      from requests r where r.trust_id = ${trustId}`)
  const engagementRows = await queryRows<{
    request_id: string; expert_id: string; expertise_id: string; provider_school_id: string | null; receiver_school_id: string; status: string; release: string
    impact: number | null; areas: string[] | null; charges: { termStart: string; days: number }[] | null
  }>(db, sql`select g.request_id, g.expert_id, g.expertise_id, g.provider_school_id, g.receiver_school_id, g.status, g.release, g.impact,
        (select array_agg(a.slug) from request_areas ra join areas a on a.id = ra.area_id where ra.request_id = g.request_id) as areas,
        (select json_agg(json_build_object('termStart', to_char(et.term_start, 'YYYY-MM-DD'), 'days', et.days)) from engagement_terms et where et.engagement_id = g.id) as charges
      from engagements g where g.trust_id = ${trustId}`)
  return {
    now,
    calendar,
    areaNames: Object.fromEntries(areaRows.map((a) => [a.slug, a.name])),
    strandOf: new Map(areaRows.map((a) => [a.slug, a.parent ?? a.slug])),
    schools: new Map(schoolRows.map((s) => [s.id, { name: s.name, lat: s.lat, lng: s.lng, clusterId: s.cluster_id }])),
    entries: new Map(entryRows.map((e) => [e.id, {
      personId: e.person_id, schoolId: e.school_id, title: e.title, summary: e.summary, capacity: e.capacity_days_per_term,
      termDays: { autumn: e.autumn_days, spring: e.spring_days, summer: e.summer_days },
      phases: e.phases, modes: e.modes, subjects: e.subjects, areas: e.areas ?? [],
    }])),
    people: new Map(peopleRows.map((p) => [p.id, { lastActiveAt: p.last_active_at === null ? null : new Date(p.last_active_at).toISOString() }])),
    requests: new Map(requestRows.map((r) => [r.id, {
      schoolId: r.school_id, areas: r.areas ?? [], phases: r.phases, modes: r.modes, subjects: r.subjects, daysPerExpert: r.days_per_expert,
      window: { start: r.window_start, end: r.window_end },
    }])),
    engagements: engagementRows.map((g) => ({
      requestId: g.request_id, expertId: g.expert_id, expertiseId: g.expertise_id, providerSchoolId: g.provider_school_id, receiverSchoolId: g.receiver_school_id,
      status: g.status, release: g.release,
      impact: g.impact, areas: g.areas ?? [], charges: g.charges ?? [],
    })),
  }
}

/** Great-circle distance, written out here so the check does not lean on the engine's own. */
function kmBetween(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180
  const h = Math.sin(((b.lat - a.lat) * rad) / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(((b.lng - a.lng) * rad) / 2) ** 2
  return 2 * 6371.0088 * Math.asin(Math.min(1, Math.sqrt(h)))
}

const sameSet = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join('|') === [...b].sort().join('|')
const round1 = (x: number) => Math.round(x * 10) / 10
const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`
const normalise = (s: string) => s.toLowerCase().replace(/[’']/g, '').replace(/[^a-z0-9]+/g, ' ').trim()
/** Committing engagements: neither cancelled nor refused release (they hold days). */
const committing = (g: Facts['engagements'][number]) => g.status !== 'cancelled' && g.release !== 'refused'

export interface Subject {
  requestId: string
  expertiseId: string
  /** A reason for a suggestion, or a weak signal of "why not" (its words point the other way). */
  side: 'for' | 'against'
}

/** What is false about one reason; empty when every claim holds. */
export function falseClaims(facts: Facts, subject: Subject, reason: Reason): string[] {
  const request = facts.requests.get(subject.requestId)
  const entry = facts.entries.get(subject.expertiseId)
  if (!request || !entry) return [`unknown request or entry for "${reason.text}"`]
  const problems: string[] = []
  const claim = (ok: boolean, what: string) => {
    if (!ok) problems.push(`"${reason.text}": ${what}`)
  }
  const says = (words: string) => claim(reason.text.includes(words), `does not say "${words}"`)
  const area = (slug: string) => areaLabel(slug, facts.areaNames)
  const strand = (slug: string) => facts.strandOf.get(slug) ?? slug
  const related = (a: string, b: string) => a === b || strand(a) === strand(b)
  const termClaim = (term: { label: string; start: string; end: string }) => {
    const real = facts.calendar.termOf(term.start)
    claim(real.start === term.start && real.end === term.end && real.label === term.label, `${term.label} ${term.start}–${term.end} is not a term of the trust's calendar`)
    claim(term.start <= request.window.end && request.window.start <= term.end, `${term.label} is not a term of the request's window`)
    says(term.label)
    return real
  }
  const e: Evidence = reason.evidence
  switch (e.kind) {
    case 'title':
      claim(e.title === entry.title, 'not the entry\'s title')
      claim(reason.text.length > 0 && entry.title.startsWith(reason.text), 'not the lead of the entry\'s title')
      break
    case 'areas':
      claim(sameSet(e.entry, entry.areas), `the entry's areas are ${entry.areas.join(', ')}`)
      claim(sameSet(e.asked, request.areas), `the request's areas are ${request.areas.join(', ')}`)
      if (subject.side === 'for') claim(e.matched.length > 0, 'names no matching area')
      for (const m of e.matched) {
        claim(entry.areas.includes(m.area), `${m.area} is not one of the entry's areas`)
        claim(m.asked.length > 0 && m.asked.every((a) => request.areas.includes(a)), `${m.asked.join(', ')} not all asked for`)
        if (m.asked.includes(m.area)) claim(sameSet(m.asked, [m.area]), `${m.area} is asked for, yet matched to others`)
        else {
          claim(!request.areas.includes(m.area), `${m.area} is asked for, yet called related`)
          claim(m.asked.every((a) => related(a, m.area)), `${m.area} is not in the strand of ${m.asked.join(', ')}`)
        }
        says(area(m.area))
      }
      if (subject.side === 'for') {
        const exact = e.matched.every((m) => m.asked.includes(m.area))
        claim(reason.text.startsWith('Covers') === exact, exact ? 'areas asked for, but not said to be covered' : 'related areas said to be covered')
        for (const a of new Set(e.matched.flatMap((m) => m.asked))) says(area(a))
      } else {
        for (const a of [...e.entry, ...e.asked]) says(area(a))
      }
      break
    case 'phases':
      claim(sameSet(e.entry, entry.phases), `the entry's phases are ${entry.phases.join(', ')}`)
      claim(sameSet(e.asked, request.phases), `the request's phases are ${request.phases.join(', ')}`)
      claim(e.named.every((p) => entry.phases.includes(p)), 'names a phase the entry does not have')
      if (subject.side === 'for') {
        claim(e.named.length > 0, 'names no phase')
        if (e.fit === 'same') claim(e.named.every((p) => request.phases.includes(p)), 'a phase called the same is not asked for')
        else claim(e.named.every((p) => !request.phases.includes(p)), 'a phase asked for is called another')
      } else {
        claim(sameSet(e.named, entry.phases), 'does not name every phase of the entry')
        claim((e.fit === 'same') === entry.phases.some((p) => request.phases.includes(p)), `fit ${e.fit} is wrong`)
        for (const p of request.phases) says(PHASE_WORDS[p as keyof typeof PHASE_WORDS])
      }
      for (const p of e.named) says(PHASE_WORDS[p])
      break
    case 'modes':
      claim(sameSet(e.entry, entry.modes), `the entry's modes are ${entry.modes.join(', ')}`)
      claim(sameSet(e.asked, request.modes), `the request's modes are ${request.modes.join(', ')}`)
      claim(e.named.length > 0 && e.named.every((m) => request.modes.includes(m)), 'names a kind of help not asked for')
      claim(e.named.every((m) => entry.modes.includes(m) === (subject.side === 'for')), subject.side === 'for' ? 'names a kind of help not offered' : 'says an offered kind of help is missing')
      for (const m of e.named) says(MODE_WORDS[m])
      break
    case 'subjects':
      claim(sameSet(e.entry, entry.subjects), `the entry's subjects are ${entry.subjects.join(', ')}`)
      claim(sameSet(e.asked, request.subjects), `the request's subjects are ${request.subjects.join(', ')}`)
      break
    case 'words': {
      const own = ` ${normalise(`${entry.title} ${entry.summary}`)} `
      claim(e.phrases.length > 0, 'quotes nothing')
      for (const phrase of e.phrases) {
        claim(own.includes(` ${normalise(phrase)} `), `the entry's title and summary do not say "${phrase}"`)
        says(phrase)
      }
      break
    }
    case 'text':
      claim(e.fit >= 0 && e.fit <= 1, 'text fit out of range')
      break
    case 'distance': {
      const from = facts.schools.get(request.schoolId)!
      const to = entry.schoolId === null ? undefined : facts.schools.get(entry.schoolId)
      claim(e.from.id === request.schoolId && e.from.name === from.name, `distance not from the requesting school, ${from.name}`)
      claim(to !== undefined && e.to.id === entry.schoolId && e.to.name === to.name, 'distance not to the expert\'s school')
      if (to === undefined) break
      const km = kmBetween(from, to)
      claim(e.km === round1(km), `${e.km} km, but the schools are ${round1(km)} km apart`)
      const shown = round1(km) // the card's figure (Match.school.distanceKm), which it rounds again to whole kilometres
      says(`${to.name} is ${shown < 1 ? 'under 1 km' : `${Math.round(shown)} km`} from ${from.name}`)
      const sameCluster = from.clusterId !== null && from.clusterId === to.clusterId
      claim(e.sameCluster === sameCluster, sameCluster ? 'the schools share a cluster' : 'the schools are in different clusters')
      claim(reason.text.includes('in your cluster') === sameCluster, 'says the wrong thing about the cluster')
      break
    }
    case 'trackRecord': {
      const rated = facts.engagements.filter((g) => g.expertId === entry.personId && g.status === 'completed' && g.impact !== null && g.release !== 'refused')
      const counted = rated.filter((g) => g.areas.some((b) => request.areas.some((a) => related(a, b))))
      const inAsked = rated.filter((g) => g.areas.some((b) => request.areas.includes(b)))
      claim(e.count === counted.length, `${e.count} engagements, but ${counted.length} rated ones are in or next to the areas asked for`)
      const mean = counted.length === 0 ? null : round1(counted.reduce((s, g) => s + g.impact!, 0) / counted.length)
      claim(e.meanImpact === mean, `mean ${e.meanImpact}, but the ratings average ${mean}`)
      claim(e.earnedIn.reduce((s, g) => s + g.count, 0) === e.count, 'the areas do not add up to the count')
      const exactCount = e.earnedIn.filter((g) => g.asked.includes(g.area)).reduce((s, g) => s + g.count, 0)
      claim(exactCount === inAsked.length, `${exactCount} said to be earned in areas asked for, but ${inAsked.length} were`)
      for (const g of e.earnedIn) {
        const there = counted.filter((x) => x.areas.includes(g.area)).length
        claim(g.count > 0 && g.count <= there, `${g.count} said to be earned in ${g.area}, but ${there} were`)
        if (g.asked.includes(g.area)) claim(request.areas.includes(g.area) && sameSet(g.asked, [g.area]), `${g.area} is not asked for`)
        else {
          claim(!request.areas.includes(g.area), `${g.area} is asked for, yet called related`)
          claim(g.asked.length > 0 && g.asked.every((a) => request.areas.includes(a) && related(a, g.area)), `${g.area} is not next to ${g.asked.join(', ')}`)
          says(`${area(g.area)} (an area next to`)
        }
        says(area(g.area))
      }
      if (mean === null) says('No rated past engagements')
      else {
        says(`Rated ${mean.toFixed(1)} out of 5`)
        says(`${e.count} past ${e.count === 1 ? 'engagement' : 'engagements'}`)
      }
      break
    }
    case 'availability': {
      const term = termClaim(e.term)
      const capacity = entry.termDays[term.name] ?? entry.capacity
      const committed = facts.engagements
        .filter((g) => g.expertiseId === subject.expertiseId && committing(g))
        .reduce((s, g) => s + g.charges.filter((c) => c.termStart === term.start).reduce((n, c) => n + c.days, 0), 0)
      claim(e.capacityDays === capacity, `capacity ${e.capacityDays}, but the entry gives ${capacity} in ${term.label}`)
      claim(e.committedDays === committed, `${e.committedDays} committed, but ${committed} are in ${term.label}`)
      claim(e.freeDays === Math.max(0, capacity - committed), `${e.freeDays} free, but ${capacity} − ${committed}`)
      claim(e.askedDays === request.daysPerExpert, `the request asks for ${request.daysPerExpert}`)
      says(`${days(e.freeDays)} free in ${term.label}`)
      break
    }
    case 'load': {
      const term = termClaim(e.term)
      const inTerm = (g: Facts['engagements'][number]) => g.charges.filter((c) => c.termStart === term.start).reduce((n, c) => n + c.days, 0)
      const expertDays = facts.engagements.filter((g) => g.expertId === entry.personId && committing(g)).reduce((s, g) => s + inTerm(g), 0)
      const schoolDays = facts.engagements.filter((g) => g.providerSchoolId === entry.schoolId && committing(g)).reduce((s, g) => s + inTerm(g), 0)
      claim(e.expertDays === expertDays, `${e.expertDays} days by the expert, but ${expertDays} in ${term.label}`)
      claim(e.schoolDays === schoolDays, `${e.schoolDays} days by the school, but ${schoolDays} in ${term.label}`)
      if (reason.text.startsWith('Their school')) says(`giving ${days(schoolDays)}`)
      else says(`giving ${days(expertDays)}`)
      break
    }
    case 'lastActive': {
      const seen = facts.people.get(entry.personId)?.lastActiveAt ?? null
      claim(seen !== null && Date.parse(seen) === Date.parse(e.lastActiveAt), `last active ${seen}`)
      const months = seen === null ? -1 : Math.floor(Math.floor((Date.parse(facts.now) - Date.parse(seen)) / 86_400_000) / 30)
      claim(e.months === months, `${e.months} months, but ${months}`)
      says(`${e.months} ${e.months === 1 ? 'month' : 'months'} ago`)
      break
    }
  }
  return problems
}

/** What is false about one rule "why not" says keeps an entry out; empty when it holds. */
export function falseExclusion(facts: Facts, subject: Omit<Subject, 'side'>, exclusion: { rule: string; reason: string }): string[] {
  const request = facts.requests.get(subject.requestId)
  const entry = facts.entries.get(subject.expertiseId)
  if (!request || !entry) return [`unknown request or entry for "${exclusion.reason}"`]
  const problems: string[] = []
  const claim = (ok: boolean, what: string) => {
    if (!ok) problems.push(`"${exclusion.reason}": ${what}`)
  }
  switch (exclusion.rule) {
    case 'same_school':
      claim(entry.schoolId === request.schoolId, 'the expert works at another school')
      break
    case 'no_days_free': {
      const named = /in ((?:Autumn|Spring|Summer) \d{4})$/.exec(exclusion.reason)?.[1]
      const terms = facts.calendar.termsCovering(request.window)
      const term = terms.find((t) => t.label === named)
      claim(term !== undefined, `names ${named ?? 'no term'}, not a term of the request's window`)
      if (term === undefined) break
      const capacity = entry.termDays[term.name] ?? entry.capacity
      const committed = facts.engagements
        .filter((g) => g.expertiseId === subject.expertiseId && committing(g))
        .reduce((s, g) => s + g.charges.filter((c) => c.termStart === term.start).reduce((n, c) => n + c.days, 0), 0)
      claim(capacity - committed <= 0, `${capacity - committed} days are free in ${term.label}`)
      break
    }
    case 'conflict_of_interest': {
      const named = request.areas.filter((a) => exclusion.reason.includes(areaLabel(a, facts.areaNames)))
      const worked = facts.engagements.filter((g) =>
        g.expertId === entry.personId && g.release !== 'refused' && g.receiverSchoolId === request.schoolId && g.requestId !== subject.requestId)
      claim(request.modes.includes('feedback'), 'the request does not ask for independent feedback')
      claim(named.length > 0 && named.every((a) => worked.some((g) => g.areas.includes(a))), 'the expert has not worked with the school in the areas named')
      break
    }
    default:
      break
  }
  return problems
}
