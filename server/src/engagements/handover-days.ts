/**
 * What an engagement keeps when its expert has gone (docs/decisions/012-people-who-leave.md): the days
 * delivered, rounded up to a whole day (sessions are logged in half days, agreed days are whole), charged
 * to its earliest terms; the rest is what was not delivered, taken from its latest terms. Ending early
 * gives the rest back to the expert's capacity and the school's budget; a hand-over charges it to the
 * colleague instead, so every term's totals stay what they were.
 */
export type Charge = { termStart: string; days: number }

export const daysKept = (deliveredDays: number) => Math.max(0, Math.ceil(deliveredDays - 1e-9))

export function splitCharges(charges: readonly Charge[], keep: number): { kept: Charge[]; rest: Charge[] } {
  const kept: Charge[] = []
  const rest: Charge[] = []
  let left = Math.max(0, keep)
  for (const c of [...charges].sort((a, b) => a.termStart.localeCompare(b.termStart))) {
    const k = Math.min(c.days, left)
    left -= k
    kept.push({ termStart: c.termStart, days: k })
    if (c.days - k > 0) rest.push({ termStart: c.termStart, days: c.days - k })
  }
  return { kept, rest }
}
