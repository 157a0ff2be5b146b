import type { RequestStatus } from '@ee/shared/requests'

export const REQUEST_STATUS_COLOURS: Record<RequestStatus, string> = {
  draft: 'gray',
  open: 'blue',
  commissioned: 'teal',
  completed: 'green',
  withdrawn: 'dark',
}

export const paths = {
  list: () => '/requests',
  create: () => '/requests/new',
  detail: (id: string) => `/requests/${id}`,
  edit: (id: string) => `/requests/${id}/edit`,
  case: (id: string) => `/cases/${id}`,
}
