import { describe, expect, it } from 'vitest'
import { CreateExpertiseBodySchema } from '@ee/shared/expertise'
import { CreateOfferBodySchema } from '@ee/shared/offers'
import { formResolver } from './forms.ts'

const options = { fields: {}, shouldUseNativeValidation: false } as const

describe('formResolver', () => {
  it('When a form leaves out the evidence of impact, then it shows the words the server would send', async () => {
    const resolve = formResolver(CreateExpertiseBodySchema)
    const { errors } = await resolve({ title: 'Phonics catch-up', summary: 'Running catch-up phonics for Year 2 and 3', areas: ['reading'], modes: ['coaching'], capacityDaysPerTerm: 3 } as never, undefined, options)
    expect(errors).toMatchObject({ evidence: { message: 'Add the evidence of impact: what changed, where, and how you know' } })
  })

  it('When no expertise is chosen for an offer, then the form asks for one rather than saying the id is not valid', async () => {
    const resolve = formResolver(CreateOfferBodySchema)
    const { errors } = await resolve({ expertiseId: '', message: 'I ran this at my school for two years', days: 2, proposedStart: null, proposedEnd: null }, undefined, options)
    expect(errors).toEqual({ expertiseId: expect.objectContaining({ message: 'Choose which of your expertise you are offering' }) })
  })
})
