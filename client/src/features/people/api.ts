import { infiniteQueryOptions, queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  type CreateInvitationBody, InvitationImportReportSchema, InvitationSentSchema, PeopleListSchema, type PeopleListQueryInput, PendingInvitationListSchema,
  PersonSummarySchema, ResetLinkSentSchema, type UpdatePersonBody,
} from '@ee/shared/people'
import { type ErasePersonBody, ErasureSchema } from '@ee/shared/privacy'
import { api } from '../../lib/api.ts'
import { expertiseKeys, peopleKeys } from '../../lib/query-keys.ts'

export const PEOPLE_PAGE = 100

export const peopleQueries = {
  /** A trust can have thousands of people: a page at a time, "Show more" for the next (IN-2). */
  list: (filter: PeopleListQueryInput) =>
    infiniteQueryOptions({
      queryKey: peopleKeys.list(filter),
      queryFn: ({ pageParam }) => api.get('/people', PeopleListSchema, { ...filter, limit: PEOPLE_PAGE, cursor: pageParam }),
      initialPageParam: undefined as string | undefined,
      getNextPageParam: (last) => last.nextCursor ?? undefined,
      select: (data) => ({ items: data.pages.flatMap((p) => p.items) }),
    }),
  invitations: () => queryOptions({ queryKey: peopleKeys.invitations(), queryFn: () => api.getAll('/invitations', PendingInvitationListSchema) }),
}

export function useUpdatePerson() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePersonBody }) => api.patch(`/people/${id}`, PersonSummarySchema, body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: peopleKeys.all }), qc.invalidateQueries({ queryKey: expertiseKeys.all })]),
  })
}

export function useInvite() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateInvitationBody) => api.post('/invitations', InvitationSentSchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleKeys.invitations() }),
  })
}

export function useResendInvitation() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post(`/invitations/${id}/resend`, InvitationSentSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleKeys.invitations() }),
  })
}

export function useSendResetLink() {
  return useMutation({ mutationFn: (id: string) => api.post(`/people/${id}/password-reset`, ResetLinkSentSchema) })
}

export function useImportInvitations() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (csv: string) => api.post('/invitations/import', InvitationImportReportSchema, { csv }),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleKeys.invitations() }),
  })
}

/** Erasure (docs/design.md §11): the person stays in every figure as "A former colleague". */
export function useErasePerson() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ErasePersonBody }) => api.post(`/admin/people/${id}/erase`, ErasureSchema, body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: peopleKeys.all }), qc.invalidateQueries({ queryKey: expertiseKeys.all })]),
  })
}

/** A person's data as a page to keep, downloaded with the administrator's session. */
export const personDataHref = (id: string) => `/api/admin/people/${id}/export?format=html`
