import type { Case } from '@ee/shared/cases'
import { csvTable } from '../lib/csv.ts'

export const casesCsv = csvTable<Case>('cases', [
  ['Title', (c) => c.title],
  ['Areas', (c) => c.areas.map((a) => a.name)],
  ['Providing school', (c) => c.providerSchool?.name],
  ['Receiving school', (c) => c.receiverSchool.name],
  ['Impact (1 to 5)', (c) => c.impact],
  ['Problem', (c) => c.problem],
  ['Approach', (c) => c.approach],
  ['Outcome', (c) => c.outcome],
  ['Shared with', (c) => (c.visibility === 'trust' ? 'The whole trust' : 'The two schools')],
  ['Made', (c) => c.createdAt.slice(0, 10)],
])
