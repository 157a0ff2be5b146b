// Offline evaluation of the matching engine on the labelled development set (MATCHING-EVAL.md).
// Run: npx tsx server/src/matching/eval/offline-eval.ts [bundle.json] [labels.json]
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { DEFAULT_AREA_SLUGS } from '@ee/shared/areas'
import { makeBundleSchema, type TrustBundle } from '@ee/shared/bundle'
import { rankExpertise, type MatchWeights } from '../rank/rank.ts'
import type { SignalConfig } from '../score/signals.ts'
import { buildMatchIndex } from '../index/match-index.ts'
import type { TextConfig } from '../text/text.ts'
import { bundleToMatchingInput, type BundleMatchingInput } from './bundle-input.ts'
import { summarise, type EvalSummary, type RequestLabels } from './metrics.ts'

export const EVAL_CLOCK = '2026-12-01T00:00:00Z'

const here = path.dirname(fileURLToPath(import.meta.url))
export const REPO_ROOT = path.resolve(here, '../../../..')
export const DEFAULT_SHARED_DIR = path.resolve(REPO_ROOT, '../shared')

export interface DevSetPaths {
  bundlePath: string
  labelsPath: string
}

export function devSetPaths(sharedDir: string = DEFAULT_SHARED_DIR): DevSetPaths {
  return {
    bundlePath: path.join(sharedDir, 'data', 'matching-dev.bundle.json'),
    labelsPath: path.join(sharedDir, 'data', 'matching-dev.labels.json'),
  }
}

export interface LabelsFile {
  rubric: string
  requests: Record<string, RequestLabels>
}

export function loadBundle(bundlePath: string): TrustBundle {
  const parsed = makeBundleSchema(DEFAULT_AREA_SLUGS).safeParse(JSON.parse(readFileSync(bundlePath, 'utf8')))
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`)
    throw new Error(`${bundlePath} is not a valid bundle:\n${issues.join('\n')}`)
  }
  return parsed.data
}

export function loadLabels(labelsPath: string): LabelsFile {
  const raw: unknown = JSON.parse(readFileSync(labelsPath, 'utf8'))
  if (typeof raw !== 'object' || raw === null || !('requests' in raw)) {
    throw new Error(`${labelsPath} has no "requests" object`)
  }
  return raw as LabelsFile
}

export interface EvalOptions {
  weights?: MatchWeights
  signalConfig?: SignalConfig
  textConfig?: TextConfig
  panelFirst?: boolean
  /** Only these request refs (for leave-some-out checks). */
  only?: readonly string[]
}

/** Ranks every open request of the bundle (limit 10) with one text index built for the trust. */
export function rankDevSet(input: BundleMatchingInput, options: EvalOptions = {}): Map<string, string[]> {
  const index = buildMatchIndex(input.entries, options.textConfig)
  const rankings = new Map<string, string[]>()
  for (const { request, entries, context } of input.cases) {
    if (options.only !== undefined && !options.only.includes(request.id)) continue
    const ranked = rankExpertise(request, entries, context, {
      limit: 10,
      index,
      ...(options.weights === undefined ? {} : { weights: options.weights }),
      ...(options.signalConfig === undefined ? {} : { signalConfig: options.signalConfig }),
      ...(options.panelFirst === undefined ? {} : { panelFirst: options.panelFirst }),
    })
    rankings.set(
      request.id,
      ranked.map((m) => m.expertiseId),
    )
  }
  return rankings
}

/** Which hard rule an entry breaks for a request, read from the bundle's own facts. */
export function labelRule(input: BundleMatchingInput, requestRef: string, entryRef: string): string {
  const match = input.cases.find((c) => c.request.id === requestRef)
  const entry = match?.entries.find((e) => e.id === entryRef)
  if (match === undefined || entry === undefined) return 'unknown entry'
  if (entry.schoolId === match.request.schoolId) return 'same school'
  if (entry.capacityDaysPerTerm - entry.committedDaysInWindowTerm <= 0) return 'no days free'
  return 'conflict of interest (feedback)'
}

export function evaluate(
  input: BundleMatchingInput,
  labels: LabelsFile,
  options: EvalOptions = {},
): EvalSummary {
  const rankings = rankDevSet(input, options)
  const wanted = Object.fromEntries(
    Object.entries(labels.requests).filter(([ref]) => options.only === undefined || options.only.includes(ref)),
  )
  return summarise(rankings, wanted, (r, e) => labelRule(input, r, e))
}

export function runOfflineEval(paths: DevSetPaths = devSetPaths(), options: EvalOptions = {}): EvalSummary {
  const input = bundleToMatchingInput(loadBundle(paths.bundlePath), { clock: EVAL_CLOCK })
  return evaluate(input, loadLabels(paths.labelsPath), options)
}

export function formatSummary(summary: EvalSummary): string {
  const lines = [
    `requests            ${summary.requests}`,
    `mean nDCG@10        ${summary.meanNdcgAt10.toFixed(3)}`,
    `mean P@5 (norm.)    ${summary.meanPrecisionAt5.toFixed(3)}`,
    `mean P@5 (raw)      ${summary.meanRawPrecisionAt5.toFixed(3)}   (best possible on the dev set: 0.647)`,
    `worst request       ${summary.worst.request}  nDCG@10 ${summary.worst.ndcgAt10.toFixed(3)}`,
    `hard failures       ${summary.hardFailures.length}`,
    ...summary.hardFailures.map((f) => `  ${f.request}  ${f.entry}  ${f.rule}`),
  ]
  return lines.join('\n')
}

function main(args: readonly string[]): void {
  const [bundlePath, labelsPath] = args.filter((a) => !a.startsWith('--'))
  const defaults = devSetPaths()
  const summary = runOfflineEval({
    bundlePath: bundlePath ?? defaults.bundlePath,
    labelsPath: labelsPath ?? defaults.labelsPath,
  })
  console.log(formatSummary(summary))
  if (args.includes('--per-request')) {
    for (const [ref, s] of Object.entries(summary.perRequest)) {
      console.log(`  ${ref}  nDCG@10 ${s.ndcgAt10.toFixed(3)}  P@5 ${s.precisionAt5.toFixed(2)}`)
    }
  }
  if (summary.hardFailures.length > 0) process.exitCode = 1
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2))
}
