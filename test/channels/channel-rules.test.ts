import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { CountryCode } from 'libphonenumber-js';
import { resolveCountry } from '../../src/domain/channels/countries.js';
import { seededRandom, simulatedNumber } from '../../src/domain/channels/simulated-numbers.js';
import { defaultChannelName } from '../../src/app/channels/channel-view.js';

describe('countries', () => {
  it.each([
    ['USA', 'US', '+1'],
    ['united states of america', 'US', '+1'],
    ['us', 'US', '+1'],
    ['UK', 'GB', '+44'],
    ['GBR', 'GB', '+44'],
    ['Tanzania', 'TZ', '+255'],
    ['Cote d’Ivoire', 'CI', '+225'],
    ['The Netherlands', 'NL', '+31'],
  ])('when the country is written "%s", then it is %s (%s)', (input, iso, code) => {
    expect(resolveCountry(input)).toMatchObject({ isoCountry: iso, callingCode: code });
  });

  it.each(['Narnia', '', 'XX', 'a'.repeat(80)])('when the country is "%s", then it is unknown', (input) => {
    expect(resolveCountry(input)).toBeNull();
  });
});

describe('simulated numbers', () => {
  it.each(['US', 'CA', 'GB', 'DE', 'FR', 'IN', 'KE', 'TZ', 'NG', 'BR', 'AU', 'JP'])('when a number is made for %s, then it is a valid number of that country', (iso) => {
    const parsed = parsePhoneNumberFromString(simulatedNumber(iso as CountryCode, Math.random)!);
    expect(parsed?.isValid()).toBe(true);
    expect(parsed?.country).toBe(iso);
  });

  it('when the same seed is used twice, then the same number comes out', () => {
    expect(simulatedNumber('US', seededRandom('seed-1'))).toBe(simulatedNumber('US', seededRandom('seed-1')));
    expect(simulatedNumber('US', seededRandom('seed-1'))).not.toBe(simulatedNumber('US', seededRandom('seed-2')));
  });
});

describe('channel names', () => {
  it('when no name is given, then the seed default "<country> - <number>" is used with short codes upper-cased', () => {
    expect(defaultChannelName('USA', '+15551234567')).toBe('USA - +15551234567');
    expect(defaultChannelName(' us ', '+15551234567')).toBe('US - +15551234567');
    expect(defaultChannelName('Kenya', '+254712345678')).toBe('Kenya - +254712345678');
  });
});
