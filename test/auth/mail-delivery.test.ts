import { SMTPServer, type SMTPServerAddress, type SMTPServerSession } from 'smtp-server';
import { freePort } from '../../src/dev/temporal-dev-server.js';
import { createOutboxActivities } from '../../src/activities/identity/outbox.activities.js';
import { createMailTransport } from '../../src/app/providers/mail-transports.js';
import { outboxEmailWorkflowId } from '../../src/app/identity/outbox-delivery.js';
import { startAppWithOwnWorker, type AppWithOwnWorker } from '../support/own-worker.js';
import { createAccount } from '../support/accounts.js';
import { eventually } from '../support/eventually.js';
import type { TestApp } from '../support/harness.js';
import { recordHistory } from '../replay/record-history.js';
import { register, tokenFromLink } from './auth-helpers.js';

/** A real SMTP server on a free port: it asks for the password in SMTP_URL and can defer or refuse the next recipients. */
class LocalSmtpServer {
  readonly received: { to: string[]; user?: string; raw: string }[] = [];
  readonly attempts: string[] = [];
  /** Reply codes for the next RCPT TO commands, e.g. [421]: a deferral, then acceptance. */
  readonly refusals: number[] = [];
  private server!: SMTPServer;
  port = 0;

  async start(): Promise<void> {
    this.port = await freePort();
    this.server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, cb) => (auth.username === 'mailer' && auth.password === 's3cret pass' ? cb(null, { user: auth.username }) : cb(new Error('bad credentials'))),
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, cb: (err?: Error | null) => void) => {
        this.attempts.push(address.address);
        const code = this.refusals.shift();
        if (code === undefined) return cb();
        cb(Object.assign(new Error(code >= 500 ? 'mailbox unavailable' : 'try again later'), { responseCode: code }));
      },
      onData: (stream, session, cb) => {
        let raw = '';
        stream.on('data', (d: Buffer) => (raw += d.toString()));
        stream.on('end', () => {
          this.received.push({ to: session.envelope.rcptTo.map((r) => r.address), user: session.user as string | undefined, raw });
          cb();
        });
      },
    });
    await new Promise<void>((resolve) => this.server.listen(this.port, '127.0.0.1', resolve));
  }

  /** The text of the newest message to `to`, transfer encoding undone. */
  textTo(to: string): string | undefined {
    const message = [...this.received].reverse().find((m) => m.to.includes(to));
    if (!message) return undefined;
    const [head, ...rest] = message.raw.split('\r\n\r\n');
    const body = rest.join('\r\n\r\n');
    if (/content-transfer-encoding:\s*base64/i.test(head)) return Buffer.from(body, 'base64').toString('utf8');
    if (/content-transfer-encoding:\s*quoted-printable/i.test(head)) {
      return body.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
    }
    return body;
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

const outboxRow = async (app: TestApp, to: string, kind: string) =>
  (
    await app.owner.query<{ id: number; status: string; attempts: number; last_error: string | null }>(
      `select id::int as id, status, attempts, last_error from outbox_emails where lower(to_address) = lower($1) and kind = $2 order by id desc limit 1`,
      [to, kind],
    )
  ).rows[0];

describe('mail that leaves: the outbox through SMTP', () => {
  const smtp = new LocalSmtpServer();
  let own: AppWithOwnWorker;
  let app: TestApp;

  beforeAll(async () => {
    await smtp.start();
    own = await startAppWithOwnWorker({
      queue: 'messaging',
      env: { SMTP_URL: `smtp://mailer:${encodeURIComponent('s3cret pass')}@127.0.0.1:${smtp.port}`, MAIL_FROM: 'Switchboard <mail@switchboard.test>' },
      activities: (a) => createOutboxActivities({ db: a.db, config: a.config, mail: createMailTransport(a.config) }),
    });
    app = own.app;
  });
  afterAll(async () => {
    await own?.close();
    await smtp.close();
  });

  test('when someone registers, then the verification email reaches the SMTP server, signed in with the URL’s credentials, and its link verifies the address', async () => {
    const { email, res } = await register(app);
    expect(res.status).toBe(201);
    const text = await eventually(() => smtp.textTo(email), Boolean, { what: 'the verification email at the SMTP server' });
    const message = smtp.received.find((m) => m.to.includes(email))!;
    expect(message.user).toBe('mailer');
    expect(message.raw).toMatch(/^From: Switchboard <mail@switchboard\.test>/m);
    expect(message.raw).toMatch(/^Subject: Confirm your email for Switchboard/m);
    const token = tokenFromLink(text!, 'https://switchboard.test/verify-email');
    expect((await app.http.post('/api/auth/verify-email/', { token })).status).toBe(200);
    expect(await outboxRow(app, email, 'email_verification')).toEqual(expect.objectContaining({ status: 'sent', attempts: 1, last_error: null }));
  });

  test('when the SMTP server first answers 421, then the password reset is retried, arrives, and its link sets the new password', async () => {
    const account = await createAccount(app);
    smtp.refusals.push(421);
    expect((await app.http.post('/api/auth/password-reset/', { email: account.email })).status).toBe(200);
    const text = await eventually(() => smtp.textTo(account.email), Boolean, { what: 'the reset email after a deferral' });
    expect(smtp.attempts.filter((a) => a === account.email)).toHaveLength(2);
    const row = await outboxRow(app, account.email, 'password_reset');
    expect(row).toEqual(expect.objectContaining({ status: 'sent', attempts: 2, last_error: null }));

    const token = tokenFromLink(text!, 'https://switchboard.test/reset-password');
    const confirmed = await app.http.post('/api/auth/password-reset-confirm/', { token, new_password: 'a-new-passphrase-9', confirm_password: 'a-new-passphrase-9' });
    expect(confirmed.status).toBe(200);
    const workflowId = outboxEmailWorkflowId(app.config, row.id);
    expect(await app.temporal.client.workflow.getHandle(workflowId).result()).toEqual({ status: 'sent', attempts: 2 });
    await recordHistory(app, workflowId, 'outbox-email-deferred-once');
  });

  test('when the SMTP server refuses with 550, then the email is not retried and the outbox says failed with the reason', async () => {
    const account = await createAccount(app);
    smtp.refusals.push(550);
    expect((await app.http.post('/api/auth/password-reset/', { email: account.email })).status).toBe(200);
    const row = await eventually(() => outboxRow(app, account.email, 'password_reset'), (r) => r?.status !== 'queued', { what: 'the refused email to be marked' });
    expect(row).toEqual(expect.objectContaining({ status: 'failed', attempts: 1, last_error: expect.stringContaining('550') }));
    expect(await app.temporal.client.workflow.getHandle(outboxEmailWorkflowId(app.config, row.id)).result()).toEqual({ status: 'failed', attempts: 1 });
    expect(smtp.received.some((m) => m.to.includes(account.email))).toBe(false);
  });
});
