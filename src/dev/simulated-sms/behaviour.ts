/** The knobs of the simulated provider server; all can be changed while it runs (POST /config). */
export interface SimulatedBehaviour {
  /** Added to every answer, in milliseconds (plus up to `latencyJitterMs`). */
  latencyMs: number;
  latencyJitterMs: number;
  /** Share of sends answered 500 without accepting the message. */
  failureRate: number;
  /** Share of sends answered 429 (Twilio code 20429) without accepting the message. */
  throttleRate: number;
  /** Sends per second above which the server answers 429, like an account's queue limit; 0 = none. */
  maxPerSecond: number;
  /** Share of sends accepted and logged whose answer is then a 500: the ambiguous send reconciliation is for. */
  lostResponseRate: number;
  /** Share of accepted messages whose final callback is `undelivered` instead of `delivered`. */
  undeliveredRate: number;
  /** Whether status callbacks are posted, and the delay before `sent` (then again before the final one). */
  callbacks: boolean;
  callbackDelayMs: number;
}

export const DEFAULT_BEHAVIOUR: SimulatedBehaviour = {
  latencyMs: 0,
  latencyJitterMs: 0,
  failureRate: 0,
  throttleRate: 0,
  maxPerSecond: 0,
  lostResponseRate: 0,
  undeliveredRate: 0,
  callbacks: true,
  callbackDelayMs: 50,
};

const RATES = ['failureRate', 'throttleRate', 'lostResponseRate', 'undeliveredRate'] as const;

/** Checks a partial update; rates are 0..1, durations and limits non-negative. */
export function mergeBehaviour(current: SimulatedBehaviour, update: Record<string, unknown>): SimulatedBehaviour {
  const next: SimulatedBehaviour = { ...current };
  for (const [key, value] of Object.entries(update)) {
    if (!(key in current)) throw new Error(`unknown setting ${key}`);
    if (key === 'callbacks') {
      next.callbacks = value === true || value === 'true' || value === '1';
      continue;
    }
    const n = Number(value);
    if (!Number.isFinite(n) || n < 0 || ((RATES as readonly string[]).includes(key) && n > 1)) throw new Error(`bad value for ${key}: ${String(value)}`);
    (next as unknown as Record<string, number>)[key] = n;
  }
  return next;
}

/** A per-second window counter for `maxPerSecond`. */
export class SecondWindow {
  private second = 0;
  private count = 0;

  admit(limit: number, now = Date.now()): boolean {
    if (limit <= 0) return true;
    const s = Math.floor(now / 1000);
    if (s !== this.second) {
      this.second = s;
      this.count = 0;
    }
    if (this.count >= limit) return false;
    this.count++;
    return true;
  }
}
