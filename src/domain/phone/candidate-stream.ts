import type { AreaCodeSpace } from './area-codes.js';
import { isFictional, LINES_PER_EXCHANGE, toE164 } from './nanp.js';

/**
 * A deterministic order in which a generation task proposes numbers of one area code. The space is cut
 * into as many equal windows as numbers are wanted; round 0 takes one random number from each window,
 * in ascending order, so the numbers spread over the whole area code, batches arrive pre-sorted (cheap
 * for the unique index) and the same (task, position) always proposes the same number. Later rounds
 * take the next number of each window, for candidates lost to numbers the project already holds, until
 * the stream has visited every number of the space exactly once.
 */
export class CandidateStream {
  private readonly size: number;
  private readonly windows: number;
  /** Positions in the stream; some propose nothing (a short window's last round, the fictional block). */
  readonly length: number;

  constructor(private readonly space: Pick<AreaCodeSpace, 'areaCode' | 'exchanges'>, wanted: number, private readonly seed: number) {
    this.size = space.exchanges.length * LINES_PER_EXCHANGE;
    this.windows = Math.max(1, Math.min(this.size, Math.floor(wanted)));
    this.length = this.size === 0 ? 0 : this.windows * Math.ceil(this.size / this.windows);
  }

  /** The number proposed at `position`, or null when that position proposes none. */
  at(position: number): string | null {
    if (position < 0 || position >= this.length) return null;
    const round = Math.floor(position / this.windows);
    const window = position % this.windows;
    const start = this.windowStart(window);
    const width = this.windowStart(window + 1) - start;
    if (round >= width) return null;
    const index = start + ((mix32(this.seed ^ Math.imul(window + 1, 0x9e3779b1)) + round) % width);
    const nxx = this.space.exchanges[Math.floor(index / LINES_PER_EXCHANGE)];
    const line = index % LINES_PER_EXCHANGE;
    return isFictional(nxx, line) ? null : toE164(this.space.areaCode, nxx, line);
  }

  private windowStart(window: number): number {
    return Math.floor((window * this.size) / this.windows);
  }
}

/** murmur3's finaliser: a cheap, well-spread 32-bit hash. */
export function mix32(x: number): number {
  let h = x | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** FNV-1a of a string: the stream seed of a task, and the simulated lookup's block hash. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return mix32(h);
}
