import { z } from 'zod'
import { IdSchema, text } from './common.ts'

export { ClusterListQuerySchema, ClusterListSchema, ClusterSchema, type Cluster } from './schools.ts'

export const ClusterNameSchema = text({ message: 'Give the cluster a name' })
  .trim()
  .min(2, 'Give the cluster a name of at least 2 characters')
  .max(80, 'Use at most 80 characters')

export const CreateClusterBodySchema = z.object({ name: ClusterNameSchema }).strict()
export type CreateClusterBody = z.infer<typeof CreateClusterBodySchema>

export const RenameClusterBodySchema = z.object({ name: ClusterNameSchema }).strict()
export type RenameClusterBody = z.infer<typeof RenameClusterBodySchema>

export const MergeClusterBodySchema = z.object({ intoId: IdSchema }).strict()
export type MergeClusterBody = z.infer<typeof MergeClusterBodySchema>

/** Moves many schools at once: into a cluster, or out of any cluster with `clusterId: null`. */
export const AssignSchoolsBodySchema = z
  .object({
    clusterId: IdSchema.nullable(),
    schoolIds: z.array(IdSchema).min(1, 'Choose at least one school').max(5000, 'Move at most 5,000 schools at a time'),
  })
  .strict()
export type AssignSchoolsBody = z.infer<typeof AssignSchoolsBodySchema>

export const AssignSchoolsResultSchema = z.object({ moved: z.number().int() })
export type AssignSchoolsResult = z.infer<typeof AssignSchoolsResultSchema>
