// Debugging aid: prints one request's top suggestions beside their labels and signals.
// Run: npx tsx server/src/matching/eval/inspect-request.ts r-09 [count]
import { rankExpertise } from '../rank/rank.ts'
import { buildMatchIndex } from '../index/match-index.ts'
import { bundleToMatchingInput } from './bundle-input.ts'
import { devSetPaths, EVAL_CLOCK, loadBundle, loadLabels } from './offline-eval.ts'

const [ref = 'r-01', countArg = '12'] = process.argv.slice(2)
const paths = devSetPaths()
const input = bundleToMatchingInput(loadBundle(paths.bundlePath), { clock: EVAL_CLOCK })
const labels = loadLabels(paths.labelsPath).requests[ref]
const match = input.cases.find((c) => c.request.id === ref)
if (match === undefined || labels === undefined) throw new Error(`No open request ${ref}`)
const index = buildMatchIndex(input.entries)
const ranked = rankExpertise(match.request, match.entries, match.context, { index })
console.log(`${ref} ${match.request.title}  [${match.request.areas.join(', ')}] [${match.request.phases.join(', ')}] [${match.request.modes.join(', ')}]`)
const banned = new Set(labels.must_not_appear)
ranked.slice(0, Number(countArg)).forEach((m, i) => {
  const entry = match.entries.find((e) => e.id === m.expertiseId)
  const s = Object.entries(m.signals).map(([k, v]) => `${k.slice(0, 5)} ${v.toFixed(2)}`).join(' ')
  console.log(`${String(i + 1).padStart(2)} ${m.expertiseId} g=${labels.graded[m.expertiseId] ?? '-'} ${m.score.toFixed(3)} | ${s} | ${entry?.title.slice(0, 60)}`)
})
const positions = new Map(ranked.map((m, i) => [m.expertiseId, i + 1]))
for (const [e, g] of Object.entries(labels.graded).sort((a, b) => b[1] - a[1])) {
  if (g >= 1 && !banned.has(e)) {
    const m = ranked.find((x) => x.expertiseId === e)
    console.log(`   want ${e} g=${g} at #${positions.get(e) ?? 'excluded'} ${m ? Object.entries(m.signals).map(([k, v]) => `${k.slice(0, 5)} ${v.toFixed(2)}`).join(' ') : ''}`)
  }
}
