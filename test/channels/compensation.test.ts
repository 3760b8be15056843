import { randomBytes } from 'node:crypto';
import { NumberPurchaseError, type PurchaseRequest } from '../../src/domain/channels/number-purchase.js';
import { SimulatedNumberPurchase } from '../../src/domain/channels/simulated-number-purchase.js';
import { createAccount, type TestAccount } from '../support/accounts.js';
import { recordHistory } from '../replay/record-history.js';
import { channelsOnOwnWorker, type ChannelsOnOwnWorker } from './local-worker.js';

/**
 * Every purchase for a country yields the same number (so a second one cannot be stored); Norway has
 * no numbers and Finland's provider never answers.
 */
class ScriptedProvider extends SimulatedNumberPurchase {
  override async purchase(request: PurchaseRequest) {
    if (request.isoCountry === 'NO') throw new NumberPurchaseError('No available phone numbers in this country', 'no_numbers');
    if (request.isoCountry === 'FI') throw new NumberPurchaseError('Twilio unreachable: connect ECONNREFUSED', 'unavailable');
    return super.purchase(request);
  }
}

const numbers = new ScriptedProvider({ deterministicSeed: randomBytes(8).toString('hex') });
let env: ChannelsOnOwnWorker;
let owner: TestAccount;

beforeAll(async () => {
  env = await channelsOnOwnWorker(numbers);
  owner = await createAccount(env.app);
});
afterAll(() => env?.close());

const generate = (body: unknown) => env.app.http.post('/api/channels/generate-phone-number', body, { token: owner.token });
const channelCount = async () => (await env.app.owner.query(`select count(*)::int as n from channels where tenant_id = $1`, [owner.tenantId])).rows[0].n;

describe('channel purchase saga', () => {
  it('when storing the bought number fails, then the number is released at the provider and no channel is left', async () => {
    const first = await generate({ country: 'Kenya', type: 'sms' });
    expect(first.status).toBe(200);

    const second = await generate({ country: 'KE', type: 'sms' });
    expect(second.status).toBe(409);
    expect(second.body).toEqual({ error: 'Failed to generate phone number', details: expect.stringContaining('The number was released.') });
    expect(second.headers.get('error-code')).toBe('NUMBER_TAKEN');

    const released = numbers.released.filter((r) => r.phoneNumber === first.body.phoneNumber);
    expect(released).toHaveLength(1);
    expect(released[0].reference).not.toBe(first.body.id);
    await recordHistory(env.app, `channel-purchase-t${owner.tenantId}-${released[0].reference}`, 'channel-purchase-compensated');
    const { rows } = await env.app.owner.query(`select id, status from channels where phone_number = $1`, [first.body.phoneNumber]);
    expect(rows).toEqual([{ id: first.body.id, status: 'active' }]);
    const list = await env.app.http.get('/api/channels/', { token: owner.token });
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([first.body.id]);
  });

  it('when the provider has no numbers in the country, then 502 with its reason, nothing stored and nothing to release', async () => {
    const before = { channels: await channelCount(), released: numbers.released.length };
    const res = await generate({ country: 'Norway' });
    expect(res.status).toBe(502);
    expect(res.body).toEqual({ error: 'Failed to generate phone number', details: 'No available phone numbers in this country' });
    expect(res.headers.get('error-code')).toBe('NO_NUMBERS_AVAILABLE');
    expect(await channelCount()).toBe(before.channels);
    expect(numbers.released).toHaveLength(before.released);
  });

  it('when the provider stays unreachable, then 503 and whatever the purchase may have bought is released by its reference', async () => {
    const before = { channels: await channelCount(), released: numbers.released.length };
    const res = await generate({ country: 'Finland' });
    expect(res.status).toBe(503);
    expect(res.body.details).toContain('unreachable');
    expect(res.headers.get('error-code')).toBe('PROVIDER_UNAVAILABLE');
    expect(await channelCount()).toBe(before.channels);
    expect(numbers.released.slice(before.released)).toEqual([{ reference: expect.any(String), sid: null, phoneNumber: null }]);
    await recordHistory(env.app, `channel-purchase-t${owner.tenantId}-${numbers.released.at(-1)!.reference}`, 'channel-purchase-provider-down');
  });
});
