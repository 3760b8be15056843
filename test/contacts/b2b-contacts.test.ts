import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { createB2bContact, uniqueContactEmail } from './fixtures.js';

let app: TestApp;
let owner: TestAccount;
beforeAll(async () => ({ app, account: owner } = await startTestAppWithAccount()));
afterAll(() => app.close());

const list = (query: string, account = owner) => app.http.get(`/api/api/contacts/${query}`, { apiKey: account.apiKey });

describe('seed 001 contacts: create, read, update, delete', () => {
  test('when a contact is created as documented, then 201 answers the documented detail shape', async () => {
    const body = { first_name: 'Jane', last_name: 'Smith', title: 'CTO', email: 'Jane.Smith@Example.com', company: 'XYZ Inc', industry: 'Healthcare', city: 'Boston', country: 'USA', employees: 200 };
    const res = await app.http.post('/api/api/contacts/', body, { apiKey: owner.apiKey });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      first_name: 'Jane',
      last_name: 'Smith',
      full_name: 'Jane Smith',
      title: 'CTO',
      email: 'jane.smith@example.com',
      email_status: null,
      company: 'XYZ Inc',
      industry: 'Healthcare',
      employees: 200,
      annual_revenue: null,
      city: 'Boston',
      state: null,
      country: 'USA',
      person_linkedin_url: null,
      website: null,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
    const again = await app.http.get(`/api/api/contacts/${res.body.id}/`, { apiKey: owner.apiKey });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(res.body);
  });

  test('when a second contact uses the same email, then 400 names the email field', async () => {
    const email = uniqueContactEmail();
    await createB2bContact(app, owner, { first_name: 'A', email });
    const res = await app.http.post('/api/api/contacts/', { first_name: 'B', email: email.toUpperCase() }, { apiKey: owner.apiKey });
    expect(res.status).toBe(400);
    expect(res.body.email).toEqual(['A contact with this email already exists.']);
  });

  test('when the email or phone is invalid, then 400 lists each field', async () => {
    const res = await app.http.post('/api/api/contacts/', { first_name: 'X', email: 'not-an-email', phone_e164: '12345', employees: -3 }, { apiKey: owner.apiKey });
    expect(res.status).toBe(400);
    expect(res.body.email[0]).toMatch(/Invalid email/);
    expect(res.body.phone_e164[0]).toMatch(/Invalid E.164/);
    expect(res.body.employees).toBeDefined();
  });

  test('when a contact is updated with some fields, then only those change', async () => {
    const c = await createB2bContact(app, owner, { first_name: 'Up', last_name: 'Date', title: 'CEO', city: 'Austin' });
    const res = await app.http.put(`/api/api/contacts/${c.id}/`, { title: 'CFO', annual_revenue: 5000000 }, { apiKey: owner.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual(expect.objectContaining({ title: 'CFO', city: 'Austin', annual_revenue: 5000000, full_name: 'Up Date' }));
  });

  test('when a contact is deleted, then the documented answer comes back and later reads are 404', async () => {
    const c = await createB2bContact(app, owner, { first_name: 'Gone' });
    const res = await app.http.delete(`/api/api/contacts/${c.id}/`, { apiKey: owner.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ success: true, message: 'Contact deleted successfully' });
    expect((await app.http.get(`/api/api/contacts/${c.id}/`, { apiKey: owner.apiKey })).status).toBe(404);
    expect((await app.http.delete(`/api/api/contacts/${c.id}/`, { apiKey: owner.apiKey })).status).toBe(404);
  });

  test("when another tenant's contact id is read, updated or deleted, then 404 and nothing changes", async () => {
    const c = await createB2bContact(app, owner, { first_name: 'Mine', title: 'Keep' });
    const stranger = await createAccount(app);
    const opts = { apiKey: stranger.apiKey };
    expect((await app.http.get(`/api/api/contacts/${c.id}/`, opts)).status).toBe(404);
    const put = await app.http.put(`/api/api/contacts/${c.id}/`, { title: 'Stolen' }, opts);
    expect(put.status).toBe(404);
    expect(put.body.detail).toBe('Not found.');
    expect((await app.http.delete(`/api/api/contacts/${c.id}/`, opts)).status).toBe(404);
    const mine = await app.http.get(`/api/api/contacts/${c.id}/`, { apiKey: owner.apiKey });
    expect(mine.body.title).toBe('Keep');
  });

  test('when a path id is not a number, then 404', async () => {
    expect((await app.http.get('/api/api/contacts/abc/', { apiKey: owner.apiKey })).status).toBe(404);
  });

  test('when no credentials are sent, then 401 with the DRF detail', async () => {
    const res = await app.http.get('/api/api/contacts/');
    expect(res.status).toBe(401);
    expect(res.body.detail).toBe('Authentication credentials were not provided.');
  });
});

describe('seed 001 contacts: list filters and pagination', () => {
  let account: TestAccount;
  beforeAll(async () => {
    account = await createAccount(app);
    const people = [
      { first_name: 'John', last_name: 'Doe', industry: 'Technology', city: 'New York', state: 'NY', country: 'USA', employees: 500, annual_revenue: 5e6, email_status: 'Verified', technologies: 'Python, React' },
      { first_name: 'Johnny', last_name: 'Walker', industry: 'Healthcare', city: 'Boston', state: 'MA', country: 'USA', employees: 50, annual_revenue: 1e6, email_status: 'Unverified', technologies: 'Java' },
      { first_name: 'Mary', last_name: 'Johnson', industry: 'Finance', city: 'London', country: 'UK', employees: 5000, annual_revenue: 9e8, email_status: 'verified', technologies: 'Python Django' },
      { first_name: 'Pct', last_name: '100% Sure_Thing', industry: 'Retail', city: 'Paris', country: 'France', employees: 10 },
    ];
    for (const p of people) await createB2bContact(app, account, p);
  });

  test('when the list is asked, then DRF pagination wraps the documented list items, newest first', async () => {
    const res = await list('', account);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ count: 4, next: null, previous: null, results: expect.any(Array) });
    expect(Object.keys(res.body.results[0]).sort()).toEqual(['city', 'company', 'country', 'created_at', 'email', 'employees', 'full_name', 'id', 'industry', 'title'].sort());
    expect(res.body.results[0].full_name).toBe('Pct 100% Sure_Thing');
  });

  test('when each documented filter is used, then only matching contacts come back', async () => {
    const names = async (q: string) => (await list(q, account)).body.results.map((r: { full_name: string }) => r.full_name).sort();
    expect(await names('?name_search=john')).toEqual(['John Doe', 'Johnny Walker', 'Mary Johnson']);
    expect(await names('?location=ny')).toEqual(['John Doe']);
    expect(await names('?location=uk')).toEqual(['Mary Johnson']);
    expect(await names('?industry=Technology&industry=healthcare')).toEqual(['John Doe', 'Johnny Walker']);
    expect(await names('?email_status=verified')).toEqual(['John Doe', 'Mary Johnson']);
    expect(await names('?min_employees=50&max_employees=500')).toEqual(['John Doe', 'Johnny Walker']);
    expect(await names('?min_revenue=2000000')).toEqual(['John Doe', 'Mary Johnson']);
    expect(await names('?max_revenue=1000000')).toEqual(['Johnny Walker']);
    expect(await names('?technologies=python')).toEqual(['John Doe', 'Mary Johnson']);
    expect(await names('?name_search=john&industry=Technology&city=New+York')).toEqual(['John Doe']);
  });

  test('when filters carry SQL metacharacters, then they match literally', async () => {
    const names = async (q: string) => (await list(q, account)).body.results.map((r: { full_name: string }) => r.full_name);
    const injection = encodeURIComponent("'; drop table contacts; --");
    expect((await list(`?name_search=${injection}&location=${injection}&industry=${injection}&technologies=${injection}`, account)).body.count).toBe(0);
    expect(await names('?name_search=%25')).toEqual(['Pct 100% Sure_Thing']);
    expect(await names('?name_search=_')).toEqual(['Pct 100% Sure_Thing']);
    expect((await list('', account)).body.count).toBe(4);
  });

  test('when pages are walked, then next and previous are absolute URLs that keep the filters', async () => {
    const first = await list('?page_size=2&industry=Technology&industry=Healthcare&industry=Finance&industry=Retail', account);
    expect(first.body.count).toBe(4);
    expect(first.body.previous).toBeNull();
    const next = new URL(first.body.next);
    expect(`${next.origin}${next.pathname}`).toBe(`${app.config.publicBaseUrl}/api/api/contacts/`);
    expect(next.searchParams.get('page')).toBe('2');
    expect(next.searchParams.getAll('industry')).toEqual(['Technology', 'Healthcare', 'Finance', 'Retail']);
    const second = await list(`${next.search}`, account);
    expect(second.body.results).toHaveLength(2);
    expect(second.body.next).toBeNull();
    const prev = new URL(second.body.previous);
    expect(prev.searchParams.get('page')).toBeNull();
    expect(prev.searchParams.get('page_size')).toBe('2');
    const ids = [...first.body.results, ...second.body.results].map((r: { id: number }) => r.id);
    expect(new Set(ids).size).toBe(4);
  });

  test('when page_size is 0 or 10,000, then 400 says the allowed range', async () => {
    for (const size of ['0', '10000', 'abc']) {
      const res = await list(`?page_size=${size}`, account);
      expect(res.status).toBe(400);
      expect(res.body.page_size).toEqual(['page_size must be a whole number between 1 and 1000.']);
    }
    expect((await list('?page_size=1000', account)).status).toBe(200);
  });

  test('when a page past the end is asked, then 404 "Invalid page."', async () => {
    const res = await list('?page=9', account);
    expect(res.status).toBe(404);
    expect(res.body.detail).toBe('Invalid page.');
  });

  test("when another tenant lists, then none of this tenant's contacts appear", async () => {
    const stranger = await createAccount(app);
    expect((await list('', stranger)).body).toEqual({ count: 0, next: null, previous: null, results: [] });
  });
});
