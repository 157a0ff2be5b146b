import { screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Match } from '@ee/shared/matching'
import { id, stubApi } from '../../testing/request-fixtures.ts'
import { renderRoutes } from '../../testing/render.tsx'
import { SuggestionsPage } from './suggestions-page.tsx'

const SLOW = { timeout: 5000 }
const SPRING = { label: 'Spring 2027', start: '2027-01-04', end: '2027-04-09' }

const match: Match = {
  expertise: {
    id: id(10), title: 'Reading for pleasure: family literacy', summary: 'Family reading mornings.', evidence: 'Borrowing doubled.',
    areas: ['reading'], phases: ['primary'], modes: ['coaching'], capacityDaysPerTerm: 6, freeDays: 6,
  },
  person: { id: id(20), name: 'Bea Expert', lastActiveAt: null },
  school: { id: id(30), name: 'Oakfield Primary', distanceKm: 4.2 },
  score: 0.8,
  signals: {},
  reasons: [
    'Reading for pleasure',
    'Oakfield Primary is 4 km from Castle Hill Primary',
    'Rated 5.0 out of 5 from 1 past engagement in humanities (an area next to reading)',
    '6 days free in Spring 2027',
  ],
  reasonDetails: [
    { text: 'Reading for pleasure', evidence: { kind: 'title', title: 'Reading for pleasure: family literacy' } },
    {
      text: 'Oakfield Primary is 4 km from Castle Hill Primary',
      evidence: { kind: 'distance', km: 4.2, from: { id: id(31), name: 'Castle Hill Primary' }, to: { id: id(30), name: 'Oakfield Primary' }, sameCluster: false },
    },
    {
      text: 'Rated 5.0 out of 5 from 1 past engagement in humanities (an area next to reading)',
      evidence: { kind: 'trackRecord', meanImpact: 5, count: 1, earnedIn: [{ area: 'humanities', asked: ['reading'], count: 1 }] },
    },
    {
      text: '6 days free in Spring 2027',
      evidence: { kind: 'availability', freeDays: 6, capacityDays: 6, committedDays: 0, askedDays: 3, term: SPRING },
    },
  ],
  inPanel: false,
}

describe('the suggestions page', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('When a head reads a suggestion, then each reason names its evidence and the title is not repeated as a reason', async () => {
    stubApi({ [`/api/requests/${id(1)}/matches`]: () => ({ body: [match] }) })
    renderRoutes([{ path: '/requests/:id/suggestions', element: <SuggestionsPage renderInvite={() => null} /> }], `/requests/${id(1)}/suggestions`)
    const card = await screen.findByRole('article', { name: 'Suggestion 1: Bea Expert' }, SLOW)
    const reasons = within(within(card).getByRole('list', { name: 'Why they are suggested' })).getAllByRole('listitem').map((li) => li.textContent)
    expect(reasons).toEqual([
      'Oakfield Primary is 4 km from Castle Hill Primary',
      'Rated 5.0 out of 5 from 1 past engagement in humanities (an area next to reading)',
      '6 days free in Spring 2027',
    ])
  })
})
