import { useNavigate } from 'react-router'
import { Page } from '../../components/page.tsx'
import { useCreateRequest } from './api.ts'
import { RequestForm, emptyRequest } from './components/request-form.tsx'
import { paths } from './status.ts'

export function NewRequestPage() {
  const create = useCreateRequest()
  const navigate = useNavigate()
  return (
    <Page title="Raise a request" description="It is saved as a draft: only you can see it until you publish it.">
      <RequestForm
        initial={emptyRequest}
        submitLabel="Save draft"
        pending={create.isPending}
        onSubmit={async (body) => {
          const created = await create.mutateAsync(body)
          await navigate(paths.detail(created.id))
        }}
      />
    </Page>
  )
}
