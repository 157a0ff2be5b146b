import { Button, Center, Stack, Text, Title } from '@mantine/core'
import { useRouteError } from 'react-router'

export function RouteError() {
  const error = useRouteError()
  console.error(error)
  return (
    <Center mih="60vh" p="lg">
      <Stack align="center" gap="sm" role="alert">
        <Title order={1} size="h2">Something went wrong on this page</Title>
        <Text c="dimmed">Nothing you saved has been lost. Reload the page to try again.</Text>
        <Button onClick={() => window.location.reload()}>Reload</Button>
      </Stack>
    </Center>
  )
}
