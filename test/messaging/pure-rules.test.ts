import { countSegments } from '../../src/domain/messaging/sms-segments.js';
import { canTransition, classifySendFailure, mergeStatus, normaliseProviderStatus, outcomeAfterSearch } from '../../src/domain/messaging/outbound-sms.js';
import { SmsProviderError } from '../../src/domain/messaging/sms-provider.js';
import { recipientStatusFromProvider } from '../../src/domain/campaigns/recipient-status.js';
import { checkTemplate, renderTemplate, templateProblems } from '../../src/domain/messaging/templates.js';
import { criteriaToSql, segmentCriteriaSchema } from '../../src/domain/messaging/segment-criteria.js';
import { smsCost, smsPriceFrom, DEFAULT_PRICE_PER_SEGMENT } from '../../src/domain/messaging/pricing.js';
import { classifyInbound } from '../../src/domain/messaging/inbound-keywords.js';
import { normaliseRecipients } from '../../src/domain/messaging/phone-numbers.js';

describe('SMS segments', () => {
  test('when a GSM-7 text fits 160 characters, then it is one part', () => {
    expect(countSegments('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, characters: 160, perSegment: 160 });
  });
  test('when a GSM-7 text has 161 characters, then it is two parts of 153', () => {
    expect(countSegments('a'.repeat(161))).toMatchObject({ segments: 2, perSegment: 153 });
    expect(countSegments('a'.repeat(306)).segments).toBe(2);
    expect(countSegments('a'.repeat(307)).segments).toBe(3);
  });
  test('when the text has extended characters, then each counts twice', () => {
    expect(countSegments('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', segments: 1, units: 160 });
    expect(countSegments('€'.repeat(81)).segments).toBe(2);
    expect(countSegments('^{}\\[~]|').units).toBe(16);
  });
  test('when an extended character would straddle two parts, then it moves whole to the next', () => {
    // 152 plain + '€' (2) = 154 septets: the escape pair cannot split at 153, so the first part holds 152.
    expect(countSegments('a'.repeat(152) + '€' + 'a'.repeat(152)).segments).toBe(3);
  });
  test('when the text has a character outside GSM-7, then it is UCS-2 at 70/67', () => {
    expect(countSegments('ü'.repeat(200)).encoding).toBe('GSM-7');
    expect(countSegments('ł'.repeat(70))).toMatchObject({ encoding: 'UCS-2', segments: 1, perSegment: 70 });
    expect(countSegments('ł'.repeat(71))).toMatchObject({ segments: 2, perSegment: 67 });
    expect(countSegments('😀'.repeat(35))).toMatchObject({ segments: 1, characters: 35, units: 70 });
  });
  test('when the text is empty, then it has no parts', () => {
    expect(countSegments('')).toMatchObject({ segments: 0, characters: 0 });
  });
});

describe('pricing', () => {
  test('when a tenant sets no price, then the documented default applies', () => {
    expect(smsPriceFrom({})).toEqual({ perSegment: DEFAULT_PRICE_PER_SEGMENT, currency: 'USD' });
    expect(smsCost(2, smsPriceFrom({ sms_price_per_segment: 0.0079 }), 3)).toBe(0.0474);
  });
});

describe('message status order', () => {
  test('when a late sent arrives after delivered, then delivered stays', () => {
    expect(mergeStatus('delivered', 'sent')).toBe('delivered');
    expect(canTransition('queued', 'delivered')).toBe(true);
    expect(canTransition('delivered', 'read')).toBe(true);
    expect(canTransition('sent', 'failed')).toBe(true);
    expect(canTransition('failed', 'delivered')).toBe(false);
    expect(canTransition('delivered', 'undelivered')).toBe(false);
    expect(canTransition('sent', 'sent')).toBe(false);
    expect(normaliseProviderStatus('accepted')).toBe('queued');
    expect(normaliseProviderStatus('bogus')).toBeNull();
  });

  test('when the provider spells cancelled either way, then a message is cancelled as the seeds spell it and a ledger row ignores it', () => {
    expect([normaliseProviderStatus('canceled'), normaliseProviderStatus('Cancelled')]).toEqual(['cancelled', 'cancelled']);
    expect(canTransition('queued', 'cancelled')).toBe(true);
    expect(recipientStatusFromProvider('canceled')).toBeNull();
  });

  test('when a provider status reaches a campaign ledger row, then everything the provider holds is sent and the rest keeps its name', () => {
    expect(['accepted', 'queued', 'scheduled', 'sending', 'sent'].map(recipientStatusFromProvider)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent']);
    expect(['delivered', 'read', 'undelivered', 'FAILED', 'received', undefined].map(recipientStatusFromProvider)).toEqual(['delivered', 'read', 'undelivered', 'failed', null, null]);
  });
});

describe('sends the provider did not plainly accept', () => {
  const error = (httpStatus: number | null, retryable: boolean, code?: string) => new SmsProviderError('provider trouble', httpStatus, retryable, code);

  test('when a send fails, then what the failure proves decides whether the message may have left', () => {
    expect(classifySendFailure(error(400, false, '21211'))).toBe('refused');
    expect(classifySendFailure(error(429, true))).toBe('not-taken');
    expect(classifySendFailure(error(null, true, 'ECONNREFUSED'))).toBe('not-taken');
    expect(classifySendFailure(error(503, true))).toBe('provider-error');
    expect(classifySendFailure(error(null, true, 'ETIMEDOUT'))).toBe('unanswered');
    expect(classifySendFailure(error(null, true))).toBe('unanswered');
  });

  test('when the provider log is read after a send that may have left, then only proof of absence after an answer means not taken', () => {
    const found = { kind: 'found', providerMessageId: 'SM1' } as const;
    expect(outcomeAfterSearch('unanswered', found)).toBe('sent');
    expect(outcomeAfterSearch('provider-error', found)).toBe('sent');
    expect(outcomeAfterSearch('provider-error', { kind: 'absent' })).toBe('not-taken');
    expect(outcomeAfterSearch('unanswered', { kind: 'absent' })).toBe('unknown');
    expect(outcomeAfterSearch('unanswered', { kind: 'unreadable' })).toBe('unknown');
    expect(outcomeAfterSearch('provider-error', { kind: 'unreadable' })).toBe('unknown');
  });
});

describe('templates', () => {
  test('when a template names contact fields and attributes, then it renders them', () => {
    const body = 'Hi {{ first_name }} from {{attributes.city}}, {{company}}!';
    expect(checkTemplate(body)).toMatchObject({ variables: ['first_name', 'attributes.city', 'company'], unknown: [] });
    expect(renderTemplate(body, { first_name: 'Asha', attributes: { city: 'Arusha', company: 'Acme' } })).toBe('Hi Asha from Arusha, Acme!');
  });
  test('when a template names an unknown variable, then it has a problem', () => {
    expect(templateProblems('Hi {{frist_name}}')).toEqual([expect.stringContaining('frist_name')]);
    expect(templateProblems('Hi {{first_name')).toEqual([expect.stringContaining('Malformed')]);
  });
});

describe('segment criteria', () => {
  test('when criteria use every field, then the SQL numbers parameters from the given index', () => {
    const criteria = segmentCriteriaSchema.parse({ tags: ['VIP'], opt_in_status: 'opted_in', is_active: true, attributes: { city: 'Arusha', tier: { in: ['gold', 1] }, x: { exists: false } } });
    const { sql, params } = criteriaToSql(criteria, 3);
    expect(sql).toContain('c.tags && $3::text[]');
    expect(sql).toContain('c.is_opted_in');
    expect(sql).toContain('not jsonb_exists(c.attributes, $8::text)');
    expect(params).toEqual([['vip'], 'city', 'Arusha', 'tier', ['gold', '1'], 'x']);
  });
  test('when a criterion names an unknown field, then the schema refuses it', () => {
    expect(segmentCriteriaSchema.safeParse({ tagz: ['vip'] }).success).toBe(false);
    expect(segmentCriteriaSchema.safeParse({ attributes: { city: { like: 'A%' } } }).success).toBe(false);
  });
  test('when criteria are empty, then every contact matches', () => {
    expect(criteriaToSql({}, 1)).toEqual({ sql: 'true', params: [] });
  });
});

describe('keywords and recipients', () => {
  test('when a reply is a carrier keyword, then it is classified', () => {
    expect(classifyInbound(' stop ')).toBe('opt_out');
    expect(classifyInbound('Unstop')).toBe('opt_in');
    expect(classifyInbound('HELP!')).toBe('help');
    expect(classifyInbound('stop sending me deals')).toBeNull();
  });
  test('when recipients repeat or are invalid, then they are reported apart', () => {
    const list = normaliseRecipients(['255712345678', '+255 712 345 678', 'nope', '0712345679'], 'TZ');
    expect(list.valid.map((r) => r.e164)).toEqual(['+255712345678', '+255712345679']);
    expect(list.duplicates).toHaveLength(1);
    expect(list.invalid).toEqual([{ input: 'nope', reason: expect.any(String) }]);
  });
});
