/**
 * SMS segment counting as carriers bill it. GSM-7 fits 160 septets in one part and 153 per part once the
 * message is split (the user data header takes the rest); an extended character costs an escape plus
 * itself. Anything outside GSM-7 sends the whole message as UCS-2: 70 code units alone, 67 per part.
 * A character is never split across parts, so the count walks the text instead of dividing its length.
 */
export type SmsEncoding = 'GSM-7' | 'UCS-2';

export interface SegmentCount {
  encoding: SmsEncoding;
  segments: number;
  /** Characters as a person counts them (code points). */
  characters: number;
  /** Capacity of each part at this length: 160/153 (GSM-7) or 70/67 (UCS-2). */
  perSegment: number;
  /** Septets (GSM-7) or UTF-16 code units (UCS-2) the text occupies. */
  units: number;
}

export const MAX_SEGMENTS_PER_MESSAGE = 10;

const GSM_BASIC = new Set(
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà',
);
const GSM_EXTENDED = new Set('^{}\\[~]|€\f');

const LIMITS: Record<SmsEncoding, { single: number; multi: number }> = {
  'GSM-7': { single: 160, multi: 153 },
  'UCS-2': { single: 70, multi: 67 },
};

function isGsm7(text: string): boolean {
  for (const ch of text) if (!GSM_BASIC.has(ch) && !GSM_EXTENDED.has(ch)) return false;
  return true;
}

/** Cost of one character in its encoding's units. */
function unitsOf(ch: string, encoding: SmsEncoding): number {
  if (encoding === 'GSM-7') return GSM_EXTENDED.has(ch) ? 2 : 1;
  return ch.length; // UTF-16 code units: 2 for characters outside the BMP (emoji)
}

export function countSegments(text: string): SegmentCount {
  const encoding: SmsEncoding = isGsm7(text) ? 'GSM-7' : 'UCS-2';
  const chars = [...text];
  const units = chars.reduce((sum, ch) => sum + unitsOf(ch, encoding), 0);
  const limits = LIMITS[encoding];
  if (units === 0) return { encoding, segments: 0, characters: 0, perSegment: limits.single, units };
  if (units <= limits.single) return { encoding, segments: 1, characters: chars.length, perSegment: limits.single, units };
  let segments = 1;
  let used = 0;
  for (const ch of chars) {
    const size = unitsOf(ch, encoding);
    if (used + size > limits.multi) {
      segments += 1;
      used = 0;
    }
    used += size;
  }
  return { encoding, segments, characters: chars.length, perSegment: limits.multi, units };
}
