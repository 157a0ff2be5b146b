import { z } from 'zod'
import { IdSchema, IsoDateSchema, PhaseSchema, ReferencePageQuerySchema, page, text } from './common.ts'

export const SCHOOL_STATUSES = ['open', 'closed'] as const
export const SchoolStatusSchema = z.enum(SCHOOL_STATUSES)
export type SchoolStatus = z.infer<typeof SchoolStatusSchema>

export const SchoolSchema = z.object({
  id: IdSchema,
  urn: z.number().int(),
  name: z.string(),
  phase: PhaseSchema,
  type: z.string(),
  postcode: z.string(),
  lat: z.number(),
  lng: z.number(),
  clusterId: IdSchema.nullable(),
  clusterName: z.string().nullable(),
  releaseDaysPerTerm: z.number().int(),
  /** GIAS marks a school closed; it stays with its history and is never deleted. */
  status: SchoolStatusSchema,
  closedOn: IsoDateSchema.nullable(),
})
export type School = z.infer<typeof SchoolSchema>
export const SchoolListSchema = page(SchoolSchema)
export const SchoolListQuerySchema = ReferencePageQuerySchema

export const MAX_RELEASE_DAYS = 200

export const UpdateSchoolBodySchema = z
  .object({
    name: text().trim().min(2, 'Give the school a name of at least 2 characters').max(200, 'Use at most 200 characters'),
    /** The cluster's name; a new name makes a new cluster, null or empty takes the school out of its cluster. */
    cluster: text()
      .trim()
      .max(80, 'Use at most 80 characters')
      .nullable()
      .transform((v) => (v ? v : null)),
    releaseDaysPerTerm: z
      .number({ message: 'Enter a number of days' })
      .int('Use whole days')
      .min(0, 'Days cannot be negative')
      .max(MAX_RELEASE_DAYS, `Use at most ${MAX_RELEASE_DAYS} days`),
  })
  .partial()
  .strict()
export type UpdateSchoolBody = z.infer<typeof UpdateSchoolBodySchema>

export const ClusterSchema = z.object({ id: IdSchema, name: z.string(), schoolCount: z.number().int() })
export type Cluster = z.infer<typeof ClusterSchema>
export const ClusterListSchema = page(ClusterSchema)
export const ClusterListQuerySchema = ReferencePageQuerySchema

/**
 * A whole-country GIAS download (about 50,000 establishments, 60 MB) fits. The file may be sent as raw
 * bytes (`Content-Type: text/csv`, UTF-8 or GIAS's Windows-1252) or as JSON `{csv}`.
 */
export const MAX_CSV_BYTES = 100 * 1024 * 1024
export const MAX_CSV_CHARS = MAX_CSV_BYTES

export const CsvBodySchema = z.object({
  csv: text().min(1, 'Paste or choose a CSV file').max(MAX_CSV_CHARS, 'That file is too large; keep it under 100 MB'),
})

const URN_LIST = /^\s*\d{1,8}(\s*[,;\s]\s*\d{1,8})*\s*$/

/**
 * Which schools of a GIAS file are this trust's: by the trust's name (`Trusts (name)`), its UID
 * (`Trusts (code)`), or a list of URNs. Give one. A GIAS download needs one; a file in the simple layout (urn,name,phase,lat,lng) needs none: every line is taken.
 */
export const SchoolImportQuerySchema = z
  .object({
    trustName: text().trim().max(200, 'Use at most 200 characters').optional().transform((v) => v || undefined),
    trustUid: text()
      .trim()
      .max(10, 'The trust UID is a number of up to 10 digits')
      .regex(/^\d{0,10}$/, 'The trust UID is a number, as in the GIAS address /Groups/Group/Details/5143')
      .optional()
      .transform((v) => v || undefined),
    urns: text()
      .max(20_000, 'List at most 2,000 URNs at a time')
      .regex(URN_LIST, 'List URNs as whole numbers separated by commas, e.g. 107478, 107480')
      .optional()
      .or(z.literal(''))
      .transform((v) => (v ? [...new Set(v.split(/[\s,;]+/).filter(Boolean).map(Number))] : undefined)),
  })
  .superRefine((q, ctx) => {
    const given = [q.trustName, q.trustUid, q.urns].filter((v) => v !== undefined).length
    if (given > 1) ctx.addIssue({ code: 'custom', path: ['trustName'], message: "Give only one of the trust's name, its UID or a list of URNs" })
  })
export type SchoolImportQueryInput = z.input<typeof SchoolImportQuerySchema>

export const SCHOOL_CHANGE_FIELDS = ['name', 'phase', 'status', 'type', 'postcode', 'location'] as const
export const SchoolChangeSchema = z.object({ field: z.enum(SCHOOL_CHANGE_FIELDS), from: z.string(), to: z.string() })
export type SchoolChange = z.infer<typeof SchoolChangeSchema>

/**
 * One line of the trust's part of an imported file and what becomes (or became) of it. `line` is the
 * line number in the file as a spreadsheet shows it (the header is line 1).
 */
export const SchoolImportRowSchema = z.object({
  line: z.number().int(),
  urn: z.number().int().nullable(),
  name: z.string(),
  phase: PhaseSchema.nullable(),
  status: z.enum(['new', 'changed', 'unchanged', 'refused']),
  /** For a changed school: each field that differs, old → new. */
  changes: z.array(SchoolChangeSchema),
  reasons: z.array(z.string()),
  schoolId: IdSchema.nullable(),
})
export type SchoolImportRow = z.infer<typeof SchoolImportRowSchema>

export const SchoolImportReportSchema = z.object({
  /** false for a preview: nothing was written. */
  imported: z.boolean(),
  layout: z.enum(['gias', 'simple']),
  counts: z.object({
    new: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    refused: z.number().int(),
    /** Lines of other trusts' schools in the file, left alone. */
    otherTrusts: z.number().int(),
  }),
  rows: z.array(SchoolImportRowSchema),
  /** URNs asked for that the file does not have. */
  urnsNotInFile: z.array(z.number().int()),
})
export type SchoolImportReport = z.infer<typeof SchoolImportReportSchema>
