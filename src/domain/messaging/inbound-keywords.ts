/**
 * Carrier-standard SMS keywords. A message that is exactly one of these words (any case, surrounding
 * spaces and punctuation ignored) changes the sender's consent or asks for help; anything else is a
 * conversation message.
 */
export type InboundKeyword = 'opt_out' | 'opt_in' | 'help';

const KEYWORDS: Record<string, InboundKeyword> = {
  STOP: 'opt_out',
  STOPALL: 'opt_out',
  UNSUBSCRIBE: 'opt_out',
  CANCEL: 'opt_out',
  END: 'opt_out',
  QUIT: 'opt_out',
  START: 'opt_in',
  UNSTOP: 'opt_in',
  HELP: 'help',
  INFO: 'help',
};

export function classifyInbound(body: string): InboundKeyword | null {
  const word = body.trim().replace(/^[\s"'.!]+|[\s"'.!]+$/g, '').toUpperCase();
  return KEYWORDS[word] ?? null;
}

export const DEFAULT_HELP_TEXT = 'Reply STOP to unsubscribe, START to resubscribe. Msg&data rates may apply.';
export const DEFAULT_OPT_OUT_TEXT = 'You have been unsubscribed and will receive no further messages. Reply START to resubscribe.';
export const DEFAULT_OPT_IN_TEXT = 'You have been resubscribed. Reply STOP to unsubscribe, HELP for help.';
