/**
 * The validation floor: one in-database UPDATE setting the columns a validation batch sets, on a copy of
 * the tenant's pending rows with every index phone_numbers has, from answers already in a table. Only
 * the UPDATE is timed; the copy and the answers are made beforehand and dropped after.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { SimulatedLookupProvider } from '../../src/domain/phone/simulated-lookup.js';

export async function updateFloorSeconds(pool: pg.Pool, tenantId: number, projectId: string, numbers: readonly string[]): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query(`drop table if exists bench_update_rows, bench_update_answers_by_number, bench_update_answers`);
    await client.query(`create table bench_update_rows (like phone_numbers including all)`);
    await client.query(`insert into bench_update_rows overriding system value select * from phone_numbers where tenant_id = $1 and project_id = $2 and status = 'pending'`, [
      tenantId,
      projectId,
    ]);
    await client.query(`create table bench_update_answers_by_number (number text, v boolean, c text, t text)`);
    await pipeline(Readable.from(answerLines(numbers)), client.query(copyFrom(`copy bench_update_answers_by_number from stdin`)));
    await client.query(`create table bench_update_answers as select r.id, a.v, a.c, a.t from bench_update_rows r join bench_update_answers_by_number a using (number)`);
    await client.query(`vacuum analyze bench_update_rows`);
    await client.query(`vacuum analyze bench_update_answers`);
    const started = performance.now();
    const { rowCount } = await client.query(
      `update bench_update_rows p
          set status = case when a.v then 'valid' else 'invalid' end, carrier = a.c, line_type = a.t, lookup_source = 'simulated', validated_at = now()
         from bench_update_answers a
        where p.id = a.id and p.status = 'pending'`,
    );
    const seconds = (performance.now() - started) / 1000;
    if (rowCount !== numbers.length) throw new Error(`update floor: expected ${numbers.length} rows updated, got ${rowCount}`);
    return seconds;
  } finally {
    await client.query(`drop table if exists bench_update_rows, bench_update_answers_by_number, bench_update_answers`).catch(() => undefined);
    client.release();
  }
}

function* answerLines(numbers: readonly string[]) {
  const lookup = new SimulatedLookupProvider();
  const cell = (s: string | null) => (s === null ? '\\N' : s);
  for (let i = 0; i < numbers.length; i += 10_000) {
    yield numbers
      .slice(i, i + 10_000)
      .map((n) => {
        const a = lookup.answer(n);
        return `${n}\t${a.valid}\t${cell(a.carrier)}\t${cell(a.lineType)}\n`;
      })
      .join('');
  }
}
