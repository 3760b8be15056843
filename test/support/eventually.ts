export interface EventuallyOptions {
  /** How long to keep reading before giving up, in ms. */
  timeout?: number;
  /** The pause between two reads, in ms. */
  interval?: number;
  /** What is awaited, for the error that gives up. */
  what?: string;
}

/**
 * Reads until `done` holds for the value read and answers that value; after `timeout` it throws with
 * the last value seen. The one way tests wait for a state: they wait on states, never on durations.
 */
export async function eventually<T>(read: () => T | Promise<T>, done: (value: T) => boolean, opts: EventuallyOptions = {}): Promise<T> {
  const { timeout = 60_000, interval = 100, what = 'the condition' } = opts;
  const deadline = Date.now() + timeout;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() >= deadline) throw new Error(`gave up waiting for ${what} after ${timeout} ms; last seen: ${shown(value)}`);
    await new Promise((resolve) => setTimeout(resolve, interval));
  }
}

function shown(value: unknown): string {
  try {
    return (JSON.stringify(value) ?? String(value)).slice(0, 2000);
  } catch {
    return String(value);
  }
}
