import type pg from 'pg';
import type { OutgoingEmail } from '../../domain/identity/mailer.js';

export type OutboxStatus = 'queued' | 'sent' | 'failed' | 'logged';

export interface OutboxEmailRow {
  id: number;
  to_address: string;
  subject: string;
  body: string;
  kind: OutgoingEmail['kind'];
  status: OutboxStatus;
  attempts: number;
  last_error: string | null;
  created_at: Date;
  sent_at: Date | null;
}

/**
 * The outbox table: mail is written here first and leaves from here (the outbox delivery workflow).
 * Not tenant-owned: an email belongs to its address, which may not be a user yet (an invitation).
 */
export class OutboxEmails {
  constructor(private readonly pool: pg.Pool) {}

  async enqueue(email: OutgoingEmail, status: 'queued' | 'logged'): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `insert into outbox_emails (to_address, subject, body, kind, status) values ($1, $2, $3, $4, $5) returning id`,
      [email.to, email.subject, email.body, email.kind, status],
    );
    return Number(rows[0].id);
  }

  async byId(id: number): Promise<OutboxEmailRow | null> {
    const { rows } = await this.pool.query<OutboxEmailRow>(`select ${COLUMNS} from outbox_emails where id = $1`, [id]);
    return rows[0] ?? null;
  }

  /** The newest mail addressed to `address`, whatever its status. */
  async addressedTo(address: string, limit: number): Promise<OutboxEmailRow[]> {
    const { rows } = await this.pool.query<OutboxEmailRow>(
      `select ${COLUMNS} from outbox_emails where lower(to_address) = lower($1) order by id desc limit $2`,
      [address, limit],
    );
    return rows;
  }

  /** Queued mail nothing has tried for `quietSeconds`: its delivery workflow never started (Temporal was down). */
  async stranded(quietSeconds: number, limit: number): Promise<number[]> {
    const { rows } = await this.pool.query<{ id: number }>(
      `select id::int as id from outbox_emails
        where status = 'queued' and updated_at < now() - make_interval(secs => $1) order by created_at limit $2`,
      [quietSeconds, limit],
    );
    return rows.map((r) => r.id);
  }

  /** Records one delivery attempt: `queued` with its error is a deferral the workflow retries. */
  async recordAttempt(id: number, attempt: number, outcome: { status: 'sent' } | { status: 'failed' | 'queued'; error: string }): Promise<void> {
    await this.pool.query(
      `update outbox_emails
          set status = $3, attempts = greatest(attempts, $2), last_error = $4,
              sent_at = case when $3 = 'sent' then coalesce(sent_at, now()) else sent_at end, updated_at = now()
        where id = $1 and status = 'queued'`,
      [id, attempt, outcome.status, outcome.status === 'sent' ? null : outcome.error.slice(0, 1000)],
    );
  }
}

const COLUMNS = `id::int as id, to_address, subject, body, kind, status, attempts, last_error, created_at, sent_at`;
