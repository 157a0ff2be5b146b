import { ROLE_LABELS } from '@ee/shared/common'
import type { SubjectAccessExport } from '@ee/shared/privacy'

/**
 * The subject access download as one page a person can read and keep: no script, no outside link or
 * style sheet, every stored word escaped. The JSON download holds the same data for a machine.
 */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ESCAPES[c]!)

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec']
/** 12 Jan 2027, or 12 Jan 2027 09:30 (UTC) for a moment. */
function ukDate(value: string | null): string {
  if (!value) return '—'
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?/.exec(value)
  if (!m) return value
  const date = `${Number(m[3])} ${MONTHS[Number(m[2]) - 1]} ${m[1]}`
  return m[4] ? `${date} ${m[4]}:${m[5]}` : date
}

type Cell = string | number | boolean | null
const cell = (v: Cell) => (v === null ? '—' : typeof v === 'boolean' ? (v ? 'yes' : 'no') : escapeHtml(String(v)))

function table(caption: string, empty: string, head: string[], rows: Cell[][]): string {
  if (!rows.length) return `<section><h2>${escapeHtml(caption)}</h2><p class="empty">${escapeHtml(empty)}</p></section>`
  return [
    `<section><h2>${escapeHtml(caption)}</h2><table><thead><tr>`,
    head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join(''),
    '</tr></thead><tbody>',
    rows.map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`).join(''),
    '</tbody></table></section>',
  ].join('')
}

export function exportHtml(x: SubjectAccessExport): string {
  const p = x.person
  const about = [
    ['Name', p.name], ['E-mail', p.email], ['Role', `${ROLE_LABELS[p.role]}${p.schoolName ? ` at ${p.schoolName}` : ''}`], ['Trust', p.trustName],
    ['Account', p.active ? (p.paused ? 'active, availability paused' : 'active') : 'deactivated'], ['Joined', ukDate(p.createdAt)], ['Last active', ukDate(p.lastActiveAt)],
  ]
  const sections = [
    `<section><h2>About you</h2><table class="about"><tbody>${about.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k!)}</th><td>${escapeHtml(v!)}</td></tr>`).join('')}</tbody></table></section>`,
    table('Your expertise', 'No expertise entries.', ['Title', 'Summary', 'Evidence of impact', 'Areas', 'Days per term', 'Active', 'Archived'],
      x.expertise.map((e) => [e.title, e.summary, e.evidence, e.areas.join(', '), e.capacityDaysPerTerm, e.active, ukDate(e.archivedAt)])),
    table('Requests you raised', 'No requests.', ['Title', 'What we see', 'What we tried', 'Success looks like', 'Status', 'Window'],
      x.requests.map((r) => [r.title, r.problem, r.tried, r.outcome, r.status, `${ukDate(r.windowStart)} to ${ukDate(r.windowEnd)}`])),
    table('Offers and invitations', 'No offers.', ['Request', 'Your message', 'Days', 'Status', 'Made'],
      x.offers.map((o) => [o.requestTitle, o.message, o.days, o.status, ukDate(o.createdAt)])),
    table('Work', 'No engagements.', ['Request', 'Your part', 'Status', 'Days agreed', 'Days delivered', 'Impact', "Expert's reflection", "Head's reflection"],
      x.engagements.map((g) => [g.requestTitle, g.part, g.status, g.days, g.deliveredDays, g.impact, g.expertReflection, g.headReflection])),
    table('Sessions you logged', 'No sessions.', ['Date', 'Days', 'Note'], x.sessionLogs.map((l) => [ukDate(l.date), l.days, l.note])),
    table('More days you asked for', 'None.', ['Days', 'Reason', 'Status', 'Asked'], x.extensions.map((e) => [e.days, e.reason, e.status, ukDate(e.createdAt)])),
    table('Notifications', 'No notifications.', ['When', 'Title', 'Message', 'Read'], x.notifications.map((n) => [ukDate(n.createdAt), n.title, n.body, ukDate(n.readAt)])),
    table('E-mails', 'No e-mails.', ['When', 'Subject', 'Text', 'Sent'], x.emails.map((m) => [ukDate(m.createdAt), m.subject, m.text, ukDate(m.sentAt)])),
    table('Notification settings', 'The usual settings.', ['Kind', 'Delivery'], x.notificationPreferences.map((n) => [n.kind, n.delivery])),
    table('Audit trail', 'Nothing recorded.', ['When', 'Action', 'Object', 'By you', 'Outcome', 'Detail'],
      x.auditEvents.map((e) => [ukDate(e.createdAt), e.action, `${e.objectType}${e.objectId ? ` ${e.objectId}` : ''}`, e.byThisPerson, e.outcome, e.detail === null ? null : JSON.stringify(e.detail)])),
  ]
  const title = `Your data on Expertise Exchange: ${p.name}`
  const who = x.requestedBy === 'self' ? 'You asked for this copy' : 'Your trust administrator made this copy for you'
  return `<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>${escapeHtml(title)}</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1a1a1a}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}table{border-collapse:collapse;width:100%}th,td{border:1px solid #bbb;padding:.35rem .5rem;text-align:left;vertical-align:top;white-space:pre-wrap}th{background:#f2f2f2}.about{width:auto}.empty{color:#555}</style>
</head><body><main>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(`${who} on ${ukDate(x.generatedAt)} (UTC). It holds everything ${p.trustName} keeps about you on Expertise Exchange. If something is wrong, ask your trust administrator to correct it.`)}</p>
${sections.join('\n')}
</main></body></html>
`
}
