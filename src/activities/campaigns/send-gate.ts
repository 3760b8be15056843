/**
 * How many sends may be in flight at once, and a shared pause after the provider throttles: one 429
 * (or 5xx) slows every lane of the batch, the pause doubling while the provider keeps refusing and
 * ending at the first success.
 */
export class SendGate {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private resumeAt = 0;
  private backoffMs = 0;

  constructor(
    private readonly concurrency: number,
    private readonly limits = { firstBackoffMs: 250, longestBackoffMs: 8000 },
  ) {}

  async acquire(): Promise<void> {
    if (this.inFlight >= this.concurrency) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.inFlight++;
    for (let wait = this.resumeAt - Date.now(); wait > 0; wait = this.resumeAt - Date.now()) await sleep(wait);
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.inFlight--;
  }

  throttled(): void {
    this.backoffMs = Math.min(this.limits.longestBackoffMs, this.backoffMs ? this.backoffMs * 2 : this.limits.firstBackoffMs);
    this.resumeAt = Math.max(this.resumeAt, Date.now() + this.backoffMs);
  }

  succeeded(): void {
    this.backoffMs = 0;
  }

  /** The pause the provider has asked for so far; the batch tells the workflow to wait this long. */
  get currentBackoffMs(): number {
    return this.backoffMs;
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));
