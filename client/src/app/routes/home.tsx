import { SimpleGrid, Stack, Text } from '@mantine/core'
import { Page } from '../../components/page.tsx'
import { EmptyState } from '../../components/states.tsx'
import { useActor } from '../../lib/auth.tsx'
import { FEATURES } from '../features.ts'

const INTRO = {
  headteacher: 'Raise a request when your school wants outside eyes, and choose who helps. The decision is always yours.',
  teacher: 'Share what you know with colleagues across the trust, and see where your expertise is wanted.',
  central: 'See how expertise flows between the schools, where supply meets demand, and who is being left behind.',
  admin: 'Look after the trust’s schools and people.',
} as const

export function HomePage() {
  const me = useActor()
  const panels = FEATURES.flatMap((f) => f.homePanels)
    .filter((p) => p.roles.includes(me.role))
    .sort((a, b) => a.order - b.order)
  const firstName = me.name.split(' ')[0]
  return (
    <Page title={`Welcome, ${firstName}`} description={INTRO[me.role]}>
      {panels.length === 0 ? (
        <EmptyState title="Nothing waits for you yet">
          When there is something for you to do, it will show here.
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {panels.map((p) => (
            <Stack key={p.id}>{p.render()}</Stack>
          ))}
        </SimpleGrid>
      )}
      <Text size="xs" c="dimmed">{me.trustName}{me.schoolName ? ` · ${me.schoolName}` : ''}</Text>
    </Page>
  )
}
