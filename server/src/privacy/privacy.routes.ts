import type { FastifyReply, FastifyRequest } from 'fastify'
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { IdParamsSchema } from '@ee/shared/common'
import { ErasePersonBodySchema, ErasureSchema, ExportQuerySchema, type SubjectAccessExport, SubjectAccessExportSchema } from '@ee/shared/privacy'
import { exportHtml } from './export-html.ts'
import { erasePerson, exportMyData, exportPersonData } from './privacy.service.ts'

const FORMATS = 'JSON by default; `format=html` (or `Accept: text/html`) answers a readable page to keep.'

/** A browser's Accept header names text/html before (or without) JSON. */
function prefersHtml(accept = ''): boolean {
  const html = accept.indexOf('text/html')
  const json = accept.indexOf('application/json')
  return html >= 0 && (json < 0 || html < json)
}

/** HTML when asked for by `format=html` or by a browser's Accept header; always an attachment to keep. */
function send(req: FastifyRequest<{ Querystring: { format?: 'json' | 'html' } }>, reply: FastifyReply, data: SubjectAccessExport) {
  const html = req.query.format === 'html' || (req.query.format === undefined && prefersHtml(req.headers.accept))
  const day = data.generatedAt.slice(0, 10)
  reply.header('cache-control', 'no-store').header('content-disposition', `attachment; filename="my-data-${day}.${html ? 'html' : 'json'}"`)
  return html ? reply.type('text/html; charset=utf-8').send(exportHtml(data)) : data
}

export const privacyRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['privacy']

  app.get('/me/export', {
    config: { access: 'signed-in' },
    schema: { tags, summary: 'Everything the product holds about the signed-in person (subject access)', description: FORMATS, querystring: ExportQuerySchema, response: { 200: SubjectAccessExportSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => send(req, reply, await exportMyData(app.db, req.actor, app.clock.now())))

  app.get('/admin/people/:id/export', {
    config: { access: 'person.export' },
    schema: { tags, summary: "Everything the product holds about a person of the trust, for the administrator to give them", description: FORMATS, params: IdParamsSchema, querystring: ExportQuerySchema, response: { 200: SubjectAccessExportSchema } },
    onRequest: app.authenticate,
  }, async (req, reply) => send(req, reply, await exportPersonData(app.db, req.actor, req.params.id, app.clock.now())))

  app.post('/admin/people/:id/erase', {
    config: { access: 'person.erase', rateLimit: { max: 10, timeWindow: '1 minute' } },
    schema: { tags, summary: 'Erase a person: name, e-mail and their words replaced; figures kept', params: IdParamsSchema, body: ErasePersonBodySchema, response: { 200: ErasureSchema } },
    onRequest: app.authenticate,
  }, (req) => erasePerson(app.db, req.actor, req.params.id, req.body, app.clock.now()))
}
