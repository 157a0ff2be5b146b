import { areaAffinity, type RatedEngagement, type SignalConfig, SIGNAL_CONFIG } from './signals.ts'
import type { Id, MatchRequest, PastEngagement } from '../types.ts'

export interface HistoryIndex {
  byPerson: ReadonlyMap<Id, readonly PastEngagement[]>
}

const indexes = new WeakMap<readonly PastEngagement[], HistoryIndex>()

/** Engagements grouped by expert; cached per history array so a trust's history is grouped once. */
export function indexHistory(history: readonly PastEngagement[]): HistoryIndex {
  const cached = indexes.get(history)
  if (cached !== undefined) return cached
  const byPerson = new Map<Id, PastEngagement[]>()
  for (const engagement of history) {
    const list = byPerson.get(engagement.expertPersonId)
    if (list === undefined) byPerson.set(engagement.expertPersonId, [engagement])
    else list.push(engagement)
  }
  const index = { byPerson }
  indexes.set(history, index)
  return index
}

const sharesArea = (a: readonly string[], b: readonly string[]) => a.some((area) => b.includes(area))

/**
 * Feedback needs people with no stake in the effort: an expert who already worked (an engagement,
 * whatever became of it) with the requesting school on an earlier request sharing an area is out.
 * Offers that were declined or withdrawn never became engagements and do not count.
 */
export function conflictingEngagement(
  request: Pick<MatchRequest, 'id' | 'schoolId' | 'areas' | 'modes'>,
  personId: Id,
  history: HistoryIndex,
): PastEngagement | undefined {
  if (!request.modes.includes('feedback')) return undefined
  if (history.byPerson.size === 0) return undefined
  return history.byPerson
    .get(personId)
    ?.find((g) => g.receivingSchoolId === request.schoolId && g.requestId !== request.id && sharesArea(g.areas, request.areas))
}

/**
 * Completed, rated engagements of the expert in the request's areas (neighbouring areas weigh less),
 * each with the area of its request it counts through: an asked-for area before a related one, then
 * by name, so a reason can say where the rating was earned.
 */
export function ratedEngagementsInAreas(
  personId: Id,
  requestAreas: readonly string[],
  strands: Readonly<Record<string, string>>,
  history: HistoryIndex,
  config: SignalConfig = SIGNAL_CONFIG,
): RatedEngagement[] {
  const rated: RatedEngagement[] = []
  for (const g of history.byPerson.get(personId) ?? []) {
    if (g.status !== 'completed' || g.impact === null) continue
    let best = 0
    let area: string | undefined
    let exact = false
    for (const b of g.areas) {
      for (const a of requestAreas) {
        const affinity = areaAffinity(a, b, strands, config)
        const weight = affinity >= 1 ? 1 : affinity > 0 ? config.trackSameStrandWeight : 0
        if (weight > best || (weight === best && weight > 0 && area !== undefined && b < area)) {
          best = weight
          area = b
          exact = affinity >= 1
        }
      }
    }
    if (best > 0 && area !== undefined) {
      const earned = area
      const asked = exact ? [earned] : requestAreas.filter((a) => areaAffinity(a, earned, strands, config) > 0)
      rated.push({ impact: g.impact, weight: best, area: earned, asked })
    }
  }
  return rated
}
