import { Modal, Stack, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import { DialogActions } from '../../../components/dialog-actions.tsx'

/** A yes/no question before something that cannot simply be undone. */
export function Confirm({ opened, title, children, confirmLabel, onConfirm, onClose, loading, color = 'red' }: {
  opened: boolean
  title: string
  children: ReactNode
  confirmLabel: string
  onConfirm: () => void
  onClose: () => void
  loading?: boolean
  color?: string
}) {
  return (
    <Modal closeButtonProps={{ 'aria-label': 'Close' }} opened={opened} onClose={onClose} title={title} centered>
      <Stack>
        <Text size="sm">{children}</Text>
        <DialogActions onCancel={onClose} busy={loading} color={color} onConfirm={onConfirm}>{confirmLabel}</DialogActions>
      </Stack>
    </Modal>
  )
}
