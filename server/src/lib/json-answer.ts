import type { FastifyReply } from 'fastify'
import { z } from 'zod'

/**
 * An answer checked against its response schema and turned into JSON once, to be sent many times:
 * a cached answer (lib/trust-cache.ts) would otherwise be checked and serialised again on every
 * request, which for a large flow graph costs more than finding it. The check is the one the route's
 * serializer makes (fastify-type-provider-zod encodes with the schema, then JSON.stringify).
 */
export type JsonAnswer<T> = Readonly<{ value: T; json: string }>

export function jsonAnswer<S extends z.ZodType>(schema: S, value: z.output<S>): JsonAnswer<z.output<S>> {
  return { value, json: JSON.stringify(z.encode(schema, value)) }
}

/** Sends JSON made by jsonAnswer as it is: Fastify passes a string with a JSON content type through. */
export function sendJsonAnswer(reply: FastifyReply, answer: JsonAnswer<unknown>): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(answer.json)
}
