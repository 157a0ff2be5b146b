// Ranking time over a synthetic trust of 10,000 expertise entries (the target: p95 ≤ 10 ms including the database).
// Run: npx tsx server/src/matching/eval/bench.ts [entries]
import { performance } from 'node:perf_hooks'
import { pathToFileURL } from 'node:url'
import { rankExpertise } from '../rank/rank.ts'
import { buildMatchIndex } from '../index/match-index.ts'
import type { CandidateExpertise, Phase } from '../types.ts'
import { bundleToMatchingInput } from './bundle-input.ts'
import { devSetPaths, EVAL_CLOCK, loadBundle } from './offline-eval.ts'

/** Deterministic pseudo-random numbers, so every run measures the same trust. */
function seeded(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0
    return state / 2 ** 32
  }
}

const PHASE_POOL: readonly Phase[] = ['primary', 'secondary', 'nursery', 'all_through', 'post16', 'special']

/** Entries made by recombining the dev set's sentences, so vocabulary and lengths are realistic. */
export function syntheticEntries(seedEntries: readonly CandidateExpertise[], count: number, seed = 7): CandidateExpertise[] {
  const random = seeded(seed)
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T
  const sentences = seedEntries.flatMap((e) => e.summary.split(/(?<=\.)\s+/))
  const schools = Array.from({ length: 400 }, (_, i) => ({
    id: `school-${i}`,
    name: `School ${i}`,
    lat: 53 + random(),
    lng: -2 + random() * 1.5,
    clusterId: `cluster-${i % 40}`,
  }))
  return Array.from({ length: count }, (_, i) => {
    const base = pick(seedEntries)
    const school = pick(schools)
    return {
      ...base,
      id: `syn-${String(i).padStart(5, '0')}`,
      personId: `person-${Math.floor(i / 2)}`,
      schoolId: school.id,
      summary: [pick(sentences), base.summary, pick(sentences)].join(' '),
      phases: random() < 0.7 ? base.phases : [pick(PHASE_POOL)],
      capacityDaysPerTerm: Math.floor(random() * 8),
      committedDaysInWindowTerm: random() < 0.2 ? 1 : 0,
      school: { name: school.name, lat: school.lat, lng: school.lng, clusterId: school.clusterId, releaseDaysPerTerm: 15 },
    }
  })
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0
}

function main(count: number): void {
  const input = bundleToMatchingInput(loadBundle(devSetPaths().bundlePath), { clock: EVAL_CLOCK })
  const entries = syntheticEntries(input.entries, count)
  let started = performance.now()
  const index = buildMatchIndex(entries)
  console.log(`index of ${count} entries built in ${(performance.now() - started).toFixed(0)} ms (once per trust)`)
  for (let warm = 0; warm < 3; warm++) {
    for (const c of input.cases) rankExpertise(c.request, entries, c.context, { index, limit: 10 })
  }
  const times: number[] = []
  // CPU time as well as wall time: on a shared machine the wall clock also measures the neighbours.
  const cpuStarted = process.cpuUsage()
  for (let round = 0; round < 5; round++) {
    for (const c of input.cases) {
      started = performance.now()
      rankExpertise(c.request, entries, c.context, { index, limit: 10 })
      times.push(performance.now() - started)
    }
  }
  const cpu = process.cpuUsage(cpuStarted)
  times.sort((a, b) => a - b)
  const mean = times.reduce((s, t) => s + t, 0) / times.length
  console.log(
    `ranking ${count} candidates, limit 10, ${times.length} runs: mean ${mean.toFixed(2)} ms, p50 ${percentile(times, 0.5).toFixed(2)} ms, p95 ${percentile(times, 0.95).toFixed(2)} ms wall; ${((cpu.user + cpu.system) / 1000 / times.length).toFixed(2)} ms CPU per ranking`,
  )
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(Number(process.argv[2] ?? 10_000))
}
