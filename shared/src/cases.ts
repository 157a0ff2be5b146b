import { z } from 'zod'
import { IdSchema, LIST_PAGE_MAX, SlugSchema, page, pageQuery, text } from './common.ts'

export const CaseListQuerySchema = z.object({
  q: text().trim().max(200).optional(),
  /** An area or a whole strand. */
  area: SlugSchema.optional(),
}).extend(pageQuery(LIST_PAGE_MAX, 50).shape)
export type CaseListQuery = z.input<typeof CaseListQuerySchema>

export const CaseSchema = z.object({
  id: IdSchema,
  title: z.string(),
  problem: z.string(),
  approach: z.string(),
  outcome: z.string(),
  impact: z.number().int(),
  areas: z.array(z.object({ slug: z.string(), name: z.string() })),
  providerSchool: z.object({ id: IdSchema, name: z.string() }).nullable(),
  receiverSchool: z.object({ id: IdSchema, name: z.string() }),
  visibility: z.enum(['trust', 'schools']),
  requestId: IdSchema,
  engagementId: IdSchema,
  createdAt: z.string(),
  /** Relevance to the search or draft; 0 when listing without one. */
  score: z.number(),
})
export type Case = z.infer<typeof CaseSchema>
export const CaseListSchema = page(CaseSchema)
export type CaseList = z.infer<typeof CaseListSchema>

/** What a head has typed so far: past cases are found by its words and its areas. */
export const SimilarCasesBodySchema = z.object({
  title: text().max(160).default(''),
  problem: text().max(5000).default(''),
  areas: z.array(SlugSchema).max(10).default([]),
})
export type SimilarCasesBody = z.infer<typeof SimilarCasesBodySchema>
export type SimilarCasesInput = z.input<typeof SimilarCasesBodySchema>
