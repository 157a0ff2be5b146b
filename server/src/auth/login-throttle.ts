/**
 * Account lockout (OWASP Authentication CS): failures are counted per account, not per address, so
 * rotating IPs does not help; the check runs before any password hash is computed. Counting only
 * failures keeps people who sign in often from ever meeting it.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>()

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 15 * 60_000,
    private readonly now: () => number = Date.now,
  ) {}

  isLocked(key: string): boolean {
    return this.recent(key).length >= this.maxFailures
  }

  /** Whole seconds until the account may try again (0 when it is not locked): for `Retry-After`. */
  retryAfterSeconds(key: string): number {
    const recent = this.recent(key)
    if (recent.length < this.maxFailures) return 0
    // The lock lifts when enough of the oldest failures leave the window to bring the count under the maximum.
    const lifts = recent[recent.length - this.maxFailures]! + this.windowMs
    return Math.max(1, Math.ceil((lifts - this.now()) / 1000))
  }

  fail(key: string): void {
    const list = this.recent(key)
    list.push(this.now())
    this.failures.set(key, list)
    if (this.failures.size > 50_000) this.prune()
  }

  succeed(key: string): void {
    this.failures.delete(key)
  }

  private recent(key: string): number[] {
    const since = this.now() - this.windowMs
    return (this.failures.get(key) ?? []).filter((t) => t > since)
  }

  private prune(): void {
    for (const key of [...this.failures.keys()]) if (this.recent(key).length === 0) this.failures.delete(key)
  }
}
