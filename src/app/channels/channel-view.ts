import type { ChannelRow } from '../../db/channels/channel-store.js';

/** A channel exactly as seed 003 documents it (camelCase). */
export interface ChannelView {
  id: string;
  name: string;
  phoneNumber: string;
  countryCode: string;
  isoCountry: string;
  type: ChannelRow['type'];
  status: ChannelRow['status'];
  capabilities: ChannelRow['capabilities'];
  isMock: boolean;
  twilioSid: string | null;
  createdAt: string;
}

export const PURCHASED_MESSAGE = 'Phone number purchased and stored successfully';

export function channelView(row: ChannelRow): ChannelView {
  return {
    id: row.id,
    name: row.name,
    phoneNumber: row.phone_number,
    countryCode: row.country_code,
    isoCountry: row.iso_country,
    type: row.type,
    status: row.status,
    capabilities: { voice: !!row.capabilities.voice, sms: !!row.capabilities.sms, mms: !!row.capabilities.mms },
    isMock: row.is_mock,
    twilioSid: row.twilio_sid,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

/** Seed 003's default: "USA - +15551234567", the country as the caller wrote it. */
export function defaultChannelName(countryAsGiven: string, phoneNumber: string): string {
  const label = countryAsGiven.trim();
  return `${label.length <= 3 ? label.toUpperCase() : label} - ${phoneNumber}`;
}
