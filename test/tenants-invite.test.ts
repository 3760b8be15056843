import { startTestApp, uniqueEmail, type TestApp } from './support/harness.js';
import { createAccount, type TestAccount } from './support/accounts.js';
import { fromIp, freshIp, latestEmail, register } from './auth/auth-helpers.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ TRUST_PROXY: 'true' });
});
afterAll(() => app.close());

const auth = (a: TestAccount) => ({ token: a.token });
const invite = (owner: TestAccount, email: string, role = 'member') => app.http.post(`/api/tenants/${owner.tenantId}/members/`, { email, role }, auth(owner));

async function invitationToken(email: string): Promise<string> {
  const mail = await latestEmail(app, email, 'invitation');
  const match = mail?.body.match(/Your invitation token: (\S+)/);
  if (!match) throw new Error(`no invitation mail to ${email}`);
  return match[1];
}

const memberEmails = async (owner: TestAccount) =>
  (await app.http.get(`/api/tenants/${owner.tenantId}/members/`, auth(owner))).body.data.results.map((m: { email: string }) => m.email);

describe('adding a member does not tell whether the email has an account', () => {
  test('when an owner adds an email with an account and one without, then both answers are alike, both get an invitation, and neither is a member yet', async () => {
    const owner = await createAccount(app);
    const existing = await createAccount(app);
    const stranger = uniqueEmail('stranger');
    const known = await invite(owner, existing.email);
    const unknown = await invite(owner, stranger);
    expect(known.status).toBe(201);
    expect(unknown.status).toBe(known.status);
    const shape = (r: typeof known) => ({ ...r.body, data: { ...r.body.data, email: '<email>', expires_at: '<time>' } });
    expect(shape(unknown)).toEqual(shape(known));
    expect(known.body).toEqual(expect.objectContaining({ success: true, message: 'Invitation sent', data: expect.objectContaining({ email: existing.email, role: 'member', status: 'invited' }) }));
    expect(await latestEmail(app, existing.email, 'invitation')).toBeDefined();
    expect(await latestEmail(app, stranger, 'invitation')).toBeDefined();
    expect(await memberEmails(owner)).toEqual([owner.email]);
  });

  test('when the invited user accepts the emailed token, then they are a member with that role, and the token works once', async () => {
    const owner = await createAccount(app);
    const existing = await createAccount(app);
    await invite(owner, existing.email, 'admin');
    const token = await invitationToken(existing.email);
    const accepted = await app.http.post('/api/tenants/invitations/accept/', { token }, auth(existing));
    expect(accepted.status).toBe(200);
    expect(accepted.body.data).toEqual(expect.objectContaining({ id: owner.tenantId, role: 'admin' }));
    expect(await memberEmails(owner)).toEqual([owner.email, existing.email]);
    expect((await app.http.post('/api/tenants/invitations/accept/', { token }, auth(existing))).status).toBe(400);
  });

  test('when someone else presents the token, then it is refused and stays usable by the invitee', async () => {
    const owner = await createAccount(app);
    const invitee = await createAccount(app);
    const thief = await createAccount(app);
    await invite(owner, invitee.email);
    const token = await invitationToken(invitee.email);
    const stolen = await app.http.post('/api/tenants/invitations/accept/', { token }, auth(thief));
    expect(stolen.status).toBe(400);
    expect(stolen.body.errors.token).toEqual(['Invalid or expired invitation.']);
    expect((await app.http.get(`/api/tenants/${owner.tenantId}/`, auth(thief))).status).toBe(404);
    expect((await app.http.post('/api/tenants/invitations/accept/', { token }, auth(invitee))).status).toBe(200);
  });

  test('when a new email registers with its invitation token, then the account is created and joins the tenant', async () => {
    const owner = await createAccount(app);
    const email = uniqueEmail('newcomer');
    await invite(owner, email);
    const { res } = await register(app, { email, invitation_token: await invitationToken(email) });
    expect(res.status).toBe(201);
    expect(res.body.data.joined_tenant).toEqual({ tenant_id: owner.tenantId, role: 'member' });
    expect(await memberEmails(owner)).toEqual([owner.email, email]);
    const theirs = (await app.http.get('/api/tenants/', { token: res.body.access })).body.data.results.map((t: { id: number }) => t.id);
    expect(theirs).toContain(owner.tenantId);
  });

  test('when registration presents an invitation sent to another email, then it is a 400 on invitation_token and nothing is written', async () => {
    const owner = await createAccount(app);
    const invited = uniqueEmail('invited');
    await invite(owner, invited);
    const other = uniqueEmail('other');
    const res = await app.http.post(
      '/api/auth/register/',
      { email: other, password: 'S3cure-passphrase!', invitation_token: await invitationToken(invited) },
      fromIp(freshIp()),
    );
    expect(res.status).toBe(400);
    expect(res.body.errors.invitation_token).toEqual(['Invalid or expired invitation.']);
    const { rows } = await app.owner.query(`select 1 from users where lower(email) = lower($1)`, [other]);
    expect(rows).toHaveLength(0);
  });
});
