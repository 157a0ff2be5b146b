import { type Lifecycle, refusal, targets } from '@ee/shared/lifecycles'
import { conflict } from './problem.ts'

/**
 * One step along a lifecycle table (shared/src/lifecycles.ts, docs/design.md §3): answers the state the
 * action leads to, or refuses with 409 naming the current state. When the table offers two ends for one
 * action (the last place, the release budget), the caller says which it reached and the table must hold it.
 */
export function step<S extends string, A extends string>(lc: Lifecycle<S, A>, from: S, action: A, to?: S): S {
  const ends = targets(lc, from, action)
  if (!ends.length) return conflict(refusal(lc, from, action))
  if (to !== undefined && !ends.includes(to)) throw new Error(`${lc.noun}: ${from} --${action}--> ${to} is not in the table`)
  return to ?? ends[0]!
}
