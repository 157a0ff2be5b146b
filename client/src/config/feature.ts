import type { ReactNode } from 'react'
import type { RouteObject } from 'react-router'
import type { Role } from '@ee/shared/common'

export type NavItem = { label: string; to: string; roles: readonly Role[]; order: number }
export type HomePanel = { id: string; roles: readonly Role[]; order: number; render: () => ReactNode }

/** What a client feature contributes to the app: pages, links in the navigation, cards on each role's home. */
export type Feature = {
  routes: RouteObject[]
  nav: NavItem[]
  homePanels: HomePanel[]
  /** Something for the header beside the user menu, e.g. the notifications bell. */
  header?: () => ReactNode
}
