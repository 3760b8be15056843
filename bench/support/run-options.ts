import type { PostgresDurability } from '../../src/dev/embedded-postgres.js';

/**
 * BENCH_DURABILITY: `durable` (default: fsync and synchronous_commit on), `fast` (both off) or `both`.
 * BENCH_QUANTITY: rows for the row benches, one number or a list (`100000,1000000`); unset, the benches'
 * own size (1,000,000), or 100,000 and 1,000,000 when BENCH_GROWTH=1.
 */
export function benchDurabilities(env: NodeJS.ProcessEnv): PostgresDurability[] {
  const wanted = env.BENCH_DURABILITY ?? 'durable';
  if (wanted === 'both') return ['durable', 'fast'];
  if (wanted === 'durable' || wanted === 'fast') return [wanted];
  throw new Error(`BENCH_DURABILITY must be durable, fast or both, not ${wanted}`);
}

export function benchQuantities(env: NodeJS.ProcessEnv): (number | undefined)[] {
  if (env.BENCH_QUANTITY) {
    const list = env.BENCH_QUANTITY.split(',').map((q) => Number(q.trim().replace(/_/g, '')));
    if (list.some((q) => !Number.isInteger(q) || q <= 0)) throw new Error(`BENCH_QUANTITY must be positive whole numbers, not ${env.BENCH_QUANTITY}`);
    return [...new Set(list)].sort((a, b) => a - b);
  }
  return env.BENCH_GROWTH === '1' ? [100_000, 1_000_000] : [undefined];
}
