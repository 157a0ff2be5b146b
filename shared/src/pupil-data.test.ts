import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { findPupilData, isValidUpn, noPupilData, refusedPupilData } from './pupil-data.ts'

const TODAY = new Date('2026-11-30T12:00:00Z')
const kinds = (text: string) => findPupilData(text, TODAY).map((f) => [f.kind, f.match])

describe('Unique Pupil Numbers', () => {
  it.each([
    ['B801200005001', 'the example of the DfE format'],
    ['H930123456010', 'another permanent UPN'],
    ['T204000110231', 'another permanent UPN'],
    ['Z80123456789A', 'a temporary UPN (ends in a letter)'],
    ['b801200005001', 'typed in lower case'],
  ])('When the check letter of %s is right (%s), then it is a UPN', (upn) => {
    expect(isValidUpn(upn)).toBe(true)
    expect(kinds(`Our concern is ${upn} in Year 4`)).toEqual([['upn', upn]])
  })

  it.each([
    ['A801200005001', 'a wrong check letter'],
    ['I801200005001', 'I is never a check letter'],
    ['S801200005001', 'S is never a check letter'],
    ['B80120000500', 'twelve characters'],
    ['B8012000050012', 'fourteen characters'],
  ])('When %s has %s, then it is not a UPN', (value) => {
    expect(isValidUpn(value)).toBe(false)
    expect(kinds(`Reference ${value} on the order`)).toEqual([])
  })

  it.each([
    'Call the office on 01632 960001 or +44 7700 900123.',
    'Our URN is 137000 and our DfE number is 801/4001.',
    'Purchase order PO2026000123 went to the supplier.',
    'Invoice A801200005001 is unpaid.',
  ])('When the text holds a phone number, a URN or a reference that only looks like one ("%s"), then nothing is found', (text) => {
    expect(kinds(text)).toEqual([])
  })

  it('When the text says a number is a UPN, then it is one even with a wrong check letter', () => {
    expect(kinds('UPN: A801200005001 struggles')).toEqual([['upn', 'UPN: A801200005001']])
  })
})

describe('Dates of birth', () => {
  it.each([
    ['DOB: 12/03/2016, struggles with reading', 'DOB: 12/03/2016'],
    ['d.o.b. 4 March 2015 and in Year 6', 'd.o.b. 4 March 2015'],
    ['date of birth 2015-03-04', 'date of birth 2015-03-04'],
    ['born on 4th May 2016, now in Year 5', 'born on 4th May 2016'],
    ['Amelia Stone (12/03/2016) cannot settle', 'Amelia Stone (12/03/2016'],
    ['Jayden Smith, 01.09.14 has an EHCP', 'Jayden Smith, 01.09.14'],
  ])('When the text reads "%s", then the date of birth is found', (text, match) => {
    expect(kinds(text)).toEqual([['date_of_birth', match]])
  })

  it.each([
    'We tried a programme from 01/09/2025 for a term.',
    'Spring Term (06/01/2027) starts with mocks.',
    'Ofsted Inspection, 12/03/2024 found behaviour good.',
    'Mrs Patel, 12/03/2026 is when our deputy starts.',
    'Since 2019 reading has been our priority.',
  ])('When a date is about the school, not a child ("%s"), then nothing is found', (text) => {
    expect(kinds(text)).toEqual([])
  })
})

describe('What the server refuses', () => {
  it('When the text names a pupil without a UPN or a date of birth, then it is a warning only', () => {
    expect(kinds('We have a pupil called Jayden who cannot settle')).toEqual([['pupil_name', 'pupil called Jayden']])
    expect(refusedPupilData('We have a pupil called Jayden who cannot settle', TODAY)).toBeUndefined()
  })

  it('When a schema field refines with noPupilData, then a UPN is refused with what to remove and the text is not repeated', () => {
    const Note = z.object({ note: z.string().superRefine(noPupilData) })
    const res = Note.safeParse({ note: 'Met B801200005001 today' })
    expect(res.success).toBe(false)
    expect(res.error!.issues).toEqual([expect.objectContaining({
      path: ['note'],
      message: 'This contains a Unique Pupil Number. Remove it: describe the school-level need, never identify a child.',
    })])
    expect(JSON.stringify(res.error!.issues.map((i) => i.message))).not.toContain('B801200005001')
    expect(Note.safeParse({ note: 'Met the Year 4 team today' }).success).toBe(true)
  })
})
