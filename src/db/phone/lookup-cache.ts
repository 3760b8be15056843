import type { LineType } from '../../domain/phone/line-types.js';
import { LookupProviderError, type LookupAnswer, type LookupOptions, type NumberLookupProvider } from '../../domain/phone/lookup-provider.js';
import type { Queryable } from '../queryable.js';

export interface CachedLookupResult {
  answers: Map<string, LookupAnswer>;
  /** Numbers the provider was asked about now (paid for, with a paid provider). */
  asked: number;
  /**
   * Settles once the fresh answers are committed to the cache. It runs on its own connection, beside
   * the caller's batch statement (PostgreSQL then works on both at once); await it before committing.
   */
  stored: Promise<void>;
}

/**
 * A provider behind the number_lookups table, so a number is paid for once whatever tenant or task asks
 * again. Only answers of the same source count: simulated answers never stand in for Twilio's. Fresh
 * answers are committed before the caller's batch transaction, so a batch that rolls back keeps them.
 */
export class CachedLookup {
  constructor(private readonly pool: Queryable, readonly provider: NumberLookupProvider) {}

  get source() {
    return this.provider.source;
  }

  async lookup(numbers: readonly string[], opts: LookupOptions = {}): Promise<CachedLookupResult> {
    const answers = new Map<string, LookupAnswer>();
    const stored = Promise.resolve();
    if (!numbers.length) return { answers, asked: 0, stored };
    const { rows } = await this.pool.query<{ number: string; valid: boolean; carrier: string | null; line_type: LineType | null }>(
      `select number, valid, carrier, line_type from number_lookups where source = $2 and number = any($1::text[])`,
      [numbers, this.source],
    );
    for (const r of rows) answers.set(r.number, { number: r.number, valid: r.valid, carrier: r.carrier, lineType: r.line_type });
    const misses = [...new Set(numbers.filter((n) => !answers.has(n)))].sort();
    if (!misses.length) return { answers, asked: 0, stored };
    let fresh: LookupAnswer[];
    try {
      fresh = await this.provider.lookup(misses, opts);
    } catch (err) {
      if (err instanceof LookupProviderError && err.answered.length) await this.store(err.answered);
      throw err;
    }
    for (const a of fresh) answers.set(a.number, a);
    return { answers, asked: misses.length, stored: this.store(fresh) };
  }

  private async store(fresh: readonly LookupAnswer[]): Promise<void> {
    await this.pool.query(
      `insert into number_lookups (number, valid, carrier, line_type, source)
       select n, v, c, t, $5 from unnest($1::text[], $2::boolean[], $3::text[], $4::text[]) as u(n, v, c, t)
       on conflict (number) do update
         set valid = excluded.valid, carrier = excluded.carrier, line_type = excluded.line_type, source = excluded.source, looked_up_at = now()`,
      [fresh.map((a) => a.number), fresh.map((a) => a.valid), fresh.map((a) => a.carrier), fresh.map((a) => a.lineType), this.source],
    );
  }
}
