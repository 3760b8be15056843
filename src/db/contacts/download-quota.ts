import type pg from 'pg';
import { businessError, notFound } from '../../domain/shared/errors.js';

/**
 * Counts `rows` against the user's download limit (users.downloads_used / download_limit) in one
 * conditional UPDATE, so two concurrent exports can never pass the limit together.
 */
export async function consumeDownloads(pool: pg.Pool, userId: number, rows: number): Promise<{ used: number; limit: number }> {
  const res = await pool.query<{ used: number; limit: number }>(
    `update users set downloads_used = downloads_used + $2, updated_at = now()
      where id = $1 and downloads_used + $2 <= download_limit
      returning downloads_used as used, download_limit as limit`,
    [userId, rows],
  );
  if (res.rows[0]) return res.rows[0];
  const current = (await pool.query<{ used: number; limit: number }>(`select downloads_used as used, download_limit as limit from users where id = $1`, [userId])).rows[0];
  if (!current) throw notFound('User not found.');
  const remaining = Math.max(0, current.limit - current.used);
  throw businessError(
    'DOWNLOAD_LIMIT_EXCEEDED',
    `Download limit exceeded: this export has ${rows} contacts but only ${remaining} of your ${current.limit} downloads remain.`,
    { details: { download_limit: current.limit, downloads_used: current.used, requested: rows, remaining } },
  );
}

/** Gives back what `consumeDownloads` took when the export could not be delivered. */
export async function refundDownloads(pool: pg.Pool, userId: number, rows: number): Promise<void> {
  await pool.query(`update users set downloads_used = greatest(0, downloads_used - $2), updated_at = now() where id = $1`, [userId, rows]);
}
