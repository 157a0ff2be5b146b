import { Badge } from '@mantine/core'
import { ENGAGEMENT_STATUS_LABELS, type EngagementStatus, RELEASE_STATUS_LABELS, type ReleaseStatus } from '@ee/shared/engagements'

const STATUS_COLOURS: Record<EngagementStatus, string> = { active: 'blue', completed: 'green', cancelled: 'gray' }
// Plain palette names: the theme's CSS variables keep every palette at AA contrast (see app/theme.ts).
const RELEASE_COLOURS: Record<ReleaseStatus, string> = { approved: 'teal', pending: 'orange', refused: 'red' }

export const EngagementStatusBadge = ({ status }: { status: EngagementStatus }) => <Badge color={STATUS_COLOURS[status]} variant="light">{ENGAGEMENT_STATUS_LABELS[status]}</Badge>
export const ReleaseBadge = ({ release }: { release: ReleaseStatus }) => <Badge color={RELEASE_COLOURS[release]} variant="outline">{RELEASE_STATUS_LABELS[release]}</Badge>
