import type { AddressInfo } from 'node:net'
import { type ParsedMail, simpleParser } from 'mailparser'
import { SMTPServer } from 'smtp-server'

/** One message as it arrived: who it was for, and what a reader sees. */
export type ReceivedMail = {
  to: string[]
  from: string
  subject: string
  text: string
  /** Every http(s) address in the text, in order. */
  links: string[]
  parsed: ParsedMail
}

export type TestSmtpServer = {
  /** `smtp://127.0.0.1:PORT`, for SMTP_URL. */
  url: string
  port: number
  /** Every message accepted so far, in arrival order. */
  messages: ReceivedMail[]
  /** While down, every connection is refused with `421 Service not available` (a temporary failure). */
  setDown: (down: boolean) => void
  /** Waits until a message matching `match` has arrived, and returns it. */
  waitFor: (match: (m: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>
  stop: () => Promise<void>
}

/**
 * A real SMTP server in this process (nodemailer's smtp-server, messages parsed with mailparser), for
 * the API tests and the browser tests alike: no test framework is imported here.
 */
export async function startSmtpServer(opts: { port?: number } = {}): Promise<TestSmtpServer> {
  const messages: ReceivedMail[] = []
  let down = false
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (!down) return callback()
      const err = Object.assign(new Error('Service not available, try again later'), { responseCode: 421 })
      callback(err)
    },
    onData(stream, session, callback) {
      simpleParser(stream)
        .then((parsed) => {
          const text = parsed.text ?? ''
          messages.push({
            to: (session.envelope.rcptTo || []).map((r) => r.address.toLowerCase()),
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
            subject: parsed.subject ?? '',
            text,
            links: text.match(/https?:\/\/[^\s<>"]+/g) ?? [],
            parsed,
          })
          callback()
        })
        .catch((err: Error) => callback(err))
    },
  })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve())
  })
  const port = (server.server.address() as AddressInfo).port

  const waitFor = async (match: (m: ReceivedMail) => boolean, timeoutMs = 15_000) => {
    const until = Date.now() + timeoutMs
    for (;;) {
      const found = messages.find(match)
      if (found) return found
      if (Date.now() > until) throw new Error(`No matching e-mail arrived within ${timeoutMs} ms (${messages.length} arrived: ${messages.map((m) => `${m.to.join(',')} “${m.subject}”`).join('; ')})`)
      await new Promise((r) => setTimeout(r, 50))
    }
  }

  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    messages,
    setDown: (d) => (down = d),
    waitFor,
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
