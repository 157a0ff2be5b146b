import Fastify from 'fastify'

/** The baseline: a bare Fastify hello-world on the same machine, in the same run. */
const app = Fastify({ logger: false })
app.get('/', () => ({ hello: 'world' }))
await app.listen({ port: Number(process.argv[2] ?? 0), host: '127.0.0.1' })
process.send?.('ready')
