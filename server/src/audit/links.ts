/**
 * Where an audit row's object lives in the app, so the administrator can open it from the trail. Some
 * objects have no page of their own and link to their parent (an offer to its request, more days to
 * the engagement); a refusal recorded by plugins/access.ts names the object type its route acts on.
 */
type Row = { objectType: string; objectId: string | null; detail: Record<string, unknown> | null; personEmail?: string | null }

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const idOr = (value: unknown): string | null => (typeof value === 'string' && UUID.test(value) ? value : null)

export function linkFor({ objectType, objectId, detail, personEmail }: Row): string | null {
  const id = idOr(objectId)
  const from = (key: string) => idOr(detail?.[key])
  switch (objectType) {
    case 'request':
      return id && `/requests/${id}`
    case 'engagement':
    case 'release':
      return id && `/engagements/${id}`
    case 'extension': {
      const engagement = from('engagementId')
      return engagement && `/engagements/${engagement}`
    }
    case 'offer': {
      const request = from('requestId')
      return request ? `/requests/${request}` : '/offers'
    }
    case 'case':
      return id && `/cases/${id}`
    case 'expertise':
      return id && `/expertise/${id}`
    case 'person':
      return personEmail ? `/admin/people?q=${encodeURIComponent(personEmail)}` : '/admin/people'
    case 'invitation':
      return '/admin/people'
    case 'school':
      return '/admin/schools'
    case 'cluster':
      return '/admin/clusters'
    case 'area':
      return '/framework'
    case 'calendar':
      return '/admin/calendar'
    default:
      return null
  }
}
