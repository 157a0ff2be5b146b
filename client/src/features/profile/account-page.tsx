import { Paper, Stack, Table, Title } from '@mantine/core'
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
      </Stack>
    </Page>
  )
}
