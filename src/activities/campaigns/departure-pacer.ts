/**
 * How long a send's answer is waited for before its departure time plus this stands in for it; only a
 * provider slower than this can see more than the rate in one second.
 */
const ANSWER_WAIT_CAP_MS = 250;
const pacers = new Map<number, DeparturePacer>();

interface Departure {
  at: number;
  answeredAt: number | null;
}

/**
 * Lets a send leave at its reserved slot (send-window.ts), but never before `n / rate` seconds have
 * passed since the answer to the send `n` places before it, n = ⌊rate⌋. That answer came after the
 * provider received that send, and this send reaches it after leaving: the provider cannot count more
 * than the rate in one second (for an integer rate) however late, bunched or jittered either side is.
 */
export class DeparturePacer {
  private readonly span: number;
  private readonly n: number;
  private readonly departures: Departure[] = [];
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
        const timer = setTimeout(done, wait);
        this.waiters.push(done);
        function done() {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    const departure: Departure = { at: this.now(), answeredAt: null };
    this.departures.push(departure);
    if (this.departures.length > this.n) this.departures.splice(0, this.departures.length - this.n);
    return () => {
      departure.answeredAt ??= this.now();
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    };
  }

  private freeAt(): number {
    if (this.departures.length < this.n) return 0;
    const d = this.departures[this.departures.length - this.n];
    return Math.min(d.answeredAt ?? Infinity, d.at + ANSWER_WAIT_CAP_MS) + this.span;
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
