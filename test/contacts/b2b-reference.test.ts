import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount } from '../support/accounts.js';
import { createB2bContact } from './fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

describe('seed 001 industries', () => {
  test('when industries are listed, then the default set comes back as documented and each can be read', async () => {
    const account = await createAccount(app);
    const res = await app.http.get('/api/api/industries/', { apiKey: account.apiKey });
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    const tech = res.body.find((i: { name: string }) => i.name === 'Technology');
    expect(tech).toEqual({ id: expect.any(Number), name: 'Technology', description: 'Technology sector', is_active: true, created_at: expect.any(String), updated_at: expect.any(String) });
    const one = await app.http.get(`/api/api/industries/${tech.id}/`, { apiKey: account.apiKey });
    expect(one.body).toEqual(tech);
    expect((await app.http.get('/api/api/industries/99999999/', { apiKey: account.apiKey })).status).toBe(404);
  });
});

describe('seed 001 autocomplete', () => {
  test('when technologies are completed, then comma-separated entries come back as distinct values, prefix matches first', async () => {
    const account = await createAccount(app);
    await createB2bContact(app, account, { first_name: 'A', technologies: 'Python, React, Python Django', keywords: 'saas,b2b' });
    await createB2bContact(app, account, { first_name: 'B', technologies: 'Python Flask,Jython', company: 'Pythonic Ltd', annual_revenue: 1500000 });
    const res = await app.http.get('/api/api/contacts/autocomplete/?field=technologies&q=python', { apiKey: account.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual([{ value: 'Python' }, { value: 'Python Flask' }, { value: 'Python Django' }]);
    const jy = await app.http.get('/api/api/contacts/autocomplete/?field=technologies&q=ytho', { apiKey: account.apiKey });
    expect(jy.body.map((v: { value: string }) => v.value).sort()).toEqual(['Jython', 'Python', 'Python Django', 'Python Flask']);
    expect((await app.http.get('/api/api/contacts/autocomplete/?field=keywords&q=b2', { apiKey: account.apiKey })).body).toEqual([{ value: 'b2b' }]);
    expect((await app.http.get('/api/api/contacts/autocomplete/?field=company&q=pyth', { apiKey: account.apiKey })).body).toEqual([{ value: 'Pythonic Ltd' }]);
    expect((await app.http.get('/api/api/contacts/autocomplete/?field=revenue&q=15', { apiKey: account.apiKey })).body).toEqual([{ value: 1500000 }]);
    expect((await app.http.get('/api/api/contacts/autocomplete/?field=name&q=%25', { apiKey: account.apiKey })).body).toEqual([]);
  });

  test('when the field is not one of the documented ones, then 400 names it', async () => {
    const account = await createAccount(app);
    const res = await app.http.get('/api/api/contacts/autocomplete/?field=password&q=a', { apiKey: account.apiKey });
    expect(res.status).toBe(400);
    expect(res.body.field[0]).toMatch(/name, email, company, technologies, keywords, revenue/);
  });
});

describe('seed 001 dashboard', () => {
  test("when stats are asked, then the documented figures are computed over the caller's tenant only", async () => {
    const account = await createAccount(app);
    const other = await createAccount(app);
    await createB2bContact(app, other, { first_name: 'Elsewhere', industry: 'Technology', country: 'USA' });
    await createB2bContact(app, account, { first_name: 'A', industry: 'Technology', country: 'USA', company: 'Acme', employees: 100, annual_revenue: 1000000, email_status: 'Verified', person_linkedin_url: 'https://linkedin.com/in/a' });
    await createB2bContact(app, account, { first_name: 'B', industry: 'Technology', country: 'UK', company: 'acme', employees: 301, annual_revenue: 3000000, email_status: 'Unverified' });
    await createB2bContact(app, account, { first_name: 'C', industry: 'Healthcare', country: 'USA', company: 'Care' });
    const res = await app.http.get('/api/api/dashboard/stats/', { apiKey: account.apiKey });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      success: true,
      stats: {
        total_contacts: 3,
        verified_emails: 1,
        unverified_emails: 2,
        top_industries: [{ industry: 'Technology', count: 2 }, { industry: 'Healthcare', count: 1 }],
        top_countries: [{ country: 'USA', count: 2 }, { country: 'UK', count: 1 }],
        avg_employees: 200.5,
        total_companies: 2,
        avg_revenue: 2000000,
        total_revenue: 4000000,
        with_linkedin: 1,
        recent_contacts: 3,
      },
    });
  });
});
