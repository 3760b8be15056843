/**
 * How many sends may be in flight, adapting to the provider like TCP does: every refusal (429, 5xx)
 * halves the window (at most once per `cutEveryMs`, so one burst of refusals counts once) and every
 * window's worth of successes widens it by one, back up to `max`. A refused provider therefore sees
 * the campaign slow down at once and speed up again gently.
 */
export class SendGate {
  private inFlight = 0;
  private limit: number;
  private successes = 0;
  private lastCut = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly roomWaiters: { n: number; resolve: () => void }[] = [];

  constructor(
    private readonly max: number,
    private readonly cutEveryMs = 200,
  ) {
    this.limit = max;
  }

  async acquire(): Promise<void> {
    if (this.inFlight < this.limit) {
      this.inFlight++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  release(): void {
    this.inFlight--;
    this.wake();
  }

  /**
   * Resolves once `n` sends could start at once. Claiming a chunk only then keeps the rows that are
   * claimed but not yet handed to the provider few — exactly the rows a crash would leave unknown.
   */
  roomFor(n: number): Promise<void> {
    if (this.hasRoom(n)) return Promise.resolve();
    return new Promise((resolve) => this.roomWaiters.push({ n, resolve }));
  }

  private hasRoom(n: number) {
    return this.inFlight + this.waiting.length === 0 || this.limit - this.inFlight - this.waiting.length >= Math.min(n, this.limit);
  }

  throttled(): void {
    const now = Date.now();
    if (now - this.lastCut < this.cutEveryMs) return;
    this.lastCut = now;
    this.limit = Math.max(1, Math.floor(this.limit / 2));
    this.successes = 0;
  }

  succeeded(): void {
    if (this.limit >= this.max) return;
    if (++this.successes >= this.limit) {
      this.limit++;
      this.successes = 0;
      this.wake();
    }
  }

  /** The current window; below `max` means the provider has been pushing back. */
  get window(): number {
    return this.limit;
  }

  private wake() {
    while (this.inFlight < this.limit && this.waiting.length) {
      this.inFlight++;
      this.waiting.shift()!();
    }
    while (this.roomWaiters.length && this.hasRoom(this.roomWaiters[0].n)) this.roomWaiters.shift()!.resolve();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.max(0, ms)));

/** Exponential backoff with jitter for the n-th refusal of one message. */
export const backoffMs = (attempt: number, firstMs = 100, longestMs = 4000) => Math.min(longestMs, firstMs * 2 ** (attempt - 1)) * (0.5 + Math.random() / 2);
