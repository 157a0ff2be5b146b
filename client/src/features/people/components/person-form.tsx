import { Alert, Select, Stack } from '@mantine/core'
import { useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import { ROLES, ROLE_LABELS, type Role } from '@ee/shared/common'
import type { PersonSummary } from '@ee/shared/people'
import { ApiError } from '../../../lib/api.ts'
import { problemMessage } from '../../../lib/problem.ts'
import { useUpdatePerson } from '../api.ts'
import { referenceQueries } from '../../../lib/reference-data.ts'
import { DialogActions } from '../../../components/dialog-actions.tsx'

/** Changes someone's role and school; headteachers and teachers need a school, the trust's own team has none. */
export function PersonForm({ person, onDone, onCancel }: { person: PersonSummary; onDone: () => void; onCancel: () => void }) {
  const schools = useQuery(referenceQueries.schools())
  const update = useUpdatePerson()
  const [role, setRole] = useState<Role>(person.role)
  const [schoolId, setSchoolId] = useState<string | null>(person.schoolId)
  const atSchool = role === 'headteacher' || role === 'teacher'
  const fieldError = (path: string) => (update.error instanceof ApiError ? update.error.problem.errors?.find((e) => e.path === path)?.message : undefined)
  const formError = update.error instanceof ApiError && !update.error.problem.errors?.length ? problemMessage(update.error) : null
  return (
    <form
      noValidate
      aria-label={`Change ${person.name}`}
      onSubmit={(e) => {
        e.preventDefault()
        update.mutate({ id: person.id, body: { role, schoolId: atSchool ? schoolId : null } }, { onSuccess: onDone })
      }}
    >
      <Stack>
        {formError && <Alert color="red" role="alert" title="Not saved">{formError}</Alert>}
        <Select label="Role" required allowDeselect={false} data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} value={role} onChange={(v) => v && setRole(v)} error={fieldError('role')} />
        {atSchool && (
          <Select
            label="School"
            required
            searchable
            data={schools.data?.items.map((s) => ({ value: s.id, label: s.name })) ?? []}
            value={schoolId}
            onChange={setSchoolId}
            error={fieldError('schoolId') ?? (atSchool && !schoolId ? 'Choose the school this person works at' : undefined)}
          />
        )}
        <DialogActions onCancel={onCancel} busy={update.isPending} disabled={atSchool && !schoolId}>Save changes</DialogActions>
      </Stack>
    </form>
  )
}
