import { classifyAny } from './exchange-classifier.js';
import { hash32, mix32 } from './candidate-stream.js';
import { lineTypeFromMetadata, type LineType } from './line-types.js';
import type { LookupAnswer, NumberLookupProvider } from './lookup-provider.js';
import { carriersFor, GEOGRAPHIC_MIX, pick } from './simulated-carriers.js';

const BLOCK_MEMO_LIMIT = 200_000;

/**
 * Answers without a network, deterministically per number, and says so (`source: 'simulated'`).
 * Validity is libphonenumber's (max metadata). Carriers own thousands-blocks (NPA-NXX-X) in the real
 * plan, so carrier and line type are dealt per block: every number of a block gets the same answer.
 */
export class SimulatedLookupProvider implements NumberLookupProvider {
  readonly source = 'simulated' as const;
  private readonly blocks = new Map<string, { carrier: string | null; lineType: LineType | null }>();

  async lookup(numbers: readonly string[]): Promise<LookupAnswer[]> {
    return numbers.map((n) => this.answer(n));
  }

  answer(number: string): LookupAnswer {
    const cls = classifyAny(number);
    if (!cls.valid) return { number, valid: false, carrier: null, lineType: null };
    // E.164 NANP numbers: "+1" + NPA-NXX-X is the block; others are their own block.
    const block = number.startsWith('+1') && number.length === 12 ? number.slice(0, 9) : number;
    let known = this.blocks.get(block);
    if (!known) {
      const h = hash32(block);
      const lineType = lineTypeFromMetadata(cls.type) ?? (pick(GEOGRAPHIC_MIX, h) as LineType);
      const carrier = lineType === 'unknown' ? null : pick(carriersFor(cls.country, lineType), mix32(h ^ 0x5bd1e995));
      known = { carrier, lineType };
      if (this.blocks.size >= BLOCK_MEMO_LIMIT) this.blocks.clear();
      this.blocks.set(block, known);
    }
    return { number, valid: true, ...known };
  }
}
