import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema } from '@ee/shared/common'
import { ClusterListSchema, CsvBodySchema, SchoolImportReportSchema, SchoolListSchema, SchoolSchema, UpdateSchoolBodySchema } from '@ee/shared/schools'
import { importSchools, listClusters, listSchools, previewSchoolImport, updateSchool } from './schools.service.ts'

/** A CSV of a few thousand schools is larger than the API's usual body limit. */
export const CSV_BODY_LIMIT = 2 * 1024 * 1024

export const schoolsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['schools']

  app.get('/schools', {
    schema: { tags, response: { 200: SchoolListSchema } },
    onRequest: app.authenticate,
  }, async (req) => ({ items: await listSchools(app.db, req.actor) }))

  app.patch('/schools/:id', {
    schema: { tags, params: IdParamsSchema, body: UpdateSchoolBodySchema, response: { 200: SchoolSchema } },
    onRequest: app.authenticate,
  }, (req) => updateSchool(app.db, req.actor, req.params.id, req.body))

  app.get('/clusters', {
    schema: { tags, response: { 200: ClusterListSchema } },
    onRequest: app.authenticate,
  }, async (req) => ({ items: await listClusters(app.db, req.actor) }))

  app.post('/schools/import/preview', {
    schema: { tags, body: CsvBodySchema, response: { 200: SchoolImportReportSchema } },
    bodyLimit: CSV_BODY_LIMIT,
    onRequest: app.authenticate,
  }, (req) => previewSchoolImport(app.db, req.actor, req.body.csv))

  app.post('/schools/import', {
    schema: { tags, body: CsvBodySchema, response: { 200: SchoolImportReportSchema } },
    bodyLimit: CSV_BODY_LIMIT,
    onRequest: app.authenticate,
  }, (req) => importSchools(app.db, req.actor, req.body.csv))
}
