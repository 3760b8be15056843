import { validateContactInput, splitName } from '../../src/domain/contacts/contact-input.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { normalizePhone } from '../../src/domain/contacts/phone.js';
import { normalizeEmail } from '../../src/domain/contacts/email.js';
import { normalizeTags } from '../../src/domain/contacts/tags.js';
import { validateAttributes } from '../../src/domain/contacts/attributes.js';
import { findBatchDuplicates } from '../../src/domain/contacts/batch-dedupe.js';
import { csvSafeText } from '../../src/domain/shared/formula-safe-cells.js';

describe('contact rules', () => {
  test('when numbers are written locally or internationally, then they come out in E.164 for the given region', () => {
    expect(normalizePhone('(415) 555-2671', 'US')).toEqual({ ok: true, e164: '+14155552671' });
    expect(normalizePhone('0712 345 678', 'TZ')).toEqual({ ok: true, e164: '+255712345678' });
    expect(normalizePhone('+44 20 7183 8750', 'US')).toEqual({ ok: true, e164: '+442071838750' });
    for (const bad of ['12345', '+255123456789', 'call me', '']) expect(normalizePhone(bad, 'US').ok).toBe(false);
  });

  test('when North American numbers repeat an exchange, then the remembered answer matches a full parse', () => {
    let seed = 7;
    const next = () => (seed = (seed * 48271) % 2147483647);
    for (let i = 0; i < 3000; i++) {
      const d = String(next() % 1e10).padStart(10, '0');
      for (const written of [`+1${d}`, `(${d.slice(0, 3)}) ${d.slice(3, 6)}-${d.slice(6)}`, `1${d}`, `${d.slice(0, 6)}0000`]) {
        const full = parsePhoneNumberFromString(written, 'US');
        const r = normalizePhone(written, 'US');
        expect(r.ok ? r.e164 : null).toBe(full?.isValid() ? full.number : null);
      }
    }
  });

  test('when emails are checked, then valid ones are lower-cased and malformed ones refused', () => {
    expect(normalizeEmail('  Jane.Doe+x@Example.CO.uk ')).toEqual({ ok: true, email: 'jane.doe+x@example.co.uk' });
    for (const bad of ['jane', 'jane@', '@example.com', 'jane@example', 'ja ne@example.com', 'a@b..com']) expect(normalizeEmail(bad).ok).toBe(false);
  });

  test('when tags are given as a list or text, then they are lower-case, trimmed and unique', () => {
    expect(normalizeTags([' VIP', 'vip', 'Marketing ', ''])).toEqual({ ok: true, tags: ['vip', 'marketing'] });
    expect(normalizeTags('a; B|c, a')).toEqual({ ok: true, tags: ['a', 'b', 'c'] });
    expect(normalizeTags([{ x: 1 }]).ok).toBe(false);
  });

  test('when attributes are nested, then they are refused; flat values pass', () => {
    expect(validateAttributes({ a: 'x', b: 2, c: false })).toEqual({ ok: true, attributes: { a: 'x', b: 2, c: false } });
    expect(validateAttributes('{"a":1}')).toEqual({ ok: true, attributes: { a: 1 } });
    expect(validateAttributes({ a: { b: { c: 1 } } }).ok).toBe(false);
    expect(validateAttributes({ a: [1] }).ok).toBe(false);
    expect(validateAttributes({ a: null }).ok).toBe(false);
    expect(validateAttributes([1, 2]).ok).toBe(false);
  });

  test('when a spreadsheet row uses header names, then validateContactInput maps and normalises every field', () => {
    const r = validateContactInput(
      { 'First Name': ' Ann ', 'Last Name': 'Lee', Phone: '415 555 2671', Email: 'ANN@X.COM', '# Employees': '1,200', 'Annual Revenue': '$5,000,000.50', Tags: 'A,b', 'Person Linkedin Url': 'https://linkedin.com/in/ann', Team: 'Red' },
      { defaultRegion: 'US', unknownKeys: 'attributes' },
    );
    expect(r).toEqual({
      ok: true,
      row: { first_name: 'Ann', last_name: 'Lee', phone_e164: '+14155552671', email: 'ann@x.com', employees: 1200, annual_revenue: 5000000.5, tags: ['a', 'b'], person_linkedin_url: 'https://linkedin.com/in/ann', attributes: { Team: 'Red' } },
    });
  });

  test('when input is wrong, then every bad field is named and nothing else is required on a partial update', () => {
    const r = validateContactInput({ name: 'X', phone_e164: 'abc', email: 'no', employees: -1, is_active: 'maybe' }, { defaultRegion: 'US' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(Object.keys(r.errors).sort()).toEqual(['email', 'employees', 'is_active', 'phone_e164']);
    expect(validateContactInput({ title: 'CEO' }, { defaultRegion: 'US', partial: true })).toEqual({ ok: true, row: { title: 'CEO' } });
    expect(validateContactInput({ title: 'CEO' }, { defaultRegion: 'US' }).ok).toBe(false);
    expect(validateContactInput('text', { defaultRegion: 'US' }).ok).toBe(false);
  });

  test('when a name has several words, then the first is the first name and the rest the last name', () => {
    expect(splitName('  Mary  Ann Smith ')).toEqual({ first_name: 'Mary', last_name: 'Ann Smith' });
    expect(splitName('Cher')).toEqual({ first_name: 'Cher', last_name: '' });
  });

  test('when rows of one batch share a phone or an email, then later ones are duplicates of the first', () => {
    const d = findBatchDuplicates([{ phone_e164: '+1', email: 'a@x.io' }, { email: 'a@x.io' }, { phone_e164: '+2' }, { phone_e164: '+1' }]);
    expect([...d.values()]).toEqual([
      { index: 1, of: 0, key: 'email' },
      { index: 3, of: 0, key: 'phone_e164' },
    ]);
  });

  test('when a cell starts like a formula, then it is quoted', () => {
    expect(['=1+1', '+1', '-1', '@x', '\tx', 'ok'].map(csvSafeText)).toEqual(["'=1+1", "'+1", "'-1", "'@x", "'\tx", 'ok']);
  });
});
