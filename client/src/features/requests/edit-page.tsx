import { useQuery } from '@tanstack/react-query'
import { useNavigate, useParams } from 'react-router'
import { Page } from '../../components/page.tsx'
import { EmptyState, QueryState } from '../../components/states.tsx'
import { requestQueries, useUpdateRequest } from './api.ts'
import { RequestForm } from './components/request-form.tsx'
import { paths } from './status.ts'

export function EditRequestPage() {
  const { id = '' } = useParams()
  const query = useQuery(requestQueries.detail(id))
  const update = useUpdateRequest(id)
  const navigate = useNavigate()
  return (
    <Page title="Edit request">
      <QueryState query={query}>
        {(r) =>
          !r.viewer.isOwner || (r.status !== 'draft' && r.status !== 'open') ? (
            <EmptyState title="This request cannot be edited">Only a draft or open request of your own school can be edited.</EmptyState>
          ) : (
            <RequestForm
              key={r.version}
              initial={{
                title: r.title, problem: r.problem ?? '', tried: r.tried ?? '', outcome: r.outcome ?? '', areas: r.areas.map((a) => a.slug),
                subjects: r.subjects, phases: r.phases, modes: r.modes, expertsWanted: r.expertsWanted, daysPerExpert: r.daysPerExpert,
                window: r.window, confidentiality: r.confidentiality, autoInvite: r.autoInvite,
              }}
              lockConfidentiality={r.status === 'open' && r.confidentiality === 'trust'}
              submitLabel="Save changes"
              pending={update.isPending}
              onSubmit={async (body) => {
                // The version we loaded: if someone changed it since, the server refuses and says so.
                await update.mutateAsync({ ...body, version: r.version })
                await navigate(paths.detail(id))
              }}
            />
          )
        }
      </QueryState>
    </Page>
  )
}
