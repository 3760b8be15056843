import type { TestApp } from '../support/harness.js';
import type { TestAccount } from '../support/accounts.js';

/** Inserts pending numbers straight into the table (as an import or an older generation would leave them). */
export async function insertPending(app: TestApp, account: TestAccount, numbers: string[], projectId = ''): Promise<number[]> {
  const { rows } = await app.owner.query<{ id: number }>(
    `insert into phone_numbers (tenant_id, user_id, project_id, number, area_code)
     select $1, $2, $3, n, substr(n, 3, 3) from unnest($4::text[]) with ordinality as u(n, i) order by i
     returning id`,
    [account.tenantId, account.userId, projectId, numbers],
  );
  return rows.map((r) => r.id).sort((a, b) => a - b);
}

/** `count` consecutive numbers of one exchange: +1 NPA NXX and line numbers from `firstLine`. */
export function consecutive(npa: string, nxx: string, firstLine: number, count: number): string[] {
  return Array.from({ length: count }, (_, i) => `+1${npa}${nxx}${String(firstLine + i).padStart(4, '0')}`);
}

/** Inserts `count` pending numbers with one statement. */
export async function insertManyPending(app: TestApp, account: TestAccount, count: number, projectId: string, npa = '415'): Promise<void> {
  await app.owner.query(
    `insert into phone_numbers (tenant_id, user_id, project_id, number, area_code)
     select $1, $2, $3, '+1' || $4 || (2000000 + g)::text, $4 from generate_series(0, $5 - 1) g`,
    [account.tenantId, account.userId, projectId, npa, count],
  );
}
