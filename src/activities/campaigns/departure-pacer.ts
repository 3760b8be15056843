const pacers = new Map<number, DeparturePacer>();

interface Departure {
  /** When its answer (or failure) came back; a send always ends, the provider client having a timeout. */
  answeredAt: number | null;
}

/**
 * Lets a send leave at its reserved slot (send-window.ts), but never before `n / rate` seconds have
 * passed since the answer to the send `n` places before it, n = ⌊rate⌋. That answer came after the
 * provider received that send, and this send reaches it after leaving: the provider cannot count more
 * than the rate in one second (for an integer rate) however late, bunched or jittered either side is.
 * The price: each second's sends wait for one answer, so the rate achieved is n per (n / rate s + latency).
 */
export class DeparturePacer {
  private readonly span: number;
  private readonly n: number;
  /** The last `n` departures, a ring: `next` is the oldest once it is full. */
  private readonly departures: Departure[] = [];
  private next = 0;
  private waiters: (() => void)[] = [];

  constructor(
    readonly rate: number,
    private readonly now = () => Date.now(),
  ) {
    this.n = Math.max(1, Math.floor(rate));
    this.span = (this.n * 1000) / rate;
  }

  /** Resolves when the send may leave, with the function to call once its answer (or failure) is in. */
  async depart(slotAt: number): Promise<() => void> {
    for (;;) {
      const earliest = Math.max(slotAt, this.freeAt());
      const wait = earliest - this.now();
      if (wait <= 0) break;
      await new Promise<void>((resolve) => {
        const timer = Number.isFinite(wait) ? setTimeout(done, wait) : undefined;
        this.waiters.push(done);
        function done() {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    const departure: Departure = { answeredAt: null };
    this.departures[this.next] = departure;
    this.next = (this.next + 1) % this.n;
    return () => {
      departure.answeredAt ??= this.now();
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    };
  }

  private freeAt(): number {
    if (this.departures.length < this.n) return 0;
    const d = this.departures[this.next];
    return (d.answeredAt ?? Infinity) + this.span;
  }
}

/** One pacer per tenant in this process, shared by every batch and campaign of the tenant; renewed when its rate changes. */
export function pacerFor(tenantId: number, rate: number): DeparturePacer {
  const current = pacers.get(tenantId);
  if (current?.rate === rate) return current;
  const pacer = new DeparturePacer(rate);
  pacers.set(tenantId, pacer);
  return pacer;
}
