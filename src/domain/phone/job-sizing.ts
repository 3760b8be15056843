/**
 * Sizes of generation and validation jobs. Pure: the API, the workflows and the activities share it
 * (workflow code may import nothing else).
 */
export const MAX_QUANTITY = 1_000_000;
export const MIN_BATCH_SIZE = 100;
export const MAX_BATCH_SIZE = 10_000;
export const DEFAULT_BATCH_SIZE = 1_000;
/** Below this, the legacy endpoints answer synchronously. */
export const SYNCHRONOUS_LIMIT = 10_000;
/** The most phone_ids one validation request may name; they travel in workflow history. */
export const MAX_PHONE_IDS = 10_000;

/** One activity call commits several batches (about 50,000 numbers), heartbeating after each. */
export function batchesPerChunk(batchSize: number): number {
  return Math.max(1, Math.min(50, Math.floor(50_000 / batchSize)));
}

/** Activity calls per workflow run before it continues as new, keeping histories short. */
export const CHUNKS_PER_RUN = 25;

export function batchCount(quantity: number, batchSize: number): number {
  return Math.ceil(quantity / batchSize);
}

/**
 * How many stream positions a filtered generation may look up before it gives up: a hundred candidates
 * per wanted number (the rarest simulated carrier and type together match about one in thirty).
 */
export function drawLimit(quantity: number): number {
  return 10_000 + 100 * quantity;
}

/** Throughput to plan by (numbers per second), measured by bench/ on a 2-core machine and rounded down. */
const RATES = { generate: 25_000, generateFiltered: 5_000, validate: 20_000, liveLookup: 40 };

export function estimatedSeconds(kind: 'generate' | 'validate', count: number, opts: { filtered?: boolean; liveLookups?: boolean } = {}): number {
  const rate = opts.liveLookups && (kind === 'validate' || opts.filtered)
    ? RATES.liveLookup
    : kind === 'validate' ? RATES.validate : opts.filtered ? RATES.generateFiltered : RATES.generate;
  return 2 + count / rate;
}

/** "3 seconds", "1 minute", "42 minutes", "2 hours 5 minutes". */
export function formatDuration(seconds: number): string {
  const s = Math.max(1, Math.ceil(seconds));
  if (s < 60) return `${s} ${s === 1 ? 'second' : 'seconds'}`;
  const m = Math.ceil(s / 60);
  if (m < 120) return `${m} ${m === 1 ? 'minute' : 'minutes'}`;
  const h = Math.floor(m / 60);
  const rest = m % 60;
  return `${h} hours${rest ? ` ${rest} ${rest === 1 ? 'minute' : 'minutes'}` : ''}`;
}
