import { Anchor, Container, List, Paper, Stack, Text, Title } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useEffect } from 'react'
import { Link } from 'react-router'
import { RETENTION_MONTHS, RetentionSchema } from '@ee/shared/audit'
import { api } from '../../lib/api.ts'
import { useMe } from '../../lib/auth.tsx'
import { auditKeys } from '../../lib/query-keys.ts'

/**
 * The privacy notice (issue 14, docs/design.md §11): readable before signing in. Signed in, it states
 * the person's own trust's retention; otherwise the default, which a trust may change.
 */
export function PrivacyPage() {
  const me = useMe()
  const retention = useQuery({ queryKey: auditKeys.retention(), queryFn: () => api.get('/retention', RetentionSchema), enabled: Boolean(me) })
  useEffect(() => {
    document.title = 'Privacy notice · Expertise Exchange'
  }, [])
  const months = retention.data?.months
  const trust = me?.trustName ?? 'your trust'
  return (
    <Container size="sm" py="xl" component="main">
      <Paper withBorder p="xl" radius="md">
        <Stack>
          <Title order={1} size="h2">Privacy notice</Title>
          <Text>
            Expertise Exchange helps the schools of a trust share expertise. {me ? me.trustName : 'Each trust'} is the data controller for everything
            its people put here (UK GDPR); this service processes it on the trust’s behalf.
          </Text>
          <Title order={2} size="h4">What we keep</Title>
          <List spacing={4}>
            <List.Item>Your name, work e-mail address, role and school, so colleagues can find and work with you.</List.Item>
            <List.Item>The expertise you register, the requests your school raises, the offers and the work done, with session notes and reflections.</List.Item>
            <List.Item>A record of who did what and when (the audit trail), including attempts that were refused. Nobody can change or delete it.</List.Item>
          </List>
          <Title order={2} size="h4">Never pupils’ details</Title>
          <Text>
            Requests, session notes and reflections describe a school’s need, never a child. Text holding a Unique Pupil Number or a date of birth next to a
            name is refused, and the form says what to remove as you type.
          </Text>
          <Title order={2} size="h4" id="retention">How long we keep it</Title>
          {months !== undefined ? (
            <Text>
              {trust} keeps the words of closed work for <strong>{months} months</strong> after it closes. After that, a nightly job removes what a
              completed or withdrawn request says, and the session notes and reflections of finished engagements. The figures stay: titles, days, dates and
              the flows between schools.
            </Text>
          ) : (
            <Text>
              The words of closed work are kept for <strong>{RETENTION_MONTHS.default} months</strong> after it closes, unless your trust sets another period
              (between {RETENTION_MONTHS.min} months and {RETENTION_MONTHS.max / 12} years); sign in to see your trust’s. After that, a nightly job removes
              what a completed or withdrawn request says, and the session notes and reflections of finished engagements. The figures stay: titles, days,
              dates and the flows between schools.
            </Text>
          )}
          <Title order={2} size="h4">Your rights</Title>
          <Text>
            You may ask for a copy of everything held about you, and for your details to be erased. Ask {me ? 'your trust administrator' : 'your trust’s administrator or data protection officer'}.
          </Text>
          <Anchor component={Link} to={me ? '/' : '/login'} size="sm">{me ? 'Back to Expertise Exchange' : 'Back to sign in'}</Anchor>
        </Stack>
      </Paper>
    </Container>
  )
}
