import type { Feature } from '../../config/feature.ts'

export const feature: Feature = { routes: [], nav: [], homePanels: [] }
