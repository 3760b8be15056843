import { ACTION_ALLOWED_FROM, CAMPAIGN_STATUSES, canAct, canTransition, isFinalCampaignStatus } from '../../src/domain/campaigns/campaign-status.js';
import { isQuietMinute, msUntilQuietEnds } from '../../src/domain/campaigns/quiet-hours.js';
import { sendSettingsFrom } from '../../src/domain/campaigns/send-settings.js';
import { AREA_CODE_TIME_ZONES, timeZoneForNumber } from '../../src/domain/campaigns/area-code-timezones.js';
import { deliveryRate, progressPercentage, readRate } from '../../src/domain/campaigns/campaign-figures.js';
import { movesForward } from '../../src/domain/campaigns/recipient-status.js';

describe('campaign rules', () => {
  test('when the lifecycle table is read, then final statuses lead nowhere and every action leaves from a live status', () => {
    for (const s of CAMPAIGN_STATUSES) if (isFinalCampaignStatus(s)) expect(CAMPAIGN_STATUSES.filter((t) => canTransition(s, t))).toEqual([]);
    expect(ACTION_ALLOWED_FROM.start).toEqual(['draft', 'scheduled']);
    expect(canAct('pause', 'draft')).toBe(false);
    expect(canAct('delete', 'running')).toBe(false);
    expect(canTransition('running', 'paused') && canTransition('paused', 'running')).toBe(true);
    expect(canTransition('completed', 'running')).toBe(false);
  });

  test('when quiet hours wrap midnight, then late evening and early morning are quiet and the day is not', () => {
    const q = { startMinute: 21 * 60, endMinute: 8 * 60 };
    expect([22 * 60, 2 * 60, 7 * 60 + 59].map((m) => isQuietMinute(m, q))).toEqual([true, true, true]);
    expect([8 * 60, 12 * 60, 20 * 60 + 59].map((m) => isQuietMinute(m, q))).toEqual([false, false, false]);
  });

  test('when a recipient is in quiet hours, then the wait ends at the local end of them', () => {
    const at = new Date('2024-01-15T03:30:00Z'); // 22:30 in New York (UTC-5)
    const q = sendSettingsFrom({ quiet_hours_start: '21:00', quiet_hours_end: '08:00' }).quietHours;
    expect(msUntilQuietEnds('America/New_York', at, q)).toBe(9.5 * 3600_000);
    expect(msUntilQuietEnds('Asia/Tokyo', at, q)).toBe(0); // 12:30 there
  });

  test('when settings are missing or malformed, then the defaults apply and 0 turns throttling off', () => {
    expect(sendSettingsFrom({})).toEqual({ messagesPerSecond: 10, quietHours: null, defaultTimeZone: 'UTC' });
    expect(sendSettingsFrom({ messages_per_second: 0, timezone: 'Africa/Dar_es_Salaam' }).messagesPerSecond).toBe(0);
    expect(sendSettingsFrom({ messages_per_second: -3, timezone: 'Mars/Olympus', quiet_hours_start: '25:00', quiet_hours_end: '08:00' })).toEqual({
      messagesPerSecond: 10,
      quietHours: null,
      defaultTimeZone: 'UTC',
    });
  });

  test('when a number is placed, then US area codes give their zone and everything else the tenant default', () => {
    expect(timeZoneForNumber('+12125550123', 'UTC')).toBe('America/New_York');
    expect(timeZoneForNumber('+18085550123', 'UTC')).toBe('Pacific/Honolulu');
    expect(timeZoneForNumber('+14165550123', 'America/Toronto')).toBe('America/Toronto');
    expect(timeZoneForNumber('+255712345678', 'Africa/Dar_es_Salaam')).toBe('Africa/Dar_es_Salaam');
    for (const zone of new Set(AREA_CODE_TIME_ZONES.values())) expect(() => new Intl.DateTimeFormat('en', { timeZone: zone })).not.toThrow();
  });

  test('when the seed example figures are computed, then they match the document', () => {
    const f = { total: 1000, processed: 750, sent: 750, delivered: 720, read: 450 };
    expect([progressPercentage(f), deliveryRate(f), readRate(f)]).toEqual([75, 96, 62.5]);
  });

  test('when ledger statuses meet, then they only move forward', () => {
    expect(movesForward('sending', 'sent')).toBe(true);
    expect(movesForward('delivered', 'sent')).toBe(false);
    expect(movesForward('unknown', 'sent')).toBe(true);
    expect(movesForward('failed', 'delivered')).toBe(false);
  });
});
