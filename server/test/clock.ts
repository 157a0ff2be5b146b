import type { Clock } from '../src/lib/clock.ts'

/** A clock a test moves on: accept on one day, log the work on a later one. */
export function settableClock(iso: string): Clock & { set: (iso: string) => void } {
  let now = new Date(iso)
  return { now: () => now, set: (next: string) => { now = new Date(next) } }
}
