import { Group, Stack, Text, Title } from '@mantine/core'
import { type ReactNode, useEffect } from 'react'

/** A page: one heading, an optional line of context, one primary action on the right. */
export function Page({ title, description, action, children }: { title: string; description?: ReactNode; action?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Expertise Exchange`
  }, [title])
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <Stack gap={4}>
          <Title order={1} size="h2">{title}</Title>
          {description && <Text c="dimmed">{description}</Text>}
        </Stack>
        {action}
      </Group>
      {children}
    </Stack>
  )
}
