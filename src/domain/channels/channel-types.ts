import type { NumberCapabilities } from './number-purchase.js';

export const CHANNEL_TYPES = ['whatsapp', 'sms', 'voice'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

/** What a number must be able to do for a channel type (a WhatsApp sender needs an SMS-capable number for its code). */
export const REQUIRED_CAPABILITIES: Record<ChannelType, (keyof NumberCapabilities)[]> = {
  whatsapp: ['sms'],
  sms: ['sms'],
  voice: ['voice'],
};
