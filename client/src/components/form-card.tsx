import { Alert, Button, Group, Paper, Stack, Title } from '@mantine/core'
import type { FormEvent, ReactNode } from 'react'

/**
 * A form in its own card: a heading that names it, its fields, the message for the form as a whole
 * (a server problem not about one field) and one submit button.
 */
export function FormCard(props: {
  id: string
  title: string
  /** The form's accessible name, when it differs from the heading. */
  label?: string
  onSubmit: (e: FormEvent<HTMLFormElement>) => Promise<void>
  error: string | null
  errorTitle: string
  submitLabel: string
  submitting: boolean
  children: ReactNode
}) {
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby={props.id}>
      <form onSubmit={(e) => void props.onSubmit(e)} noValidate aria-label={props.label ?? props.title}>
        <Stack gap="sm">
          <Title order={2} size="h4" id={props.id}>{props.title}</Title>
          {props.children}
          {props.error && <Alert color="red" role="alert" title={props.errorTitle}>{props.error}</Alert>}
          <Group><Button type="submit" loading={props.submitting}>{props.submitLabel}</Button></Group>
        </Stack>
      </form>
    </Paper>
  )
}
