import { startTestApp, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { insertNumbers } from './read-fixtures.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

const statistics = (a: TestAccount, query = '') => app.http.get(`/api/phone-generator/statistics/?user_id=${a.userId}${query}`, { apiKey: a.apiKey });

describe('GET statistics/', () => {
  let owner: TestAccount;
  beforeAll(async () => {
    owner = await createAccount(app);
    const stranger = await createAccount(app);
    await insertNumbers(app, owner, { count: 300, projectId: '5', status: 'valid', carrier: 'AT&T', lineType: 'mobile', start: 0 });
    await insertNumbers(app, owner, { count: 200, projectId: '5', status: 'valid', carrier: 'Verizon', lineType: 'mobile', start: 1000 });
    await insertNumbers(app, owner, { count: 150, projectId: '7', areaCode: '510', status: 'valid', carrier: 'Verizon', lineType: 'landline', start: 0 });
    await insertNumbers(app, owner, { count: 100, projectId: '7', areaCode: '510', status: 'invalid', start: 1000 });
    await insertNumbers(app, owner, { count: 50, projectId: '7', areaCode: '510', status: 'pending', start: 2000 });
    await insertNumbers(app, stranger, { count: 70, projectId: '5', status: 'valid', carrier: 'T-Mobile', lineType: 'voip' });
  });

  test('when the whole tenant is asked, then every documented figure is exact and nothing else is returned', async () => {
    const res = await statistics(owner);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      message: 'Successful',
      data: {
        total_numbers: 800,
        validated_numbers: 750,
        valid_numbers: 650,
        invalid_numbers: 100,
        pending_validation: 50,
        validation_rate: 93.75,
        validity_rate: 86.67,
        carrier_breakdown: [
          { carrier: 'Verizon', count: 350 },
          { carrier: 'AT&T', count: 300 },
        ],
        type_breakdown: [
          { type: 'Mobile', count: 500 },
          { type: 'Landline', count: 150 },
        ],
        area_code_breakdown: [
          { area_code: '415', count: 500 },
          { area_code: '510', count: 300 },
        ],
        status_breakdown: [
          { status: 'active', count: 650 },
          { status: 'inactive', count: 150 },
        ],
      },
    });
  });

  test('when a project is named, then only its numbers count', async () => {
    const res = await statistics(owner, '&project_id=7');
    expect(res.body.data).toEqual(
      expect.objectContaining({
        total_numbers: 300,
        validated_numbers: 250,
        valid_numbers: 150,
        validation_rate: 83.33,
        validity_rate: 60,
        carrier_breakdown: [{ carrier: 'Verizon', count: 150 }],
        status_breakdown: [
          { status: 'active', count: 150 },
          { status: 'inactive', count: 150 },
        ],
      }),
    );
  });

  test('when there are no numbers, then counts and rates are 0 and breakdowns empty', async () => {
    const empty = await createAccount(app);
    const res = await statistics(empty);
    expect(res.body.data).toEqual({
      total_numbers: 0,
      validated_numbers: 0,
      valid_numbers: 0,
      invalid_numbers: 0,
      pending_validation: 0,
      validation_rate: 0,
      validity_rate: 0,
      carrier_breakdown: [],
      type_breakdown: [],
      area_code_breakdown: [],
      status_breakdown: [
        { status: 'active', count: 0 },
        { status: 'inactive', count: 0 },
      ],
    });
  });

  test("when user_id is someone else's, then 403", async () => {
    const res = await app.http.get('/api/phone-generator/statistics/?user_id=other-user', { apiKey: owner.apiKey });
    expect(res.status).toBe(403);
    expect(res.body.errors.user_id).toEqual(['user_id does not belong to the authenticated user.']);
  });
});
