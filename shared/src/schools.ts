import { z } from 'zod'
import { IdSchema, PhaseSchema } from './common.ts'

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
})
export type School = z.infer<typeof SchoolSchema>
export const SchoolListSchema = z.object({ items: z.array(SchoolSchema) })

export const MAX_RELEASE_DAYS = 200

export const UpdateSchoolBodySchema = z
  .object({
    name: z.string().trim().min(2, 'Give the school a name of at least 2 characters').max(200, 'Use at most 200 characters'),
    /** The cluster's name; a new name makes a new cluster, null or empty takes the school out of its cluster. */
    cluster: z
      .string()
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
export type UpdateSchoolInput = z.input<typeof UpdateSchoolBodySchema>

export const ClusterSchema = z.object({ id: IdSchema, name: z.string(), schoolCount: z.number().int() })
export type Cluster = z.infer<typeof ClusterSchema>
export const ClusterListSchema = z.object({ items: z.array(ClusterSchema) })

/** About 5,000 schools of the GIAS layout fit; a trust is far smaller. */
export const MAX_CSV_CHARS = 1_500_000

export const CsvBodySchema = z.object({
  csv: z.string().min(1, 'Paste or choose a CSV file').max(MAX_CSV_CHARS, 'That file is too large; split it into smaller files'),
})
export type CsvBody = z.infer<typeof CsvBodySchema>

/**
 * One line of an imported file and what became of it. `line` is the line number in the file as a
 * spreadsheet shows it (the header is line 1).
 */
export const SchoolImportRowSchema = z.object({
  line: z.number().int(),
  urn: z.number().int().nullable(),
  name: z.string(),
  phase: PhaseSchema.nullable(),
  status: z.enum(['ready', 'imported', 'refused']),
  reasons: z.array(z.string()),
  schoolId: IdSchema.nullable(),
})
export type SchoolImportRow = z.infer<typeof SchoolImportRowSchema>

export const SchoolImportReportSchema = z.object({
  /** false for a preview: nothing was written. */
  imported: z.boolean(),
  counts: z.object({ ready: z.number().int(), imported: z.number().int(), refused: z.number().int() }),
  rows: z.array(SchoolImportRowSchema),
})
export type SchoolImportReport = z.infer<typeof SchoolImportReportSchema>
