import { randomInt } from 'node:crypto';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { NumberPurchaseError, type NumberPurchaseProvider, type PurchasedNumber, type PurchaseRequest, type ReleaseRequest } from './number-purchase.js';
import { seededRandom, simulatedNumber } from './simulated-numbers.js';

export interface SimulatedPurchaseOptions {
  /**
   * Every purchase for a country yields the same number, derived from this seed: how tests make the
   * second purchase collide with the first.
   */
  deterministicSeed?: string;
}

const secureRandom = () => randomInt(0, 2 ** 32) / 2 ** 32;

/**
 * The provider used when no Twilio credentials are set: realistic valid numbers for the country,
 * nothing bought, `isMock: true` and no SID. It remembers what it handed out and took back, so a
 * retried purchase returns the same number and tests can see releases.
 */
export class SimulatedNumberPurchase implements NumberPurchaseProvider {
  readonly name = 'simulated' as const;
  readonly released: ReleaseRequest[] = [];
  private readonly byReference = new Map<string, PurchasedNumber>();

  constructor(private readonly opts: SimulatedPurchaseOptions = {}) {}

  async purchase(request: PurchaseRequest): Promise<PurchasedNumber> {
    const known = this.byReference.get(request.reference);
    if (known) return known;
    const iso = request.isoCountry as CountryCode;
    const random = this.opts.deterministicSeed ? seededRandom(`${this.opts.deterministicSeed}:${iso}`) : secureRandom;
    const phoneNumber = simulatedNumber(iso, random);
    if (!phoneNumber) throw new NumberPurchaseError('No available phone numbers in this country', 'no_numbers');
    const number: PurchasedNumber = {
      phoneNumber,
      countryCode: `+${getCountryCallingCode(iso)}`,
      isoCountry: iso,
      capabilities: { voice: true, sms: true, mms: iso === 'US' || iso === 'CA' },
      sid: null,
      isMock: true,
    };
    this.byReference.set(request.reference, number);
    if (this.byReference.size > 10_000) this.byReference.delete(this.byReference.keys().next().value!);
    return number;
  }

  async release(request: ReleaseRequest): Promise<{ released: boolean }> {
    this.released.push(request);
    if (this.released.length > 1000) this.released.shift();
    this.byReference.delete(request.reference);
    return { released: true };
  }
}
