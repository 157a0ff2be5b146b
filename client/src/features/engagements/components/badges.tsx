import { Badge } from '@mantine/core'
import { ENGAGEMENT_STATUS_LABELS, type EngagementStatus, RELEASE_STATUS_LABELS, type ReleaseStatus } from '@ee/shared/engagements'

const STATUS_COLOURS: Record<EngagementStatus, string> = { active: 'blue', completed: 'green', cancelled: 'gray' }
const RELEASE_COLOURS: Record<ReleaseStatus, string> = { approved: 'teal.9', pending: 'orange.9', refused: 'red.9' }

export const EngagementStatusBadge = ({ status }: { status: EngagementStatus }) => <Badge color={STATUS_COLOURS[status]} variant="light">{ENGAGEMENT_STATUS_LABELS[status]}</Badge>
export const ReleaseBadge = ({ release }: { release: ReleaseStatus }) => <Badge color={RELEASE_COLOURS[release]} variant="outline">{RELEASE_STATUS_LABELS[release]}</Badge>
