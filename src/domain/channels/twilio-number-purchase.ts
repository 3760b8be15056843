import type twilio from 'twilio';
import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import { createTwilioClient } from '../messaging/providers/twilio-client.js';
import { REQUIRED_CAPABILITIES } from './channel-types.js';
import { NumberPurchaseError, type NumberCapabilities, type NumberPurchaseProvider, type PurchasedNumber, type PurchaseRequest, type ReleaseRequest } from './number-purchase.js';
import { toNumberPurchaseError } from './twilio-purchase-errors.js';

export interface TwilioPurchaseSettings {
  accountSid: string;
  authToken: string;
  /** Another origin for Twilio's REST API (a local server in tests). */
  apiBaseUrl?: string;
}

/** Twilio answers 21422 when a listed number was taken by someone else before we bought it. */
const NUMBER_GONE = 21422;
const CANDIDATES = 3;

interface TwilioNumber {
  sid: string;
  phoneNumber: string;
  capabilities: unknown;
}

/**
 * Buys through AvailablePhoneNumbers (local numbers, then mobile ones) and IncomingPhoneNumbers. The
 * purchase carries its reference as the number's friendly name, so a retry after an answer that never
 * arrived finds the number already bought.
 */
export class TwilioNumberPurchase implements NumberPurchaseProvider {
  readonly name = 'twilio' as const;
  private clientReady?: Promise<twilio.Twilio>;

  constructor(private readonly settings: TwilioPurchaseSettings) {}

  private client(): Promise<twilio.Twilio> {
    return (this.clientReady ??= createTwilioClient(this.settings));
  }

  async purchase(request: PurchaseRequest): Promise<PurchasedNumber> {
    try {
      const owned = await this.findByReference(request.reference);
      if (owned[0]) return this.view(owned[0], request.isoCountry);
      for (const candidate of await this.candidates(request)) {
        try {
          const bought = await (await this.client()).incomingPhoneNumbers.create({ phoneNumber: candidate.phoneNumber, friendlyName: friendlyName(request.reference) });
          return this.view(bought, request.isoCountry);
        } catch (err) {
          if ((err as { code?: number }).code !== NUMBER_GONE) throw err;
        }
      }
      throw new NumberPurchaseError('No available phone numbers in this country', 'no_numbers');
    } catch (err) {
      throw toNumberPurchaseError(err);
    }
  }

  async release(request: ReleaseRequest): Promise<{ released: boolean }> {
    try {
      const sids = request.sid ? [request.sid] : (await this.findByReference(request.reference)).map((n) => n.sid);
      let released = false;
      for (const sid of sids) {
        try {
          released = (await (await this.client()).incomingPhoneNumbers(sid).remove()) || released;
        } catch (err) {
          if ((err as { status?: number }).status !== 404) throw err;
        }
      }
      return { released };
    } catch (err) {
      throw toNumberPurchaseError(err);
    }
  }

  private async findByReference(reference: string): Promise<TwilioNumber[]> {
    return (await this.client()).incomingPhoneNumbers.list({ friendlyName: friendlyName(reference), limit: 5 });
  }

  /** Local numbers first, mobile ones where a country sells no local numbers; a country Twilio does not serve has none. */
  private async candidates(request: PurchaseRequest): Promise<{ phoneNumber: string }[]> {
    const filter = Object.fromEntries(REQUIRED_CAPABILITIES[request.type].map((c) => [`${c}Enabled`, true]));
    const country = (await this.client()).availablePhoneNumbers(request.isoCountry);
    const lists = [() => country.local.list({ ...filter, limit: CANDIDATES }), () => country.mobile.list({ ...filter, limit: CANDIDATES })];
    for (const list of lists) {
      try {
        const found = await list();
        if (found.length) return found;
      } catch (err) {
        if ((err as { status?: number }).status !== 404) throw err;
      }
    }
    return [];
  }

  private view(n: TwilioNumber, isoCountry: string): PurchasedNumber {
    return {
      phoneNumber: n.phoneNumber,
      countryCode: `+${getCountryCallingCode(isoCountry as CountryCode)}`,
      isoCountry,
      capabilities: capabilitiesOf(n.capabilities),
      sid: n.sid,
      isMock: false,
    };
  }
}

const friendlyName = (reference: string) => `switchboard:${reference}`;

/** Twilio spells them `SMS`/`MMS` for available numbers and `sms`/`mms` for owned ones. */
function capabilitiesOf(raw: unknown): NumberCapabilities {
  const c = Object.fromEntries(Object.entries((raw ?? {}) as Record<string, unknown>).map(([k, v]) => [k.toLowerCase(), v === true]));
  return { voice: c.voice ?? false, sms: c.sms ?? false, mms: c.mms ?? false };
}
