import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { AuditListQuerySchema, AuditListSchema, PutRetentionBodySchema, RetentionSchema } from '@ee/shared/audit'
import { auditCsv, auditCsvFilename, sendCsvFile } from './audit-csv.ts'
import { allAudit, listAudit } from './audit.service.ts'
import { readRetention, setRetention } from './retention.service.ts'

export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/admin/audit', {
    config: { access: 'audit.read' },
    schema: {
      tags: ['admin'],
      description: 'The trust\'s audit trail, newest first: who did what to which object and when, refused attempts included. ' +
        'Filter by person (who acted), action (or its start, e.g. `request`), object type and id, outcome and UK dates. `format=csv` answers every matching row as text/csv.',
      querystring: AuditListQuerySchema,
      response: { 200: AuditListSchema },
    },
    onRequest: app.authenticate,
  }, async (req, reply) => {
    if (req.query.format !== 'csv') return listAudit(app.db, req.actor, req.query)
    const body = auditCsv(await allAudit(app.db, req.actor, req.query), app.config.publicUrl)
    // Answered here, not serialised: Fastify awaits the reply (a thenable) as sent.
    return sendCsvFile(reply, auditCsvFilename(app.clock.now()), body) as unknown as ReturnType<typeof listAudit>
  })

  app.get('/retention', {
    config: { access: 'signed-in' },
    schema: {
      tags: ['admin'],
      description: 'How many months after closing the trust keeps the words of closed requests and the notes of closed engagements, and how many have been cleared.',
      response: { 200: RetentionSchema },
    },
    onRequest: app.authenticate,
  }, (req) => readRetention(app.db, req.actor))

  app.put('/admin/retention', {
    config: { access: 'retention.edit' },
    schema: { tags: ['admin'], body: PutRetentionBodySchema, response: { 200: RetentionSchema } },
    onRequest: app.authenticate,
  }, (req) => setRetention(app.db, req.actor, req.body))
}
