import type { CaseListQuery, SimilarCasesInput } from '@ee/shared/cases'
import type { EngagementListQueryInput } from '@ee/shared/engagements'
import type { FlowsFilter } from '@ee/shared/flows'
import type { PeopleListQueryInput } from '@ee/shared/people'
import type { ReleaseListQuery } from '@ee/shared/releases'

/**
 * Every query key the client uses, one factory per feature (TkDodo's key factories). They live here,
 * not in each feature, because a change in one feature makes another's answers stale (accepting an
 * offer changes the request, the engagements and the notifications) and features do not import each
 * other. Invalidate by a factory's prefix (`requestKeys.all`, `engagementKeys.lists()`), never a literal.
 */

export const meKeys = { all: ['me'] as const }

/** Reference data: the framework, the schools and their clusters (see `reference-data.ts`). */
export const areaKeys = {
  all: ['areas'] as const,
  list: () => [...areaKeys.all, 'list'] as const,
}
export const schoolKeys = {
  all: ['schools'] as const,
  list: () => [...schoolKeys.all, 'list'] as const,
}
export const clusterKeys = {
  all: ['clusters'] as const,
  list: () => [...clusterKeys.all, 'list'] as const,
}

export const requestKeys = {
  all: ['requests'] as const,
  lists: () => [...requestKeys.all, 'list'] as const,
  list: (filter: object) => [...requestKeys.lists(), filter] as const,
  detail: (id: string) => [...requestKeys.all, 'detail', id] as const,
  similar: (id: string) => [...requestKeys.all, 'similar', id] as const,
}

export const offerKeys = {
  all: ['offers'] as const,
  forRequest: (requestId: string) => [...offerKeys.all, 'request', requestId] as const,
  /** Who is next once an invitation on the request has lapsed: stale with every offer change. */
  nextSuggestions: (requestId: string) => [...offerKeys.all, 'next', requestId] as const,
  /** Under the requests' lists: the expert's offers are read from the request list, and go stale with it. */
  mine: () => [...requestKeys.lists(), { mine: true, asExpert: true }] as const,
}

export const caseKeys = {
  all: ['cases'] as const,
  list: (q: CaseListQuery) => [...caseKeys.all, 'list', q] as const,
  detail: (id: string) => [...caseKeys.all, 'detail', id] as const,
  similarToDraft: (draft: SimilarCasesInput) => [...caseKeys.all, 'similar-draft', draft] as const,
}

export const engagementKeys = {
  all: ['engagements'] as const,
  lists: () => [...engagementKeys.all, 'list'] as const,
  list: (q: EngagementListQueryInput) => [...engagementKeys.lists(), q] as const,
  detail: (id: string) => [...engagementKeys.all, 'detail', id] as const,
  /** The colleagues the expert's own head may name to take the work over. */
  colleagues: (id: string) => [...engagementKeys.detail(id), 'colleagues'] as const,
}

export const expertiseKeys = {
  all: ['expertise'] as const,
  directories: () => [...expertiseKeys.all, 'directory'] as const,
  directory: (filter: object) => [...expertiseKeys.directories(), filter] as const,
  detail: (id: string) => [...expertiseKeys.all, 'detail', id] as const,
  /** The reader's own entries, to offer with. */
  mine: () => [...expertiseKeys.all, 'mine'] as const,
  inviteSearch: (q: { area?: string; q?: string }) => [...expertiseKeys.all, 'invite-search', q] as const,
}

export const profileKeys = {
  all: ['profile'] as const,
  me: () => [...profileKeys.all, 'me'] as const,
}

export const matchingKeys = {
  all: ['matching'] as const,
  matches: (requestId: string, panel: boolean) => [...matchingKeys.all, 'matches', requestId, panel] as const,
  whyNot: (requestId: string, personId: string) => [...matchingKeys.all, 'why-not', requestId, personId] as const,
  people: (q: string) => [...matchingKeys.all, 'people', q] as const,
  forMe: () => [...matchingKeys.all, 'for-me'] as const,
}

export const flowKeys = {
  all: ['flows'] as const,
  table: (table: string, filter: FlowsFilter) => [...flowKeys.all, table, filter] as const,
  link: (from: string, to: string, filter: FlowsFilter) => [...flowKeys.all, 'link', from, to, filter] as const,
}

export const notificationKeys = {
  all: ['notifications'] as const,
  list: () => [...notificationKeys.all, 'list'] as const,
  preferences: () => [...notificationKeys.all, 'preferences'] as const,
}

export const peopleKeys = {
  all: ['people'] as const,
  lists: () => [...peopleKeys.all, 'list'] as const,
  list: (filter: PeopleListQueryInput) => [...peopleKeys.lists(), filter] as const,
  invitations: () => [...peopleKeys.all, 'invitations'] as const,
}

export const releaseKeys = {
  all: ['releases'] as const,
  list: (q: ReleaseListQuery) => [...releaseKeys.all, q] as const,
}

/** The trust's audit trail and its retention setting (issue 14). */
export const auditKeys = {
  all: ['audit'] as const,
  list: (filter: object) => [...auditKeys.all, 'list', filter] as const,
  retention: () => [...auditKeys.all, 'retention'] as const,
}

export const calendarKeys = {
  all: ['calendar'] as const,
  year: (year?: number) => [...calendarKeys.all, year ?? 'current'] as const,
}
