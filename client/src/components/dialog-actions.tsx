import { Button, Group } from '@mantine/core'
import type { ReactNode } from 'react'

/**
 * A dialog's or an edit form's two buttons, right-aligned: step back, and the action, busy while its
 * call runs. The action submits the form unless `onConfirm` is given.
 */
export function DialogActions(props: { onCancel: () => void; cancelLabel?: string; busy?: boolean; color?: string; disabled?: boolean; onConfirm?: () => void; children: ReactNode }) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={props.onCancel}>{props.cancelLabel ?? 'Cancel'}</Button>
      <Button type={props.onConfirm ? 'button' : 'submit'} color={props.color} loading={props.busy} disabled={props.disabled} onClick={props.onConfirm}>{props.children}</Button>
    </Group>
  )
}
