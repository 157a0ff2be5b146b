import { randomUUID } from 'node:crypto'
import { readFile } from 'node:fs/promises'
import path from 'node:path'
import Papa from 'papaparse'
import { DEFAULT_FRAMEWORK } from '@ee/shared/areas'
import type { Phase } from '@ee/shared/common'
import { hashPassword } from '../src/auth/password.ts'
import type { Db } from '../src/db/client.ts'
import { areas, expertise, expertiseAreas, people, requestAreas, requests, schools, trusts } from '../src/db/schema/index.ts'

/**
 * A national-scale database for the benchmarks: 20,000 real open schools from ../shared/data grouped
 * into their real academy trusts (maintained schools grouped by local authority), 200,000 expertise
 * entries, and one benchmark trust (the largest real MAT) holding 10,000 of them.
 */
export type NationalData = { benchTrustId: string; benchHeadEmail: string; benchRequestId: string; entries: number; schools: number }

type Row = { urn: string; name: string; phase: string; type: string; local_authority: string; postcode: string; lat: string; lng: string; trust_id: string; trust_name: string; status: string }

const PHASE_MAP: Record<string, Phase> = {
  primary: 'primary', secondary: 'secondary', 'all-through': 'all_through', middle: 'secondary', nursery: 'nursery',
  '16-plus': 'post16', special: 'special', 'alternative-provision': 'alternative_provision',
}

const TOPICS: Record<string, [title: string, words: string][]> = {
  'curriculum-design': [['Sequencing a knowledge-rich curriculum', 'curriculum sequencing progression knowledge organisers planning intent']],
  'early-years': [['Communication and language in Reception', 'early years reception speech language vocabulary play continuous provision']],
  reading: [['Reading for pleasure across the school', 'reading pleasure library class novels book talk families reading at home']],
  'early-reading-phonics': [['Systematic synthetic phonics and keep-up', 'phonics decoding keep-up phonics screening check year one blending']],
  mathematics: [['Mastery maths and fluency', 'maths mastery fluency times tables number sense reasoning manipulatives']],
  science: [['Practical science and working scientifically', 'science practical enquiry investigation working scientifically']],
  humanities: [['History and geography that builds knowledge', 'history geography humanities disciplinary knowledge fieldwork']],
  'arts-and-pe': [['Music, art and PE with high expectations', 'music art physical education pe performance sport']],
  'explicit-instruction': [['Explicit instruction and modelling', 'explicit instruction modelling worked examples cognitive load retrieval']],
  'questioning-and-feedback': [['Questioning and live feedback', 'questioning cold calling feedback whole-class feedback marking']],
  'adaptive-teaching': [['Adaptive teaching in mixed classes', 'adaptive teaching scaffolding differentiation mixed attainment']],
  'formative-assessment': [['Formative assessment that changes teaching', 'formative assessment hinge questions exit tickets responsive teaching']],
  'exams-and-moderation': [['GCSE exam preparation and moderation', 'exams gcse moderation mock examinations marking standardisation']],
  'data-and-tracking': [['Using data without drowning in it', 'data tracking assessment data analysis pupil progress']],
  'staff-development': [['Instructional coaching for teachers', 'coaching staff development cpd early career teachers mentoring']],
  'wellbeing-and-workload': [['Reducing workload and keeping staff', 'workload wellbeing retention marking policy staff turnover']],
  'families-and-community': [['Working with families', 'families parents community engagement home school']],
  'behaviour-systems': [['Calm, consistent behaviour systems', 'behaviour routines consistency corridors exclusions suspensions']],
  attendance: [['Persistent absence and attendance', 'attendance persistent absence punctuality first day calling']],
  'safeguarding-practice': [['Safeguarding culture and record keeping', 'safeguarding dsl concerns records kcsie training']],
  'online-safety': [['Online safety and digital citizenship', 'online safety social media devices digital']],
  send: [['SEND provision and the graduated approach', 'send senco graduated approach ehcp provision maps autism']],
  'disadvantaged-pupils': [['Closing gaps for disadvantaged pupils', 'disadvantaged pupil premium gaps tutoring']],
  eal: [['EAL new arrivals and language', 'eal new arrivals english additional language induction']],
  'middle-leadership': [['Developing middle leaders', 'middle leaders subject leaders department heads monitoring']],
  'senior-leadership': [['Senior leadership and school improvement', 'senior leadership school improvement strategy ofsted']],
  'governance-and-finance': [['Governance, budgets and staffing', 'governance finance budget governors staffing structures']],
}
const AREA_SLUGS = Object.keys(TOPICS)
const MODES = ['fresh_eyes', 'feedback', 'implementation', 'coaching', 'joint_practice']
const SUBJECTS = ['english', 'maths', 'science', 'history', 'geography', 'music', 'art', 'pe', 'computing', 'mfl']

/** Deterministic, so two runs measure the same database. */
function rng(seed: number) {
  let s = seed >>> 0
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
}

const CHUNK = 2000
async function insertChunked<T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await insert(rows.slice(i, i + CHUNK))
}

export async function loadNationalData(db: Db, opts: { sharedDir: string; schools?: number; entries?: number; benchEntries?: number }): Promise<NationalData> {
  const totalSchools = opts.schools ?? 20_000
  const totalEntries = opts.entries ?? 200_000
  const benchEntries = opts.benchEntries ?? 10_000
  const random = rng(20261129)
  const csv = await readFile(path.join(opts.sharedDir, 'data/schools-england.csv'), 'utf8')
  const all = Papa.parse<Row>(csv, { header: true, skipEmptyLines: true }).data.filter((r) => r.status !== 'closed' && PHASE_MAP[r.phase] && r.lat && r.lng)
  // Offset URNs so that real demo schools can live in the same database.
  const urnOffset = 50_000_000
  const academies = all.filter((r) => r.trust_id)
  const maintained = all.filter((r) => !r.trust_id)
  const chosen = [...academies, ...maintained].slice(0, totalSchools)

  const groupKey = (r: Row) => (r.trust_id ? `t${r.trust_id}` : `la:${r.local_authority}`)
  const groups = new Map<string, Row[]>()
  for (const r of chosen) groups.set(groupKey(r), [...(groups.get(groupKey(r)) ?? []), r])
  const benchKey = [...groups].sort((a, b) => b[1].length - a[1].length)[0]![0]

  const trustRows: (typeof trusts.$inferInsert)[] = []
  const areaRows: (typeof areas.$inferInsert)[] = []
  const schoolRows: (typeof schools.$inferInsert)[] = []
  const trustOf = new Map<string, { id: string; areaIds: Map<string, string> }>()
  for (const [key, rows] of groups) {
    const id = randomUUID()
    const name = rows[0]!.trust_id ? rows[0]!.trust_name : `${rows[0]!.local_authority} maintained schools`
    trustRows.push({ id, name })
    const areaIds = new Map<string, string>()
    DEFAULT_FRAMEWORK.forEach((strand, s) => {
      const strandId = randomUUID()
      areaRows.push({ id: strandId, trustId: id, slug: strand.slug, name: strand.name, position: s * 100 })
      strand.areas.forEach(([slug, areaName], a) => {
        const areaId = randomUUID()
        areaIds.set(slug, areaId)
        areaRows.push({ id: areaId, trustId: id, slug, name: areaName, parentId: strandId, position: s * 100 + a + 1 })
      })
    })
    trustOf.set(key, { id, areaIds })
  }
  const schoolIds = new Map<Row, string>()
  for (const r of chosen) {
    const id = randomUUID()
    schoolIds.set(r, id)
    schoolRows.push({ id, trustId: trustOf.get(groupKey(r))!.id, urn: urnOffset + Number(r.urn), name: r.name, phase: PHASE_MAP[r.phase]!, type: r.type, postcode: r.postcode, lat: Number(r.lat), lng: Number(r.lng), releaseDaysPerTerm: 15 })
  }

  const benchSchools = groups.get(benchKey)!
  const otherSchools = chosen.filter((r) => groupKey(r) !== benchKey)
  const perOther = (totalEntries - benchEntries) / otherSchools.length
  const personRows: (typeof people.$inferInsert)[] = []
  const entryRows: (typeof expertise.$inferInsert)[] = []
  const entryAreaRows: (typeof expertiseAreas.$inferInsert)[] = []
  let n = 0
  const addEntries = (school: Row, count: number) => {
    const trust = trustOf.get(groupKey(school))!
    for (let i = 0; i < count; i++) {
      // Two entries per person on average, as in a real trust.
      if (i % 2 === 0) personRows.push({ id: randomUUID(), trustId: trust.id, schoolId: schoolIds.get(school)!, email: `p${personRows.length}@bench.example.org`, name: `Bench Person ${personRows.length}`, role: 'teacher' })
      const person = personRows[personRows.length - 1]!
      const slug = AREA_SLUGS[Math.floor(random() * AREA_SLUGS.length)]!
      const second = AREA_SLUGS[Math.floor(random() * AREA_SLUGS.length)]!
      const [title, words] = TOPICS[slug]![0]!
      const id = randomUUID()
      entryRows.push({
        id, trustId: trust.id, personId: person.id!, schoolId: person.schoolId!, title: `${title} (${n})`,
        summary: `I lead work on ${words}. I have supported colleagues in ${school.local_authority} with ${TOPICS[second]![0]![1]}.`,
        evidence: `Outcomes in ${words.split(' ')[0]} improved by ${5 + Math.floor(random() * 20)} percentage points over two years at ${school.name}.`,
        subjects: [SUBJECTS[Math.floor(random() * SUBJECTS.length)]!], phases: [PHASE_MAP[school.phase]!],
        modes: [MODES[Math.floor(random() * MODES.length)]!, MODES[Math.floor(random() * MODES.length)]!].filter((m, j, a) => a.indexOf(m) === j),
        capacityDaysPerTerm: Math.floor(random() * 8),
      })
      entryAreaRows.push({ expertiseId: id, areaId: trust.areaIds.get(slug)! })
      if (second !== slug) entryAreaRows.push({ expertiseId: id, areaId: trust.areaIds.get(second)! })
      n++
    }
  }
  benchSchools.forEach((s, i) => addEntries(s, Math.floor(benchEntries / benchSchools.length) + (i < benchEntries % benchSchools.length ? 1 : 0)))
  let carry = 0
  for (const s of otherSchools) {
    carry += perOther
    const count = Math.floor(carry)
    carry -= count
    addEntries(s, count)
  }

  const benchTrust = trustOf.get(benchKey)!
  const benchSchool = benchSchools[0]!
  const headId = randomUUID()
  const benchHeadEmail = 'bench.head@bench.example.org'
  personRows.push({ id: headId, trustId: benchTrust.id, schoolId: schoolIds.get(benchSchool)!, email: benchHeadEmail, name: 'Bench Head', role: 'headteacher', passwordHash: await hashPassword('demo-password-1') })

  await db.transaction(async (tx) => {
    await insertChunked(trustRows, (c) => tx.insert(trusts).values(c))
    await insertChunked(areaRows, (c) => tx.insert(areas).values(c))
    await insertChunked(schoolRows, (c) => tx.insert(schools).values(c))
    await insertChunked(personRows, (c) => tx.insert(people).values(c))
    await insertChunked(entryRows, (c) => tx.insert(expertise).values(c))
    await insertChunked(entryAreaRows, (c) => tx.insert(expertiseAreas).values(c))
  })

  const benchRequestId = randomUUID()
  await db.insert(requests).values({
    id: benchRequestId, trustId: benchTrust.id, schoolId: schoolIds.get(benchSchool)!, raisedById: headId,
    title: 'Too many pupils miss the phonics screening check',
    problem: 'Year 1 phonics outcomes have fallen for two years; keep-up sessions are inconsistent and new staff are unsure of the programme.',
    tried: 'Extra interventions in the afternoon and a parent workshop.', outcome: 'Nine in ten pupils pass the phonics check and keep-up happens daily.',
    subjects: ['english'], phases: [PHASE_MAP[benchSchool.phase] ?? 'primary'], modes: ['coaching', 'implementation'], expertsWanted: 2, daysPerExpert: 3,
    windowStart: '2027-01-11', windowEnd: '2027-03-26', confidentiality: 'trust', status: 'open', publishedAt: new Date('2026-11-10T09:00:00Z'),
  })
  await db.insert(requestAreas).values([{ requestId: benchRequestId, areaId: benchTrust.areaIds.get('early-reading-phonics')! }, { requestId: benchRequestId, areaId: benchTrust.areaIds.get('reading')! }])
  return { benchTrustId: benchTrust.id, benchHeadEmail, benchRequestId, entries: entryRows.length, schools: schoolRows.length }
}

