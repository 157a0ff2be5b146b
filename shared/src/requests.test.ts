import { describe, expect, it } from 'vitest'
import { CreateRequestBodySchema, RequestListQuerySchema, UpdateRequestBodySchema, pupilDataWarnings } from './requests.ts'

describe('pupil-identifying text', () => {
  it.each([
    ['a UPN', 'Our concern is A123456789012 in Year 4', 'upn'],
    ['a temporary UPN', 'See record Z80123456789A for detail', 'upn'],
    ['a date of birth', 'DOB: 12/03/2016, struggles with reading', 'date_of_birth'],
    ['a written date of birth', 'date of birth 4 March 2015', 'date_of_birth'],
    ['born on', 'born on 2015-03-04 and now in Year 6', 'date_of_birth'],
    ['a pupil called X', 'We have a pupil called Jayden who cannot settle', 'pupil_name'],
    ['a child named X Y', 'one child named Amelia Stone refuses', 'pupil_name'],
  ])('When the text holds %s, then the head is warned', (_what, text, kind) => {
    const warnings = pupilDataWarnings({ problem: text })
    expect(warnings).toHaveLength(1)
    expect(warnings[0]).toMatchObject({ field: 'problem', kind })
    expect(warnings[0]!.message).toMatch(/child/)
  })

  it.each([
    'Year 7 pupils arrive reading two years behind.',
    'We tried a programme from 01/09/2025 for a term.',
    'Pupils called out in lessons; our behaviour policy is inconsistent.',
    'The SENCO and the English lead meet every Monday.',
    'URN 137000 is our school.',
  ])('When the text is about the school, not a child ("%s"), then no warning', (text) => {
    expect(pupilDataWarnings({ problem: text, title: text, tried: text, outcome: text })).toEqual([])
  })

  it('names the field the worrying text is in', () => {
    expect(pupilDataWarnings({ title: 'x', tried: 'a pupil called Sam' }).map((w) => w.field)).toEqual(['tried'])
  })
})

describe('request contract', () => {
  it('When a head leaves out the optional fields, then the defaults fill them', () => {
    const parsed = CreateRequestBodySchema.parse({
      title: 'Reading recovery', problem: 'Too many pupils read below their age.', areas: ['reading'], modes: ['fresh_eyes'],
      expertsWanted: 2, daysPerExpert: 3, window: { start: '2027-01-04', end: '2027-03-31' },
    })
    expect(parsed).toMatchObject({ tried: '', outcome: '', subjects: [], phases: [], confidentiality: 'trust' })
  })

  it('When experts wanted is 0 or 6 and the window runs backwards, then each field says so', () => {
    const r = CreateRequestBodySchema.safeParse({
      title: 'Reading', problem: 'short', areas: [], modes: [], expertsWanted: 6, daysPerExpert: 0, window: { start: '2027-03-01', end: '2027-01-01' },
    })
    expect(r.success).toBe(false)
    const paths = r.error!.issues.map((i) => i.path.join('.')).sort()
    expect(paths).toEqual(['areas', 'daysPerExpert', 'expertsWanted', 'modes', 'problem', 'window.end'])
  })

  it('An edit needs the version it was made against', () => {
    expect(UpdateRequestBodySchema.safeParse({ title: 'A new title' }).success).toBe(false)
    expect(UpdateRequestBodySchema.parse({ title: 'A new title', version: 3 })).toEqual({ title: 'A new title', version: 3 })
  })

  it('A list query takes several statuses and refuses unknown ones', () => {
    expect(RequestListQuerySchema.parse({ status: 'open,commissioned', mine: 'true' })).toMatchObject({ status: ['open', 'commissioned'], mine: true })
    expect(RequestListQuerySchema.safeParse({ status: 'open,lost' }).success).toBe(false)
  })
})
