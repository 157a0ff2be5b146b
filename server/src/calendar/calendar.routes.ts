import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod'
import { CalendarQuerySchema, CalendarYearParamsSchema, CalendarYearSchema, PutCalendarYearBodySchema } from '@ee/shared/calendar'
import { getCalendarYear, putCalendarYear, resetCalendarYear } from './calendar.service.ts'

export const calendarRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['calendar']

  app.get('/calendar', {
    config: { access: 'calendar.read' },
    schema: {
      tags, querystring: CalendarQuerySchema, response: { 200: CalendarYearSchema },
      description: "The trust's terms, half-terms and closure days for an academic year (`year=2026` is 2026/27; default: the current one).",
    },
    onRequest: app.authenticate,
  }, (req) => getCalendarYear(app.db, req.actor, req.query.year, app.clock.now()))

  app.put('/calendar/:year', {
    config: { access: 'calendar.edit' },
    schema: { tags, params: CalendarYearParamsSchema, body: PutCalendarYearBodySchema, response: { 200: CalendarYearSchema } },
    onRequest: app.authenticate,
  }, (req) => putCalendarYear(app.db, req.actor, req.params.year, req.body, app.clock.now()))

  app.delete('/calendar/:year', {
    config: { access: 'calendar.edit' },
    schema: { tags, params: CalendarYearParamsSchema, response: { 200: CalendarYearSchema }, description: "Back to England's usual dates for the year." },
    onRequest: app.authenticate,
  }, (req) => resetCalendarYear(app.db, req.actor, req.params.year, app.clock.now()))
}
