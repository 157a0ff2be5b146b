import { EmailSchema, type Role } from '@ee/shared/common'
import { readCsv } from '../schools/school-csv.ts'

export const REQUIRED_COLUMNS = ['email', 'role', 'school_urn'] as const
export const MAX_ROWS = 2000

const ROLES: Record<string, Role> = {
  headteacher: 'headteacher',
  'head teacher': 'headteacher',
  head: 'headteacher',
  teacher: 'teacher',
  staff: 'teacher',
  central: 'central',
  'central team': 'central',
  admin: 'admin',
  administrator: 'admin',
  'trust administrator': 'admin',
}

export const mapRole = (text: string): Role | null => ROLES[text.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null

export type InvitationCsvRow = { line: number; email: string; role: Role | null; schoolUrn: number | null; reasons: string[] }

/** Reads email,role,school_urn; school_urn is needed for headteachers and teachers and empty for the trust's own team. */
export function parseInvitationsCsv(csv: string): { ok: true; rows: InvitationCsvRow[] } | { ok: false; message: string } {
  const { header, records } = readCsv(csv)
  const missing = REQUIRED_COLUMNS.filter((c) => !header.includes(c))
  if (missing.length) {
    return { ok: false, message: `The file needs the columns ${REQUIRED_COLUMNS.join(', ')} in its first line; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} missing.` }
  }
  if (records.length === 0) return { ok: false, message: 'The file has a header but nobody to invite.' }
  if (records.length > MAX_ROWS) return { ok: false, message: `The file has ${records.length} people; invite at most ${MAX_ROWS} at a time.` }
  const firstLine = new Map<string, number>()
  return {
    ok: true,
    rows: records.map((r, i) => {
      const line = i + 2
      const reasons: string[] = []
      const emailText = (r.email ?? '').trim()
      const parsed = EmailSchema.safeParse(emailText)
      const email = parsed.success ? parsed.data : emailText.toLowerCase()
      if (!emailText) reasons.push('The e-mail address is missing')
      else if (!parsed.success) reasons.push(`"${emailText}" is not an e-mail address`)
      else {
        const first = firstLine.get(email)
        if (first !== undefined) reasons.push(`This e-mail appears twice in the file (also on line ${first})`)
        else firstLine.set(email, line)
      }
      const roleText = (r.role ?? '').trim()
      const role = roleText ? mapRole(roleText) : null
      if (!roleText) reasons.push('The role is missing')
      else if (!role) reasons.push(`The role "${roleText}" is not one of headteacher, teacher, central or admin`)
      const urnText = (r.school_urn ?? '').trim()
      let schoolUrn: number | null = null
      if (urnText && !/^\d{1,8}$/.test(urnText)) reasons.push(`The school URN "${urnText}" is not a number`)
      else if (urnText) schoolUrn = Number(urnText)
      if (role === 'headteacher' || role === 'teacher') {
        if (!urnText) reasons.push(`A ${role} needs the URN of their school in school_urn`)
      } else if (role && urnText) {
        reasons.push('The central team and administrators do not belong to a school; leave school_urn empty')
      }
      return { line, email, role, schoolUrn, reasons }
    }),
  }
}
