import fc from 'fast-check'
import { targets } from '@ee/shared/lifecycles'
import { type Attempt, type Guard, type Step, TABLES, actionNamed, statusOf, stepArbitrary } from './actions.ts'
import { INVARIANTS, invariantQuery } from './invariants.ts'
import { HEADS, type Role, type State, type World } from './world.ts'

/** What the runs did, printed at the end: the counts the issue asks for, and each action's answers. */
export class Tally {
  sequences = 0
  steps = 0
  invariantChecks = 0
  transitionChecks = 0
  /** Milliseconds spent in the actions' calls and in reading the state and invariants after them. */
  readonly ms = { actions: 0, checks: 0 }
  readonly answers = new Map<string, { ok: number; refused: number }>()

  count(action: string, refused: boolean) {
    const a = this.answers.get(action) ?? { ok: 0, refused: 0 }
    if (refused) a.refused++
    else a.ok++
    this.answers.set(action, a)
  }
}

type Kind = Guard['kind']
const KINDS: Kind[] = ['request', 'offer', 'engagement', 'release', 'extension']
/** The states each kind of object is born in. */
const BORN: Record<Kind, string[]> = { request: ['draft'], offer: ['invited', 'proposed'], engagement: ['active'], release: ['approved', 'pending'], extension: ['proposed'] }
const idsOf = (s: State, kind: Kind): string[] => {
  switch (kind) {
    case 'request': return s.requests.map((r) => r.id)
    case 'offer': return s.offers.map((o) => o.id)
    case 'engagement': case 'release': return s.engagements.map((g) => g.id)
    case 'extension': return s.extensions.map((x) => x.id)
  }
}

/** Why the lifecycle tables refuse an attempt: no step from the object's state, or none for the party the actor is. */
function tableRefusals(before: State, guards: Guard[] = []): string[] {
  return guards.flatMap((g) => {
    const from = statusOf(before, g.kind, g.id)!
    const rows = TABLES[g.kind].transitions.filter((t) => t.from === from && t.action === g.action)
    if (!rows.length) return [`the ${g.kind} table has no "${g.action}" from ${from}`]
    if (g.parties && !rows.some((t) => t.who.some((p) => g.parties!.includes(p)))) return [`"${g.action}" on a ${from} ${g.kind} is for ${rows.flatMap((t) => t.who).join('/')}, not ${g.parties.join('/') || 'a stranger'}`]
    return []
  })
}

/** Every state change between two steps is a row of its table; every new object is born where its table starts. */
function movesOffTable(before: State, after: State): string[] {
  const out: string[] = []
  for (const kind of KINDS) {
    for (const id of idsOf(before, kind)) if (statusOf(after, kind, id) === undefined) out.push(`${kind} ${id} disappeared`)
    for (const id of idsOf(after, kind)) {
      const from = statusOf(before, kind, id)
      const to = statusOf(after, kind, id)!
      if (from === undefined) {
        if (!BORN[kind].includes(to)) out.push(`a new ${kind} was born ${to}`)
      } else if (from !== to && !TABLES[kind].transitions.some((t) => t.from === from && t.to === to)) {
        out.push(`${kind} ${id} moved ${from} → ${to}, which its table has no row for`)
      }
    }
  }
  return out
}

/** A successful step took each guarded object to a state its table leads to. */
function offTarget(before: State, after: State, guards: Guard[] = []): string[] {
  return guards.flatMap((g) => {
    const from = statusOf(before, g.kind, g.id)!
    const to = statusOf(after, g.kind, g.id)
    return to !== undefined && targets(TABLES[g.kind], from, g.action).includes(to) ? [] : [`${g.kind} went ${from} --${g.action}--> ${to}, not in its table`]
  })
}

export class ModelFailure extends Error {}

/**
 * One step: the action's call, then what must hold. Never a 5xx; a refusal where the tables or the
 * rules say so; a refusal changes nothing (not a row, not a notification, not an e-mail); a success
 * moves objects only along their tables; and every invariant holds.
 */
export async function runStep(w: World, step: Step, tally: Tally): Promise<void> {
  const before = w.state
  const t0 = performance.now()
  const attempt: Attempt = await actionNamed(step.do).run(w, step.with)
  const t1 = performance.now()
  const { res } = attempt
  const refused = res.statusCode >= 400
  if (process.env.MODEL_DEBUG) console.log(`${step.do} ${JSON.stringify(step.with)} → ${res.statusCode} ${refused ? res.body.slice(0, 300) : ''}`)
  const fail = (why: string[]) => {
    throw new ModelFailure(`${step.do} ${JSON.stringify(step.with)} answered ${res.statusCode}${refused ? ` ${res.body.slice(0, 400)}` : ''}\n  ${why.join('\n  ')}`)
  }
  if (res.statusCode >= 500) fail(['a server error'])
  const mustRefuse = [...(attempt.refuse ?? []), ...tableRefusals(before, attempt.guards)]
  if (mustRefuse.length && !refused) fail([`it should have been refused: ${mustRefuse.join('; ')}`])
  const [after, violations] = await Promise.all([w.readState(), w.rows<{ invariant: number; detail: string }>(invariantQuery(w, before.mark))])
  const broken = [
    ...(refused && after.digest !== before.digest ? ['a refused action changed the records'] : []),
    ...(refused ? [] : offTarget(before, after, attempt.guards)),
    ...movesOffTable(before, after),
    ...violations.map((v) => `${INVARIANTS[v.invariant]!.name}: ${v.detail}`),
  ]
  tally.ms.actions += t1 - t0
  tally.ms.checks += performance.now() - t1
  tally.steps++
  tally.invariantChecks += INVARIANTS.length
  tally.transitionChecks += (attempt.guards?.length ?? 0) + 1
  tally.count(step.do, refused)
  if (broken.length) fail(broken)
  w.state = after
}

export type SequenceInput = { open: { role: Role; wanted: number; days: number; from: number; length: number; depth: number; n: number; more: number }; steps: Step[] }

/**
 * A sequence: a request raised and published, then to a drawn depth the usual way on from there (an
 * offer and its acceptance, a second of each where two experts are wanted, a session logged, more
 * days asked for and agreed), so that the drawn steps start as often from work under way as from an
 * open request; then the drawn steps. The opening steps are steps like any other, checked the same way.
 */
export const sequenceArbitrary = (maxSteps: number): fc.Arbitrary<SequenceInput> => fc.record({
  open: fc.record({
    role: fc.constantFrom<Role>(...HEADS), wanted: fc.integer({ min: 1, max: 3 }), days: fc.integer({ min: 1, max: 4 }),
    from: fc.nat({ max: 30 }), length: fc.integer({ min: 5, max: 80 }), depth: fc.integer({ min: 0, max: 7 }), n: fc.nat({ max: 100 }), more: fc.integer({ min: 1, max: 5 }),
  }),
  steps: fc.array(stepArbitrary, { minLength: Math.min(6, maxSteps), maxLength: maxSteps }),
})

export async function runSequence(w: World, input: SequenceInput, tally: Tally): Promise<void> {
  await w.startSequence()
  const { depth, n, more, ...raise } = input.open
  const first = { n: 0, fitting: true }
  const opening: Step[] = [
    { do: 'raise a request', with: raise },
    { do: 'publish a request', with: { who: 'party', r: first } },
    { do: 'offer or answer an invitation', with: { who: 'party', r: first, days: raise.days, n, other: 'eB1' } },
    { do: 'accept an offer', with: { who: 'party', o: first } },
    ...(raise.wanted > 1 ? [
      { do: 'offer or answer an invitation', with: { who: 'party', r: first, days: raise.days, n: n + 1, other: 'eB1' } },
      { do: 'accept an offer', with: { who: 'party', o: first } },
    ] : []),
    { do: 'log a session', with: { who: 'party', g: first, when: 'inside', offset: 0, days: 1 } },
    { do: 'ask for more days', with: { who: 'party', g: first, days: more } },
    { do: 'agree to more days', with: { who: 'party', x: first } },
  ].slice(0, 2 + depth)
  for (const step of [...opening, ...input.steps]) await runStep(w, step, tally)
  tally.sequences++
}
