import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema, REFERENCE_PAGE_MAX } from '@ee/shared/common'
import { CsvBodySchema, MAX_CSV_BYTES, SchoolImportQuerySchema, SchoolImportReportSchema, SchoolListQuerySchema, SchoolListSchema, SchoolSchema, UpdateSchoolBodySchema } from '@ee/shared/schools'
import { decodeCsv } from './school-csv.ts'
import { importSchools, listSchools, previewSchoolImport, updateSchool } from './schools.service.ts'
import { answerList, wholeList } from '../lib/csv.ts'
import { schoolsCsv } from './schools.csv.ts'


const IMPORT_DESCRIPTION =
  'The file as Get Information about Schools gives it (or urn,name,phase,lat,lng). Send it as raw bytes with ' +
  '`Content-Type: text/csv` (UTF-8 or Windows-1252, up to 100 MB) or as JSON `{csv}`. Say which schools are the ' +
  "trust's with one of `trustName`, `trustUid` or `urns` (comma-separated) in the query."

export const schoolsRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['schools']

  // A whole-country GIAS download is about 60 MB of Windows-1252: read as bytes, decoded here.
  app.addContentTypeParser(['text/csv', 'application/octet-stream'], { parseAs: 'buffer', bodyLimit: MAX_CSV_BYTES }, (_req, body, done) => {
    done(null, { csv: decodeCsv(body as Buffer) })
  })

  app.get('/schools', {
    config: { access: 'trust.read' },
    schema: { tags, querystring: SchoolListQuerySchema, response: { 200: SchoolListSchema } },
    onRequest: app.authenticate,
  }, (req, reply) => answerList(reply, req.query, wholeList(() => listSchools(app.db, req.actor)), { table: schoolsCsv, pageSize: REFERENCE_PAGE_MAX, now: app.clock.now() }))

  app.patch('/schools/:id', {
    config: { access: 'school.update' },
    schema: { tags, params: IdParamsSchema, body: UpdateSchoolBodySchema, response: { 200: SchoolSchema } },
    onRequest: app.authenticate,
  }, (req) => updateSchool(app.db, req.actor, req.params.id, req.body))

  app.post('/schools/import/preview', {
    config: { access: 'school.import' },
    schema: { tags, description: IMPORT_DESCRIPTION, consumes: ['text/csv', 'application/json'], querystring: SchoolImportQuerySchema, body: CsvBodySchema, response: { 200: SchoolImportReportSchema } },
    bodyLimit: MAX_CSV_BYTES,
    onRequest: app.authenticate,
  }, (req) => previewSchoolImport(app.db, req.actor, req.body.csv, req.query))

  app.post('/schools/import', {
    config: { access: 'school.import' },
    schema: { tags, description: IMPORT_DESCRIPTION, consumes: ['text/csv', 'application/json'], querystring: SchoolImportQuerySchema, body: CsvBodySchema, response: { 200: SchoolImportReportSchema } },
    bodyLimit: MAX_CSV_BYTES,
    onRequest: app.authenticate,
  }, (req) => importSchools(app.db, req.actor, req.body.csv, req.query))
}
