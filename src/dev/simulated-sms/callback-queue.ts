/**
 * Delivery callbacks run through a small pool so a burst of thousands of sends opens a bounded number
 * of connections to the API, as Twilio's own callback fleet would.
 */
export class CallbackQueue {
  private readonly waiting: (() => Promise<unknown>)[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];
  posted = 0;
  failed = 0;

  constructor(private readonly concurrency = 16) {}

  push(job: () => Promise<unknown>) {
    this.waiting.push(job);
    this.pump();
  }

  get pending() {
    return this.waiting.length + this.running;
  }

  /** Resolves once every queued callback has been attempted. */
  idle(): Promise<void> {
    return this.pending === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump() {
    while (this.running < this.concurrency && this.waiting.length) {
      const job = this.waiting.shift()!;
      this.running++;
      job()
        .then(() => this.posted++, () => this.failed++)
        .finally(() => {
          this.running--;
          this.pump();
          if (this.pending === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
        });
    }
  }
}
