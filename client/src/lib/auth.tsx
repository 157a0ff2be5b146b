import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { ReactNode } from 'react'
import { Navigate, useLocation } from 'react-router'
import { LoginResponseSchema, MeSchema, type Person } from '@ee/shared/auth'
import type { Role } from '@ee/shared/common'
import { OkSchema } from '@ee/shared/common'
import { ApiError, api } from './api.ts'
import { meKeys } from './query-keys.ts'
import { PageLoader } from '../components/states.tsx'

export const meQuery = queryOptions({
  queryKey: meKeys.all,
  queryFn: async () => {
    try {
      return (await api.get('/me', MeSchema)).person
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null
      throw err
    }
  },
  staleTime: 60_000,
})

export function useMe(): Person | null | undefined {
  return useQuery(meQuery).data
}

/** The signed-in person; only for components rendered inside RequireAuth. */
export function useActor(): Person {
  const me = useMe()
  if (!me) throw new Error('useActor outside RequireAuth')
  return me
}

export function useLogin() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; password: string }) => api.post('/auth/login', LoginResponseSchema, body),
    onSuccess: (data) => {
      qc.clear()
      qc.setQueryData(meQuery.queryKey, data.person)
    },
  })
}

export function useLogout() {
  const qc = useQueryClient()
  return useMutation({
    mutationFn: () => api.post('/auth/logout', OkSchema),
    onSettled: () => {
      qc.clear()
      qc.setQueryData(meQuery.queryKey, null)
    },
  })
}

export function RequireAuth({ children, roles }: { children: ReactNode; roles?: readonly Role[] }) {
  const { data: me, isPending } = useQuery(meQuery)
  const location = useLocation()
  if (isPending) return <PageLoader />
  if (!me) return <Navigate to={`/login?next=${encodeURIComponent(location.pathname + location.search)}`} replace />
  if (roles && !roles.includes(me.role)) return <Navigate to="/" replace />
  return <>{children}</>
}
