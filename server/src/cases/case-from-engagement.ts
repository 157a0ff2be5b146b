/** The trust's memory of one piece of work: what the school saw, what was done, what changed. */
export function caseFromEngagement(input: {
  requestTitle: string
  problem: string
  offerMessage: string
  expertReflection: string
  headReflection: string
}) {
  const approach = [input.offerMessage, input.expertReflection].map((s) => s.trim()).filter(Boolean).join('\n\n')
  return { title: input.requestTitle, problem: input.problem, approach, outcome: input.headReflection.trim() }
}
