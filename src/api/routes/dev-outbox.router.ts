import { z } from 'zod';
import type { ApiDeps } from '../deps.js';
import type { OpenApiCollector } from '../openapi/collector.js';
import { Routes } from '../http/routes.js';
import { principalOf } from '../http/context.js';
import { OutboxEmails, type OutboxEmailRow } from '../../db/identity/outbox-emails.js';
import { linksIn } from '../../domain/identity/mail-transport.js';
import { dateTime, nullableDateTime } from '../http/common-schemas.js';
import { pageOf } from '../http/envelope-schemas.js';

const outboxEmail = z.object({
  id: z.number().int(),
  to: z.string(),
  kind: z.string(),
  subject: z.string(),
  body: z.string(),
  links: z.array(z.string()),
  status: z.enum(['queued', 'sent', 'failed', 'logged']),
  attempts: z.number().int(),
  last_error: z.string().nullable(),
  created_at: dateTime,
  sent_at: nullableDateTime,
});

const outboxQuery = z.looseObject({ limit: z.coerce.number().int().min(1).max(200).default(50) });

/**
 * The outbox as the signed-in person's mailbox, outside production only: the mail addressed to them
 * (verification, password reset, invitations), newest first, with its delivery status and links. With
 * no SMTP_URL this is where development mail is read.
 */
export function createDevOutboxRouter(deps: ApiDeps, docs: OpenApiCollector) {
  const routes = new Routes(docs, 'development', '/api/dev');
  const outbox = new OutboxEmails(deps.db.pool);
  routes.get('/outbox/', { summary: 'Development only: mail addressed to the caller, newest first, with its delivery status and links', query: outboxQuery, response: pageOf(outboxEmail) }, async (ctx) => {
    const results = (await outbox.addressedTo(principalOf(ctx).email, ctx.state.query.limit)).map(outboxView);
    return { count: results.length, next: null, previous: null, results };
  });
  return routes.router;
}

const outboxView = (e: OutboxEmailRow): z.infer<typeof outboxEmail> => ({
  id: e.id,
  to: e.to_address,
  kind: e.kind,
  subject: e.subject,
  body: e.body,
  links: linksIn(e.body),
  status: e.status,
  attempts: e.attempts,
  last_error: e.last_error,
  created_at: e.created_at.toISOString(),
  sent_at: e.sent_at?.toISOString() ?? null,
});
