// Weight tuning and the leave-some-out check: tune on one half of the labelled requests, report the other.
// Run: npx tsx server/src/matching/eval/tune.ts [--rounds=3] [--full]
import { pathToFileURL } from 'node:url'
import { MATCH_WEIGHTS } from '../rank/rank.ts'
import { SIGNAL_CONFIG } from '../score/signals.ts'
import { TEXT_CONFIG } from '../text/text.ts'
import { SIGNAL_NAMES, type SignalName } from '../types.ts'
import { bundleToMatchingInput, type BundleMatchingInput } from './bundle-input.ts'
import type { EvalSummary } from './metrics.ts'
import { devSetPaths, EVAL_CLOCK, evaluate, loadBundle, loadLabels, type EvalOptions, type LabelsFile } from './offline-eval.ts'

/** Every tunable number, flat. */
export type Params = Record<string, number>

const TEXT_KEYS = ['k1', 'b', 'bigramWeight', 'expansionWeight', 'conceptWeight', 'queryK3'] as const
const SIGNAL_KEYS = ['textExponent', 'impliedAreaCredit', 'areaCoverageExponent', 'sameStrandCredit', 'areaFocusShare', 'trackPriorWeight'] as const

export function currentParams(): Params {
  const params: Params = {}
  for (const name of SIGNAL_NAMES) params[`w.${name}`] = MATCH_WEIGHTS[name]
  for (const key of TEXT_KEYS) params[`t.${key}`] = TEXT_CONFIG[key]
  params['t.title'] = TEXT_CONFIG.documentFields.title
  params['t.evidence'] = TEXT_CONFIG.documentFields.evidence
  params['t.casework'] = TEXT_CONFIG.documentFields.casework
  params['t.qtitle'] = TEXT_CONFIG.queryFields.title
  params['t.qtried'] = TEXT_CONFIG.queryFields.tried
  params['t.qoutcome'] = TEXT_CONFIG.queryFields.outcome
  for (const key of SIGNAL_KEYS) params[`s.${key}`] = SIGNAL_CONFIG[key]
  return params
}

const get = (p: Params, key: string) => {
  const v = p[key]
  if (v === undefined) throw new Error(`No parameter ${key}`)
  return v
}

export function toOptions(p: Params): EvalOptions {
  const weights = Object.fromEntries(SIGNAL_NAMES.map((n) => [n, get(p, `w.${n}`)])) as Record<SignalName, number>
  return {
    weights,
    textConfig: {
      ...TEXT_CONFIG,
      ...Object.fromEntries(TEXT_KEYS.map((k) => [k, get(p, `t.${k}`)])),
      documentFields: { title: get(p, 't.title'), summary: 1, evidence: get(p, 't.evidence'), casework: get(p, 't.casework') },
      queryFields: { title: get(p, 't.qtitle'), problem: 1, outcome: get(p, 't.qoutcome'), tried: get(p, 't.qtried') },
    },
    signalConfig: { ...SIGNAL_CONFIG, ...Object.fromEntries(SIGNAL_KEYS.map((k) => [k, get(p, `s.${k}`)])) },
  }
}

/** One number to climb: both metrics, and the worst request so no kind of problem is sacrificed. */
export function objective(s: EvalSummary): number {
  return s.hardFailures.length > 0 ? -1 : s.meanNdcgAt10 + 0.5 * s.meanPrecisionAt5 + 0.25 * s.worst.ndcgAt10
}

const BOUNDS: Record<string, [number, number]> = {
  't.b': [0, 1],
  's.areaFocusShare': [0, 0.8],
  's.sameStrandCredit': [0, 0.9],
  's.textExponent': [0.5, 3],
}

/** Coordinate search with multiplicative steps; deterministic. */
export function coordinateSearch(score: (p: Params) => number, start: Params, rounds: number): Params {
  let best = { ...start }
  let bestScore = score(best)
  for (let round = 0; round < rounds; round++) {
    const factors = round === 0 ? [0.5, 0.75, 1.33, 2] : [0.8, 0.9, 1.1, 1.25]
    for (const key of Object.keys(best).sort()) {
      for (const f of factors) {
        const [lo, hi] = BOUNDS[key] ?? [0, 10]
        const base = get(best, key)
        const value = Math.min(hi, Math.max(lo, base === 0 ? 0.02 * f : base * f))
        const candidate = { ...best, [key]: value }
        const s = score(candidate)
        if (s > bestScore + 1e-9) {
          best = candidate
          bestScore = s
        }
      }
    }
  }
  return best
}

function line(label: string, s: EvalSummary): string {
  return `${label.padEnd(26)} nDCG@10 ${s.meanNdcgAt10.toFixed(3)}  P@5 ${s.meanPrecisionAt5.toFixed(3)}  worst ${s.worst.request} ${s.worst.ndcgAt10.toFixed(3)}  hard ${s.hardFailures.length}`
}

export function splitHalves(refs: readonly string[]): [string[], string[]] {
  const sorted = [...refs].sort()
  return [sorted.filter((_, i) => i % 2 === 0), sorted.filter((_, i) => i % 2 === 1)]
}

function run(input: BundleMatchingInput, labels: LabelsFile, rounds: number, full: boolean): void {
  const start = currentParams()
  const evalOn = (p: Params, only?: readonly string[]) =>
    evaluate(input, labels, { ...toOptions(p), ...(only === undefined ? {} : { only }) })
  console.log(line('shipped defaults, all 30', evalOn(start)))
  const [a, b] = splitHalves(Object.keys(labels.requests))
  for (const [trainName, train, testName, test] of [
    ['odd', a, 'even', b],
    ['even', b, 'odd', a],
  ] as const) {
    const tuned = coordinateSearch((p) => objective(evalOn(p, train)), start, rounds)
    console.log(line(`defaults, ${testName} half`, evalOn(start, test)))
    console.log(line(`tuned on ${trainName}, ${trainName}`, evalOn(tuned, train)))
    console.log(line(`tuned on ${trainName}, ${testName}`, evalOn(tuned, test)))
  }
  if (full) {
    const tuned = coordinateSearch((p) => objective(evalOn(p)), start, rounds)
    console.log(line('tuned on all 30', evalOn(tuned)))
    console.log(JSON.stringify(tuned, null, 1))
  }
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2)
  const rounds = Number(args.find((a) => a.startsWith('--rounds='))?.slice(9) ?? 2)
  const paths = devSetPaths()
  const input = bundleToMatchingInput(loadBundle(paths.bundlePath), { clock: EVAL_CLOCK })
  run(input, loadLabels(paths.labelsPath), rounds, args.includes('--full'))
}
