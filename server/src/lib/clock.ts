/** The app's notion of "now", injectable so tests and the matching evaluation can fix the date. */
export type Clock = { now: () => Date }
export const systemClock: Clock = { now: () => new Date() }
export const fixedClock = (iso: string): Clock => ({ now: () => new Date(iso) })
