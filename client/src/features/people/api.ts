import { queryOptions, useMutation, useQueryClient } from '@tanstack/react-query'
import {
  type CreateInvitationBody, InvitationImportReportSchema, InvitationSentSchema, PeopleListSchema, type PeopleListQueryInput, PendingInvitationListSchema,
  PersonSummarySchema, ResetLinkSentSchema, type UpdatePersonBody,
} from '@ee/shared/people'
import { SchoolListSchema } from '@ee/shared/schools'
import { api } from '../../lib/api.ts'

export const peopleQueries = {
  all: () => ['people'] as const,
  lists: () => [...peopleQueries.all(), 'list'] as const,
  list: (filter: PeopleListQueryInput) => queryOptions({ queryKey: [...peopleQueries.lists(), filter], queryFn: () => api.get('/people', PeopleListSchema, filter) }),
  invitations: () => queryOptions({ queryKey: [...peopleQueries.all(), 'invitations'], queryFn: () => api.get('/invitations', PendingInvitationListSchema) }),
  schools: () => queryOptions({ queryKey: ['schools', 'list'], queryFn: () => api.get('/schools', SchoolListSchema), staleTime: 5 * 60_000 }),
}

export function useUpdatePerson() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdatePersonBody }) => api.patch(`/people/${id}`, PersonSummarySchema, body),
    onSuccess: () => Promise.all([qc.invalidateQueries({ queryKey: peopleQueries.all() }), qc.invalidateQueries({ queryKey: ['expertise'] })]),
  })
}

export function useInvite() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: CreateInvitationBody) => api.post('/invitations', InvitationSentSchema, body),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleQueries.invitations().queryKey }),
  })
}

export function useResendInvitation() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => api.post(`/invitations/${id}/resend`, InvitationSentSchema),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleQueries.invitations().queryKey }),
  })
}

export function useSendResetLink() {
  return useMutation({ mutationFn: (id: string) => api.post(`/people/${id}/password-reset`, ResetLinkSentSchema) })
}

export function useImportInvitations() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (csv: string) => api.post('/invitations/import', InvitationImportReportSchema, { csv }),
    onSuccess: () => qc.invalidateQueries({ queryKey: peopleQueries.invitations().queryKey }),
  })
}
