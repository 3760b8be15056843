import type pg from 'pg';
import type { TestApp } from '../support/harness.js';
import { waitersOn } from '../support/row-gate.js';

export interface HeldContact {
  id: number;
  /** Resolves once some other connection waits on this uncommitted row (its INSERT or UPDATE hit the same phone or email). */
  contended(): Promise<void>;
  commit(): Promise<void>;
}

/**
 * Another writer's contact, inserted through the owner's connection and left uncommitted: a create of the
 * same phone or email that starts now cannot see it, and its write blocks on the unique index until
 * `commit` — the moment it loses the race, made deterministic.
 */
export async function holdContact(app: TestApp, tenantId: number, contact: { first_name: string; phone_e164?: string; email?: string }): Promise<HeldContact> {
  const client: pg.PoolClient = await app.owner.connect();
  await client.query('begin');
  const { rows } = await client.query<{ id: number; pid: number }>(
    `insert into contacts (tenant_id, first_name, phone_e164, email) values ($1, $2, $3, $4) returning id, pg_backend_pid() as pid`,
    [tenantId, contact.first_name, contact.phone_e164 ?? null, contact.email ?? null],
  );
  const { id, pid } = rows[0];
  return {
    id,
    async contended() {
      await waitersOn(app.owner, [pid], '%', { what: `a write waiting on the held contact ${id}` });
    },
    async commit() {
      try {
        await client.query('commit');
      } finally {
        client.release();
      }
    },
  };
}
