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
const REMEMBERED = 10_000;
const UNIQUE_DRAWS = 20;

/**
 * The provider used when no Twilio credentials are set: realistic valid numbers for the country,
 * nothing bought, `isMock: true` and no SID. It remembers what it handed out and took back, so a
 * retried purchase returns the same number, a new purchase a number not handed out before (a number
 * stored elsewhere meanwhile is still refused by the channel store's NUMBER_TAKEN), and tests can see releases.
 */
export class SimulatedNumberPurchase implements NumberPurchaseProvider {
  readonly name = 'simulated' as const;
  readonly released: ReleaseRequest[] = [];
  private readonly byReference = new Map<string, PurchasedNumber>();
  private readonly handedOut = new Set<string>();

  constructor(private readonly opts: SimulatedPurchaseOptions = {}) {}

  async purchase(request: PurchaseRequest): Promise<PurchasedNumber> {
    const known = this.byReference.get(request.reference);
    if (known) return known;
    const iso = request.isoCountry as CountryCode;
    const phoneNumber = this.draw(iso);
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
    this.handedOut.add(phoneNumber);
    if (this.byReference.size > REMEMBERED) this.byReference.delete(this.byReference.keys().next().value!);
    if (this.handedOut.size > REMEMBERED) this.handedOut.delete(this.handedOut.values().next().value!);
    return number;
  }

  /** A number not handed out before (redrawn on a repeat); the deterministic seed repeats on purpose. */
  private draw(iso: CountryCode): string | null {
    if (this.opts.deterministicSeed) return simulatedNumber(iso, seededRandom(`${this.opts.deterministicSeed}:${iso}`));
    let candidate: string | null = null;
    for (let i = 0; i < UNIQUE_DRAWS; i++) {
      candidate = simulatedNumber(iso, secureRandom);
      if (!candidate || !this.handedOut.has(candidate)) return candidate;
    }
    return candidate;
  }

  async release(request: ReleaseRequest): Promise<{ released: boolean }> {
    this.released.push(request);
    if (this.released.length > 1000) this.released.shift();
    this.byReference.delete(request.reference);
    return { released: true };
  }
}
