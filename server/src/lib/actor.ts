import type { Role } from '@ee/shared/common'

/** The signed-in person, as every service sees them. */
export type Actor = Readonly<{
  id: string
  trustId: string
  schoolId: string | null
  role: Role
  name: string
}>
