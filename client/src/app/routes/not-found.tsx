import { Button } from '@mantine/core'
import { Link } from 'react-router'
import { Page } from '../../components/page.tsx'
import { EmptyState } from '../../components/states.tsx'

export function NotFoundPage() {
  return (
    <Page title="Page not found">
      <EmptyState title="There is nothing at this address" action={<Button component={Link} to="/">Go to your home page</Button>}>
        The link may be out of date, or the page may have moved.
      </EmptyState>
    </Page>
  )
}
