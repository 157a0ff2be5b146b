import { Paper, Stack, Title } from '@mantine/core'
import type { ComponentProps, ReactNode } from 'react'
import { QueryState } from './states.tsx'

/** A card on a role's home page: its heading, what the query answered (or its loading and error states), then any links. */
export function HomeCard<T>({ title, query, children, footer }: { title: ReactNode; query: ComponentProps<typeof QueryState<T>>['query']; children: (data: T) => ReactNode; footer?: ReactNode }) {
  return (
    <Paper withBorder p="md" radius="md">
      <Stack gap="xs">
        <Title order={2} size="h4">{title}</Title>
        <QueryState query={query}>{children}</QueryState>
        {footer}
      </Stack>
    </Paper>
  )
}
