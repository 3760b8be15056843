import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { areaCodeSpace, isAssignedAreaCode } from '../../src/domain/phone/area-codes.js';
import { CandidateStream, hash32 } from '../../src/domain/phone/candidate-stream.js';
import { parseLineType } from '../../src/domain/phone/line-types.js';
import { matchesFilters } from '../../src/domain/phone/number-filters.js';
import { SimulatedLookupProvider } from '../../src/domain/phone/simulated-lookup.js';
import { formatDuration } from '../../src/domain/phone/job-sizing.js';
import { realLookingProblem } from './generation-support.js';

describe('NANP area codes', () => {
  test('when an area code is assigned, then its space holds only valid, non-N11 exchanges less the fictional block', () => {
    const space = areaCodeSpace('415');
    expect(space.exchanges.length).toBeGreaterThan(700);
    expect(space.exchanges.some((x) => x % 100 === 11)).toBe(false);
    expect(space.exchanges).toContain(555);
    expect(space.capacity).toBe(space.exchanges.length * 10_000 - 100);
    for (const nxx of space.exchanges) expect(parsePhoneNumberFromString(`+1415${nxx}4242`)?.isValid()).toBe(true);
  });

  test('when an area code is unassigned, malformed or a service code, then it is not assigned', () => {
    for (const code of ['000', '555', '123', '911', '41a', '']) expect(isAssignedAreaCode(code)).toBe(false);
    expect(isAssignedAreaCode('212')).toBe(true);
    expect(isAssignedAreaCode('416')).toBe(true); // Toronto: NANP, not only the US
  });

  test('when a line type is asked, then only exchanges whose numbers can have it remain', () => {
    expect(areaCodeSpace('415', 'toll-free').capacity).toBe(0);
    expect(areaCodeSpace('800', 'toll-free').capacity).toBeGreaterThan(0);
    expect(areaCodeSpace('800', 'mobile').capacity).toBe(0);
    const barbados = areaCodeSpace('246');
    expect(areaCodeSpace('246', 'mobile').capacity).toBeLessThan(barbados.capacity);
  });
});

describe('candidate stream', () => {
  test('when the stream is read whole, then it proposes every real-looking number of the space exactly once', () => {
    const space = { areaCode: '415', exchanges: [555, 556] };
    const stream = new CandidateStream(space, 7, hash32('task-a'));
    const proposed = Array.from({ length: stream.length }, (_, p) => stream.at(p)).filter((n): n is string => n !== null);
    const seen = new Set(proposed);
    expect(proposed.length).toBe(seen.size);
    expect(seen.size).toBe(20_000 - 100);
    expect([...seen].some((n) => /^\+141555501\d\d$/.test(n))).toBe(false);
  });

  test('when the first round is read, then it is ascending and spread over the whole area code', () => {
    const space = areaCodeSpace('212');
    const stream = new CandidateStream(space, 1000, hash32('task-b'));
    const first = Array.from({ length: 1000 }, (_, p) => stream.at(p)).filter((n): n is string => n !== null);
    expect([...first].sort()).toEqual(first);
    expect(new Set(first.map((n) => n.slice(5, 8))).size).toBeGreaterThan(500);
    for (const n of first) expect(realLookingProblem(n, '212')).toBeNull();
  });

  test('when the same task and position are asked twice, then the same number comes back; another task draws others', () => {
    const space = areaCodeSpace('415');
    const a1 = new CandidateStream(space, 5000, hash32('task-c'));
    const a2 = new CandidateStream(space, 5000, hash32('task-c'));
    const b = new CandidateStream(space, 5000, hash32('task-d'));
    const positions = [0, 17, 4999, 5000, 123_456];
    expect(positions.map((p) => a1.at(p))).toEqual(positions.map((p) => a2.at(p)));
    expect(positions.map((p) => a1.at(p))).not.toEqual(positions.map((p) => b.at(p)));
  });
});

describe('simulated lookup and filters', () => {
  const lookup = new SimulatedLookupProvider();

  test('when a number is looked up twice or by another instance, then the answer is the same and the block shares it', async () => {
    const [a] = await lookup.lookup(['+14155551234']);
    const [b] = await new SimulatedLookupProvider().lookup(['+14155551234']);
    const [sameBlock] = await lookup.lookup(['+14155551299']);
    expect(a).toEqual(b);
    expect(a.valid).toBe(true);
    expect(['mobile', 'landline', 'voip']).toContain(a.lineType);
    expect(a.carrier).toEqual(expect.any(String));
    expect({ ...sameBlock, number: a.number }).toEqual(a);
  });

  test('when a number is invalid or toll-free, then the answer says so', async () => {
    const [invalid, tollFree] = await lookup.lookup(['+15555550123', '+18005550199']);
    expect(invalid).toEqual({ number: '+15555550123', valid: false, carrier: null, lineType: null });
    expect(tollFree.lineType).toBe('toll-free');
  });

  test('when filters are applied, then carrier matches as a loose substring and the line type exactly', () => {
    const answer = { number: '+14155550000', valid: true, carrier: 'AT&T Wireless', lineType: 'mobile' as const };
    expect(matchesFilters(answer, { carrier: 'at&t', lineType: parseLineType('Mobile') })).toBe(true);
    expect(matchesFilters(answer, { carrier: 'ATT', lineType: null })).toBe(true);
    expect(matchesFilters(answer, { carrier: 'Verizon', lineType: null })).toBe(false);
    expect(matchesFilters(answer, { carrier: null, lineType: 'landline' })).toBe(false);
    expect(matchesFilters({ ...answer, valid: false }, { carrier: null, lineType: null })).toBe(false);
  });

  test('when line type names arrive in other spellings, then they map to one vocabulary', () => {
    expect(parseLineType('Toll-Free')).toBe('toll-free');
    expect(parseLineType('fixedVoip')).toBe('voip');
    expect(parseLineType('LANDLINE')).toBe('landline');
    expect(parseLineType('fax')).toBeNull();
  });

  test('when durations are formatted, then they read naturally', () => {
    expect(formatDuration(0.2)).toBe('1 second');
    expect(formatDuration(42)).toBe('42 seconds');
    expect(formatDuration(61)).toBe('2 minutes');
  });
});
