import { Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core'
import { ROLE_LABELS } from '@ee/shared/common'
import { Page } from '../../components/page.tsx'
import { useActor } from '../../lib/auth.tsx'
import { ChangePasswordForm } from './components/change-password-form.tsx'

/** Everyone's own account: who they are here, and their password. */
export function AccountPage() {
  const me = useActor()
  return (
    <Page title="Your account" description="How you sign in to Expertise Exchange.">
      <Stack gap="lg">
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">You</Title>
          <Table variant="vertical" withRowBorders={false} maw={520}>
            <Table.Tbody>
              <Table.Tr><Table.Th w={140}>Name</Table.Th><Table.Td>{me.name}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>E-mail</Table.Th><Table.Td>{me.email}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Role</Table.Th><Table.Td>{ROLE_LABELS[me.role]}{me.schoolName ? ` at ${me.schoolName}` : ''}</Table.Td></Table.Tr>
              <Table.Tr><Table.Th>Trust</Table.Th><Table.Td>{me.trustName}</Table.Td></Table.Tr>
            </Table.Tbody>
          </Table>
        </Paper>
        <ChangePasswordForm />
        <Paper withBorder p="md" radius="md">
          <Title order={2} size="h4" mb="xs">Your data</Title>
          <Text size="sm" mb="sm" maw={640}>
            Download everything Expertise Exchange holds about you: your profile, expertise, offers, work, session notes,
            reflections, notifications and the record of what you did. Keep the page to read it, or the file to pass it on.
          </Text>
          <Group>
            <Button component="a" href="/api/me/export?format=html" download>Download my data</Button>
            <Button component="a" href="/api/me/export?format=json" download variant="default">Download as a file (JSON)</Button>
          </Group>
        </Paper>
      </Stack>
    </Page>
  )
}
