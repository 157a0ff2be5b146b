import { describe, expect, it } from 'vitest'
import { daysKept, splitCharges } from './handover-days.ts'

describe('the days an engagement keeps when its expert has gone', () => {
  it('When 1.5 of 4 days were delivered, then 2 whole days are kept and 2 are left', () => {
    expect(daysKept(1.5)).toBe(2)
    expect(daysKept(2)).toBe(2)
    expect(daysKept(0)).toBe(0)
    expect(splitCharges([{ termStart: '2027-01-04', days: 4 }], 2)).toEqual({
      kept: [{ termStart: '2027-01-04', days: 2 }],
      rest: [{ termStart: '2027-01-04', days: 2 }],
    })
  })

  it('When the work spans two terms, then the delivered days stay on the earlier term and the later term gives its days first', () => {
    const charges = [{ termStart: '2027-04-19', days: 3 }, { termStart: '2027-01-04', days: 2 }]
    expect(splitCharges(charges, 3)).toEqual({
      kept: [{ termStart: '2027-01-04', days: 2 }, { termStart: '2027-04-19', days: 1 }],
      rest: [{ termStart: '2027-04-19', days: 2 }],
    })
  })

  it('When nothing or everything was delivered, then nothing is kept or nothing is left, and the totals always add up', () => {
    const charges = [{ termStart: '2027-01-04', days: 2 }, { termStart: '2027-04-19', days: 3 }]
    expect(splitCharges(charges, 0).rest).toEqual(charges)
    expect(splitCharges(charges, 5).rest).toEqual([])
    for (let keep = 0; keep <= 5; keep++) {
      const { kept, rest } = splitCharges(charges, keep)
      const sum = (cs: { days: number }[]) => cs.reduce((n, c) => n + c.days, 0)
      expect(sum(kept)).toBe(keep)
      expect(sum(kept) + sum(rest)).toBe(5)
    }
  })
})
