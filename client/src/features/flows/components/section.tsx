import { Group, Paper, Stack, Title } from '@mantine/core'
import type { ReactNode } from 'react'

/** One block of the flows report: a heading, its download link, its content; kept whole on a printed page. */
export function Section({ id, title, actions, children }: { id: string; title: string; actions?: ReactNode; children: ReactNode }) {
  return (
    <Paper component="section" withBorder p="md" radius="md" aria-labelledby={id} className="flow-section">
      <Stack gap="sm">
        <Group justify="space-between" align="baseline" wrap="wrap">
          <Title order={2} size="h4" id={id}>{title}</Title>
          {actions}
        </Group>
        {children}
      </Stack>
    </Paper>
  )
}
