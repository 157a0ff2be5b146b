import { Alert, List, Stack, Text } from '@mantine/core'
import { PUPIL_DATA_MESSAGES, REFUSED_PUPIL_DATA, findPupilData } from '@ee/shared/pupil-data'

/**
 * Shown under free text as the person types (issue 14): the same check the server makes. A UPN or a
 * date of birth will be refused on saving; a pupil's name is a warning.
 */
export function PupilDataNote({ text }: { text: string | undefined }) {
  const found = text ? findPupilData(text) : []
  if (!found.length) return null
  const blocking = found.some((f) => REFUSED_PUPIL_DATA.includes(f.kind))
  return (
    <Alert color={blocking ? 'red' : 'orange'} title={blocking ? 'Remove the pupil’s details before saving' : 'Please check for pupil details'} role="status" aria-live="polite">
      <Stack gap={4}>
        <Text size="sm">This is read by colleagues across the trust. Describe the work and the school-level need; never name or identify a child.</Text>
        <List size="sm">
          {found.map((f) => (
            <List.Item key={f.index}>
              “{f.match}” — {PUPIL_DATA_MESSAGES[f.kind]}
            </List.Item>
          ))}
        </List>
      </Stack>
    </Alert>
  )
}
