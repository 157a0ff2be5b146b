import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CreateExpertiseBodySchema } from './expertise.ts'
import { JARGON, PLAIN_ENGLISH, fieldLabel } from './messages.ts'
import { formatPath } from './problem.ts'
import { CreateRequestBodySchema } from './requests.ts'

/** What a person reads for `input` under `schema`: `path: message`, as the server's problem lists them. */
const said = (schema: z.ZodType, input: unknown) => schema.safeParse(input, PLAIN_ENGLISH).error?.issues.map((i) => `${formatPath(i.path)}: ${i.message}`) ?? []

const request = {
  title: 'Reading fluency in Year 3',
  problem: 'Year 3 pupils are not reading fluently enough to read across the curriculum',
  areas: ['early-reading-phonics'],
  modes: ['coaching'],
  expertsWanted: 1,
  daysPerExpert: 3,
  window: { start: '2027-01-05', end: '2027-03-31' },
}

describe('the one error map', () => {
  it('When the evidence of impact is left out, then the teacher is told what to add, not "Invalid input: expected string, received undefined"', () => {
    const { evidence: _, ...withoutEvidence } = { title: 'Phonics catch-up', summary: 'Running catch-up phonics for Year 2 and 3', evidence: 'x', areas: ['reading'], modes: ['coaching'], capacityDaysPerTerm: 3 }
    expect(said(CreateExpertiseBodySchema, withoutEvidence)).toEqual(['evidence: Add the evidence of impact: what changed, where, and how you know'])
    expect(CreateExpertiseBodySchema.safeParse(withoutEvidence).error?.issues[0]?.message).toBe('Invalid input: expected string, received undefined')
  })

  it.each([
    ['a number given as words', { daysPerExpert: 'three' }, 'daysPerExpert: Say how many days each expert should give'],
    ['a window without its end', { window: { start: '2027-01-05' } }, 'window.end: Add the date the window ends'],
    ['a window that is not a pair of dates', { window: '2027-01-05 to 2027-03-31' }, 'window: The window for the work must be filled in as the form asks'],
    ['a phase that is not one of the choices', { phases: ['primary', 'college'] }, 'phases[1]: Choose phase 2 from: Nursery, Primary, Secondary, All-through, Post-16, Special or Alternative provision'],
    ['too many phases', { phases: ['primary', 'primary', 'primary', 'primary', 'primary', 'primary', 'primary', 'primary'] }, 'phases: Choose at most 7 phases'],
    ['the subjects as one word', { subjects: 'maths' }, 'subjects: The subjects must be a list'],
    ['a title that is a number', { title: 42 }, 'title: The title must be written as text'],
    ['who may read it left empty', { confidentiality: null }, 'confidentiality: Choose who may read it: everyone in the trust or only people I invite'],
    ['a field the form does not have', { colour: 'blue' }, ': Remove “colour”: this form has no such field'],
  ])('When a request has %s, then the message names the field as the form does', (_, change, message) => {
    const schema = 'colour' in change ? CreateRequestBodySchema.strict() : CreateRequestBodySchema
    expect(said(schema, { ...request, ...change })).toEqual([message])
  })

  it.each([
    ['missing text', z.object({ summary: z.string() }), {}, 'summary: Add a summary: what you could do for another school, and how'],
    ['missing yes or no', z.object({ shareWithTrust: z.boolean() }), {}, 'shareWithTrust: Answer yes or no to “Share the case with the whole trust”'],
    ['words for yes or no', z.object({ active: z.boolean() }), { active: 'yes' }, 'active: Answer yes or no to “Open to new work”'],
    ['a fraction for whole days', z.object({ releaseDaysPerTerm: z.int() }), { releaseDaysPerTerm: 2.5 }, 'releaseDaysPerTerm: The release days per term must be a whole number'],
    ['too long a text', z.object({ note: z.string().max(1000) }), { note: 'a'.repeat(1001) }, 'note: The note can be at most 1,000 characters'],
    ['too short a text', z.object({ reason: z.string().min(10) }), { reason: 'because' }, 'reason: The reason needs at least 10 characters'],
    ['an empty text', z.object({ name: z.string().min(1) }), { name: '' }, 'name: Add a name'],
    ['too big a number', z.object({ position: z.number().max(10_000) }), { position: 10_001 }, 'position: The position can be at most 10,000'],
    ['too small a number', z.object({ days: z.number().positive() }), { days: 0 }, 'days: The number of days must be more than 0'],
    ['no number at all', z.object({ impact: z.number() }), { impact: Number.NaN }, 'impact: Rate the impact from 1 to 5'],
    ['a third of a day', z.object({ days: z.number().multipleOf(0.5) }), { days: 1.3 }, 'days: The number of days must be in whole or half days'],
    ['an empty list', z.object({ schoolIds: z.array(z.string()).min(1) }), { schoolIds: [] }, 'schoolIds: Choose at least one of the schools'],
    ['a list of the wrong length', z.object({ terms: z.array(z.string()).length(3) }), { terms: ['autumn'] }, 'terms: The terms must have exactly 3 entries'],
    ['an entry of a list that is not text', z.object({ areas: z.array(z.string()) }), { areas: ['reading', 7] }, 'areas[1]: Area 2 must be written as text'],
    ['a date that is not a date', z.object({ date: z.iso.date() }), { date: '12/01/2027' }, 'date: The date must be a date, like 2027-03-01'],
    ['a nested date left out', z.object({ terms: z.array(z.object({ halfTerm: z.object({ start: z.iso.date() }) })) }), { terms: [{ halfTerm: {} }] }, 'terms[0].halfTerm.start: Add the start of half-term of term 1'],
    ['an id that is not one', z.object({ schoolId: z.guid() }), { schoolId: 'the big school' }, 'schoolId: The school is not one we know. Choose it again from the list'],
    ['an id left empty', z.object({ expertiseId: z.guid() }), { expertiseId: '' }, 'expertiseId: Choose which of your expertise you are offering'],
    ['an e-mail that is not one', z.object({ email: z.email() }), { email: 'head at school' }, 'email: Enter an e-mail address, like name@school.org'],
    ['a code that is not one of the choices', z.object({ role: z.enum(['headteacher', 'teacher']) }), { role: 'governor' }, 'role: Choose the role from: Headteacher or Teacher'],
    ['a field never seen before', z.object({ capacityDaysNextYear: z.number() }), {}, 'capacityDaysNextYear: Add the capacity days next year'],
    ['a refinement with no words of its own', z.object({ outcome: z.string().refine((v) => v.length > 3) }), { outcome: 'ok' }, 'outcome: What success looks like is not right. Check it and try again'],
    ['no form at all', z.object({ title: z.string() }), undefined, ': The form is empty: fill it in and send it again'],
  ])('When a field has %s, then the map says what to do in plain words', (_, schema, input, message) => {
    expect(said(schema, input)).toEqual([message])
  })

  it('When a schema carries its own words, then they win over the map', () => {
    expect(said(z.object({ title: z.string().min(5, 'Give the request a title of at least 5 characters') }), { title: 'Hi' })).toEqual(['title: Give the request a title of at least 5 characters'])
  })

  it('When a path is given, then the field is named the way the form names it', () => {
    expect(fieldLabel(['evidence'])).toBe('the evidence of impact')
    expect(fieldLabel(['daysPerExpert'])).toBe('the days per expert')
    expect(fieldLabel(['terms', 1, 'start'])).toBe('the start date of term 2')
    expect(fieldLabel(['expertise', 0, 'termDays', 'summer'])).toBe('the days in the summer term of expertise entry 1')
    expect(fieldLabel(['closures', 2])).toBe('closure 3')
    expect(fieldLabel(['widgets', 0])).toBe('entry 1 of the widgets')
    expect(fieldLabel([])).toBe('the form')
  })

  it('When a message is checked for jargon, then type names and zod\'s own words are caught and plain ones pass', () => {
    for (const bad of ['Invalid input', 'Expected string, received undefined', 'must be a boolean', 'Too big: expected array to have <=7 items', 'must be an integer', 'Invalid UUID']) expect(bad).toMatch(JARGON)
    for (const good of ['Add the evidence of impact: what changed, where, and how you know', 'The days per expert must be a whole number', 'Choose at most 7 phases']) expect(good).not.toMatch(JARGON)
  })
})
