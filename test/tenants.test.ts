import { startTestApp, type TestApp } from './support/harness.js';
import { createAccount, type TestAccount } from './support/accounts.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const auth = (a: TestAccount) => ({ token: a.token });

async function tenantRow(id: number) {
  const { rows } = await app.owner.query(`select name, slug, default_region, settings, updated_at from tenants where id = $1`, [id]);
  return rows[0];
}

/** Members join by invitation: the owner invites by email, the user accepts the emailed token. */
async function addMember(owner: TestAccount, tenantId: number, role: 'admin' | 'member' | 'owner' = 'member') {
  const user = await createAccount(app);
  const res = await app.http.post(`/api/tenants/${tenantId}/members/`, { email: user.email, role }, auth(owner));
  expect(res.status).toBe(201);
  const { rows } = await app.owner.query<{ body: string }>(`select body from outbox_emails where to_address = $1 and kind = 'invitation' order by id desc limit 1`, [user.email]);
  const token = rows[0].body.match(/Your invitation token: (\S+)/)![1];
  expect((await app.http.post('/api/tenants/invitations/accept/', { token }, auth(user))).status).toBe(200);
  return user;
}

describe('listing and creating tenants', () => {
  test('when a user lists tenants, then they see their own with role and the active flag in a DRF page', async () => {
    const account = await createAccount(app);
    const res = await app.http.get('/api/tenants/', auth(account));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      status: 200,
      data: {
        results: [
          expect.objectContaining({ id: account.tenantId, slug: expect.any(String), default_region: 'US', settings: {}, role: 'owner', is_active: true, created_at: expect.any(String), updated_at: expect.any(String) }),
        ],
        count: 1,
        next: null,
        previous: null,
      },
    });
  });

  test('when a user creates a tenant, then it is 201, they own it, and their active tenant stays', async () => {
    const account = await createAccount(app);
    const res = await app.http.post('/api/tenants/', { name: 'Zanzibar Ops', default_region: 'tz', settings: { sender_id: 'ZANOPS', daily_cap: 500, opt_in_required: true } }, auth(account));
    expect(res.status).toBe(201);
    expect(res.body.success).toBe(true);
    expect(res.body.data).toEqual(
      expect.objectContaining({ name: 'Zanzibar Ops', slug: expect.stringMatching(/^zanzibar-ops/), default_region: 'TZ', role: 'owner', is_active: false, settings: { sender_id: 'ZANOPS', daily_cap: 500, opt_in_required: true } }),
    );
    const list = await app.http.get('/api/tenants/', auth(account));
    expect(list.body.data.count).toBe(2);
    expect(list.body.data.results.find((t: { is_active: boolean }) => t.is_active).id).toBe(account.tenantId);
  });

  test('when two tenants get the same name, then each gets its own slug', async () => {
    const account = await createAccount(app);
    const a = await app.http.post('/api/tenants/', { name: `Twin ${account.userId}` }, auth(account));
    const b = await app.http.post('/api/tenants/', { name: `Twin ${account.userId}` }, auth(account));
    expect(a.body.data.slug).not.toBe(b.body.data.slug);
  });

  test('when the input is invalid, then 400 names the fields in the mifumo envelope and nothing is written', async () => {
    const account = await createAccount(app);
    const count = async () => (await app.owner.query(`select count(*)::int as n from memberships where user_id = $1`, [account.userId])).rows[0].n;
    const bad = await app.http.post('/api/tenants/', { name: '', default_region: 'XX', settings: { nested: { no: true } } }, auth(account));
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual(expect.objectContaining({ success: false, status: 400, message: 'Validation failed' }));
    expect(Object.keys(bad.body.errors).sort()).toEqual(['default_region', 'name', 'settings.nested']);
    const malformed = await app.http.post('/api/tenants/', undefined, { ...auth(account), raw: '{"name":', headers: { 'content-type': 'application/json' } });
    expect(malformed.status).toBe(400);
    expect(malformed.body.success).toBe(false);
    const big = await app.http.post('/api/tenants/', { name: 'Big', settings: { blob: 'x'.repeat(2 * 1024 * 1024) } }, auth(account));
    expect(big.status).toBe(413);
    expect(big.body).toEqual(expect.objectContaining({ success: false, status: 413 }));
    expect(await count()).toBe(1);
  });

  test('when a user has more tenants than a page, then next and previous links walk them', async () => {
    const account = await createAccount(app);
    for (const n of [1, 2]) await app.http.post('/api/tenants/', { name: `Paged ${n}` }, auth(account));
    const first = await app.http.get('/api/tenants/?page_size=2', auth(account));
    expect(first.body.data.count).toBe(3);
    expect(first.body.data.results).toHaveLength(2);
    expect(first.body.data.previous).toBeNull();
    const next = new URL(first.body.data.next);
    expect(next.origin).toBe('https://switchboard.test');
    expect(next.searchParams.get('page')).toBe('2');
    const second = await app.http.get(next.pathname + next.search, auth(account));
    expect(second.body.data.results).toHaveLength(1);
    expect(second.body.data.next).toBeNull();
    expect(second.body.data.previous).toEqual(expect.stringContaining('page=1'));
  });
});

describe('reading and updating one tenant', () => {
  test('when the owner updates name, region and settings, then the tenant shows them', async () => {
    const owner = await createAccount(app);
    const res = await app.http.put(`/api/tenants/${owner.tenantId}/`, { name: 'Renamed', default_region: 'KE', settings: { locale: 'sw' } }, auth(owner));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ id: owner.tenantId, name: 'Renamed', default_region: 'KE', settings: { locale: 'sw' }, role: 'owner' }));
    expect((await app.http.get(`/api/tenants/${owner.tenantId}/`, auth(owner))).body.data.name).toBe('Renamed');
  });

  test('when a plain member updates the tenant, then 403 and nothing changes; an admin may', async () => {
    const owner = await createAccount(app);
    const member = await addMember(owner, owner.tenantId, 'member');
    const admin = await addMember(owner, owner.tenantId, 'admin');
    const before = await tenantRow(owner.tenantId);
    const refused = await app.http.put(`/api/tenants/${owner.tenantId}/`, { name: 'Hijacked' }, auth(member));
    expect(refused.status).toBe(403);
    expect(refused.body.success).toBe(false);
    expect(await tenantRow(owner.tenantId)).toEqual(before);
    expect((await app.http.get(`/api/tenants/${owner.tenantId}/`, auth(member))).body.data.role).toBe('member');
    expect((await app.http.put(`/api/tenants/${owner.tenantId}/`, { name: 'By admin' }, auth(admin))).status).toBe(200);
  });

  test('when a user of tenant A asks for tenant B by id, then every route answers 404 and B is unchanged', async () => {
    const a = await createAccount(app);
    const b = await createAccount(app);
    const before = await tenantRow(b.tenantId);
    const attempts = [
      app.http.get(`/api/tenants/${b.tenantId}/`, auth(a)),
      app.http.put(`/api/tenants/${b.tenantId}/`, { name: 'Owned' }, auth(a)),
      app.http.patch(`/api/tenants/${b.tenantId}/`, { settings: { x: 1 } }, auth(a)),
      app.http.get(`/api/tenants/${b.tenantId}/members/`, auth(a)),
      app.http.post(`/api/tenants/${b.tenantId}/members/`, { email: a.email, role: 'owner' }, auth(a)),
      app.http.delete(`/api/tenants/${b.tenantId}/members/${b.userId}/`, auth(a)),
      app.http.post('/api/tenants/switch/', { tenant_id: b.tenantId }, auth(a)),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status).toBe(404);
      expect(res.body).toEqual(expect.objectContaining({ success: false, status: 404 }));
    }
    expect(await tenantRow(b.tenantId)).toEqual(before);
    const { rows } = await app.owner.query(`select count(*)::int as n from memberships where tenant_id = $1`, [b.tenantId]);
    expect(rows[0].n).toBe(1);
    expect((await app.http.get('/api/auth/profile/', auth(a))).body.active_tenant.id).toBe(a.tenantId);
  });

  test('when the id is not a number, then the answer is 404', async () => {
    const account = await createAccount(app);
    expect((await app.http.get('/api/tenants/abc/', auth(account))).status).toBe(404);
    expect((await app.http.get('/api/tenants/99999999999999999999/', auth(account))).status).toBe(404);
  });
});

describe('switching the active tenant', () => {
  test('when a member switches, then later requests (even with an older token) are scoped to the new tenant', async () => {
    const owner = await createAccount(app);
    const created = (await app.http.post('/api/tenants/', { name: 'Second' }, auth(owner))).body.data;
    const res = await app.http.post('/api/tenants/switch/', { tenant_id: created.id }, auth(owner));
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual(expect.objectContaining({ id: created.id, is_active: true, role: 'owner' }));
    expect((await app.http.get('/api/auth/profile/', auth(owner))).body.active_tenant).toEqual({ id: created.id, name: 'Second', role: 'owner' });
    expect((await app.http.get('/api/auth/profile/', { apiKey: owner.apiKey })).body.active_tenant.id).toBe(created.id);
    const list = (await app.http.get('/api/tenants/', auth(owner))).body.data.results;
    expect(list.filter((t: { is_active: boolean }) => t.is_active).map((t: { id: number }) => t.id)).toEqual([created.id]);
  });

  test('when tenant_id is missing or of the wrong type, then the answer is 400', async () => {
    const owner = await createAccount(app);
    expect((await app.http.post('/api/tenants/switch/', {}, auth(owner))).status).toBe(400);
    expect((await app.http.post('/api/tenants/switch/', { tenant_id: 'x' }, auth(owner))).status).toBe(400);
  });
});

describe('members', () => {
  test('when the owner adds a user by email and they accept, then the user sees the tenant with that role and the list shows both', async () => {
    const owner = await createAccount(app);
    const member = await addMember(owner, owner.tenantId, 'member');
    const theirs = (await app.http.get('/api/tenants/', auth(member))).body.data.results;
    expect(theirs.find((t: { id: number }) => t.id === owner.tenantId)).toEqual(expect.objectContaining({ role: 'member' }));
    const list = await app.http.get(`/api/tenants/${owner.tenantId}/members/`, auth(owner));
    expect(list.body.data.results.map((m: { email: string; role: string }) => [m.email, m.role])).toEqual([
      [owner.email, 'owner'],
      [member.email, 'member'],
    ]);
  });

  test('when a member or an admin overreaches, then 403; duplicates and bad roles are refused, unknown emails are invited like known ones', async () => {
    const owner = await createAccount(app);
    const member = await addMember(owner, owner.tenantId, 'member');
    const admin = await addMember(owner, owner.tenantId, 'admin');
    const outsider = await createAccount(app);
    expect((await app.http.post(`/api/tenants/${owner.tenantId}/members/`, { email: outsider.email }, auth(member))).status).toBe(403);
    expect((await app.http.post(`/api/tenants/${owner.tenantId}/members/`, { email: outsider.email, role: 'owner' }, auth(admin))).status).toBe(403);
    expect((await app.http.post(`/api/tenants/${owner.tenantId}/members/`, { email: 'nobody-here@example.test' }, auth(owner))).status).toBe(201);
    expect((await app.http.post(`/api/tenants/${owner.tenantId}/members/`, { email: member.email }, auth(owner))).status).toBe(409);
    expect((await app.http.post(`/api/tenants/${owner.tenantId}/members/`, { email: outsider.email, role: 'king' }, auth(owner))).status).toBe(400);
  });

  test('when a member is removed, then the tenant disappears for them; the last owner cannot be removed', async () => {
    const owner = await createAccount(app);
    const member = await addMember(owner, owner.tenantId, 'member');
    await app.http.post('/api/tenants/switch/', { tenant_id: owner.tenantId }, auth(member));
    expect((await app.http.delete(`/api/tenants/${owner.tenantId}/members/${member.userId}/`, auth(owner))).status).toBe(200);
    expect((await app.http.get(`/api/tenants/${owner.tenantId}/`, auth(member))).status).toBe(404);
    expect((await app.http.get('/api/auth/profile/', auth(member))).body.active_tenant.id).toBe(member.tenantId);
    expect((await app.http.delete(`/api/tenants/${owner.tenantId}/members/${owner.userId}/`, auth(owner))).status).toBe(409);
  });
});
