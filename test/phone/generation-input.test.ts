import { startTestAppWithAccount, type TestApp } from '../support/harness.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { areaCodeSpace } from '../../src/domain/phone/area-codes.js';
import { countRows, post } from './generation-support.js';

let app: TestApp;
let account: TestAccount;
beforeAll(async () => ({ app, account } = await startTestAppWithAccount()));
afterAll(() => app.close());

const good = { project_id: '5', area_code: '415', quantity: 100, batch_size: 100 };

async function expectNothingStarted(tenantId: number) {
  expect(await countRows(app, `select count(*)::int as n from tasks where tenant_id = $1`, [tenantId])).toBe(0);
  expect(await countRows(app, `select count(*)::int as n from phone_numbers where tenant_id = $1`, [tenantId])).toBe(0);
}

describe('generation requests that must not start', () => {
  test.each([
    ['area code with a letter', { area_code: '41a' }, 'area_code', 'Invalid area code format. Must be 3 digits.'],
    ['area code of four digits', { area_code: '4155' }, 'area_code', 'Invalid area code format. Must be 3 digits.'],
    ['area code 000', { area_code: '000' }, 'area_code', 'Area code 000 is not an assigned North American area code.'],
    ['area code 555', { area_code: '555' }, 'area_code', 'Area code 555 is not an assigned North American area code.'],
    ['missing area code', { area_code: undefined }, 'area_code', 'This field is required.'],
    ['quantity 0', { quantity: 0 }, 'quantity', 'Minimum quantity is 1.'],
    ['quantity -1', { quantity: -1 }, 'quantity', 'Minimum quantity is 1.'],
    ['quantity 1,000,001', { quantity: 1_000_001 }, 'quantity', 'Maximum quantity is 1,000,000 numbers.'],
    ['quantity "ten"', { quantity: 'ten' }, 'quantity', 'A valid integer is required.'],
    ['quantity 1.5', { quantity: 1.5 }, 'quantity', 'A valid integer is required.'],
    ['missing quantity', { quantity: undefined }, 'quantity', 'This field is required.'],
    ['batch_size 99', { batch_size: 99 }, 'batch_size', 'Batch size must be between 100 and 10,000.'],
    ['batch_size 10,001', { batch_size: 10_001 }, 'batch_size', 'Batch size must be between 100 and 10,000.'],
    ['unknown type filter', { type_filter: 'fax' }, 'type_filter', expect.stringContaining('"fax" is not a valid line type')],
    ['toll-free type in a geographic area code', { type_filter: 'Toll-Free' }, 'type_filter', 'Area code 415 has no toll-free numbers.'],
    ['carrier filter of punctuation', { carrier_filter: '&&' }, 'carrier_filter', 'Carrier filter must contain letters or digits.'],
    ['auto_validate that is not a boolean', { auto_validate: 'maybe' }, 'auto_validate', 'Must be a valid boolean.'],
  ])('when the request has %s, then it is a 400 naming the field and nothing starts', async (_label, change, field, message) => {
    const fresh = await createAccount(app);
    const res = await post(app, fresh, '/generate-numbers-config/', { ...good, ...change });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Errors', errors: expect.objectContaining({ [field]: [message] }) });
    await expectNothingStarted(fresh.tenantId);
  });

  test('when several fields are wrong, then each is named at once', async () => {
    const res = await post(app, account, '/generate-numbers-enhanced/', { area_code: '41a', quantity: 1_000_001 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual({ area_code: ['Invalid area code format. Must be 3 digits.'], quantity: ['Maximum quantity is 1,000,000 numbers.'] });
  });

  test('when user_id names someone else, then it is refused before anything starts', async () => {
    const fresh = await createAccount(app);
    const res = await post(app, fresh, '/generate-numbers-enhanced/', { ...good, user_id: 'someone-else' });
    expect(res.status).toBe(403);
    expect(res.body.errors.user_id).toEqual(['user_id does not belong to the authenticated user.']);
    await expectNothingStarted(fresh.tenantId);
  });

  test('when no credentials are sent, then the answer is 401', async () => {
    const res = await app.http.post('/api/phone-generator/generate-numbers-enhanced/', { ...good, user_id: '1' });
    expect(res.status).toBe(401);
  });

  test('when more numbers are asked than the area code has, then it is a 400 AREA_CODE_EXHAUSTED before any work', async () => {
    const fresh = await createAccount(app);
    const capacity = areaCodeSpace('664').capacity;
    const res = await post(app, fresh, '/generate-numbers-enhanced/', { ...good, area_code: '664', quantity: capacity + 1 });
    expect(res.status).toBe(400);
    expect(res.body.errors.quantity).toEqual([`Only ${capacity.toLocaleString('en-US')} numbers are still available in area code 664 for this project.`]);
    expect(res.headers.get('error-code')).toBe('AREA_CODE_EXHAUSTED');
    await expectNothingStarted(fresh.tenantId);
  });

  test('when the project already holds numbers of the area code, then only the rest is available', async () => {
    const fresh = await createAccount(app);
    const space = areaCodeSpace('664');
    await app.owner.query(
      `insert into phone_numbers (tenant_id, user_id, project_id, number, area_code)
       select $1, $2, 'p', '+1664' || $3::int || lpad(g::text, 4, '0'), '664' from generate_series(0, 999) g`,
      [fresh.tenantId, fresh.userId, space.exchanges[0]],
    );
    const over = await post(app, fresh, '/generate-numbers-enhanced/', { ...good, project_id: 'p', area_code: '664', quantity: space.capacity - 999 });
    expect(over.status).toBe(400);
    expect(over.body.errors.quantity).toEqual([`Only ${(space.capacity - 1000).toLocaleString('en-US')} numbers are still available in area code 664 for this project.`]);
    expect(over.headers.get('error-code')).toBe('AREA_CODE_EXHAUSTED');
    const otherProject = await post(app, fresh, '/generate-numbers-enhanced/', { ...good, project_id: 'q', area_code: '664', quantity: 1, batch_size: 100 });
    expect(otherProject.status).toBe(202);
  });
});
