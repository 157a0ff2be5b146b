import type { FastifyReply } from 'fastify'
import Papa from 'papaparse'
import type { AuditEvent } from '@ee/shared/audit'

/**
 * The audit trail as a CSV file. A small function of its own until the shared list CSV helper (Part F,
 * lib/csv.ts) is on main; it keeps the same promises: UTF-8 with a byte-order mark for Excel (added
 * when sent), and a cell that starts like a formula (= + - @, tab, carriage return) is escaped.
 */
const FORMULA_START = /^[=+\-@\t\r]/

const LONDON = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', dateStyle: 'short', timeStyle: 'medium' })

/** Words for who acted: a person, someone of another trust (named in their own trust's trail only), or the service. */
export const whoDid = (e: AuditEvent): string =>
  e.actor ? (e.actor.name ?? 'Someone from another trust') : e.detail?.fromAnotherTrust ? 'Someone from another trust' : 'The service'

export function auditCsv(items: readonly AuditEvent[], publicUrl: string): string {
  const fields = ['When (UK time)', 'Who', 'Person id', 'Action', 'Object', 'Object id', 'Outcome', 'Link', 'Detail', 'Request id']
  const data = items.map((e) => [
    LONDON.format(new Date(e.at)),
    whoDid(e),
    e.actor?.id ?? '',
    e.action,
    e.objectType,
    e.objectId ?? '',
    e.outcome,
    e.link ? `${publicUrl.replace(/\/$/, '')}${e.link}` : '',
    e.detail ? JSON.stringify(e.detail) : '',
    e.requestId ?? '',
  ])
  return Papa.unparse({ fields, data }, { escapeFormulae: FORMULA_START, newline: '\r\n' })
}

export const auditCsvFilename = (now: Date) => `audit-${now.toISOString().slice(0, 10)}.csv`

/** UTF-8 with a byte-order mark, so that Excel reads names with accents as they are. */
export function sendCsvFile(reply: FastifyReply, filename: string, body: string): FastifyReply {
  return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${filename}"`).send(`\uFEFF${body}\r\n`)
}
