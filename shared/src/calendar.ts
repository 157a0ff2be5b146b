import { z } from 'zod'
import { IsoDateSchema, text } from './common.ts'

export const TERM_NAMES = ['autumn', 'spring', 'summer'] as const
export const TermNameSchema = z.enum(TERM_NAMES)
export type TermName = z.infer<typeof TermNameSchema>
export const TERM_NAME_LABELS: Record<TermName, string> = { autumn: 'Autumn', spring: 'Spring', summer: 'Summer' }

const DateRangeSchema = z.object({ start: IsoDateSchema, end: IsoDateSchema })

export const CalendarTermInputSchema = z.object({
  name: TermNameSchema,
  start: IsoDateSchema,
  end: IsoDateSchema,
  halfTerm: DateRangeSchema,
})

export const ClosureSchema = z.object({
  date: IsoDateSchema,
  label: text().trim().min(1, 'Say what the closure is, e.g. INSET day').max(80, 'Keep the label under 80 characters'),
})
export type Closure = z.infer<typeof ClosureSchema>

/**
 * A year's terms and closure days, as the admin replaces them. The order of terms, overlaps,
 * half-terms inside their term and dates inside the academic year are checked by the server,
 * each problem named by its path (terms[1].halfTerm.start).
 */
export const PutCalendarYearBodySchema = z.object({
  terms: z.array(CalendarTermInputSchema).length(3, 'Give the three terms: autumn, spring and summer'),
  closures: z.array(ClosureSchema).max(60, 'Up to 60 closure days a year'),
})
export type PutCalendarYearBody = z.infer<typeof PutCalendarYearBodySchema>

export const CalendarYearParamsSchema = z.object({
  year: z.coerce.number({ message: 'Give the academic year by its first calendar year, e.g. 2026' }).int().min(2000).max(2100),
})
export const CalendarQuerySchema = z.object({
  year: CalendarYearParamsSchema.shape.year.optional(),
})

export const CalendarTermSchema = CalendarTermInputSchema.extend({
  /** "Autumn 2026" */
  label: z.string(),
  /** Monday–Friday days in term, outside half-term and closures. */
  schoolDays: z.number().int(),
})

/** GET /api/calendar?year=2026: the academic year 2026/27 of the signed-in person's trust. */
export const CalendarYearSchema = z.object({
  year: z.number().int(),
  /** "2026/27" */
  label: z.string(),
  /** True while the trust has not stored its own dates: England's usual dates are shown. */
  isDefault: z.boolean(),
  terms: z.array(CalendarTermSchema),
  closures: z.array(ClosureSchema),
  /** The academic year today falls in, by the trust's clock: the client shows it and the next. */
  currentYear: z.number().int(),
})
export type CalendarYear = z.infer<typeof CalendarYearSchema>
