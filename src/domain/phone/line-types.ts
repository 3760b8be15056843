import type { NumberType } from 'libphonenumber-js/max';

/** The line types a lookup answers with; stored in phone_numbers.line_type and number_lookups.line_type. */
export const LINE_TYPES = [
  'mobile',
  'landline',
  'voip',
  'toll-free',
  'premium-rate',
  'shared-cost',
  'personal',
  'pager',
  'uan',
  'voicemail',
  'unknown',
] as const;
export type LineType = (typeof LINE_TYPES)[number];

const ALIASES: Record<string, LineType> = {
  mobile: 'mobile',
  cell: 'mobile',
  cellular: 'mobile',
  wireless: 'mobile',
  landline: 'landline',
  fixed: 'landline',
  fixedline: 'landline',
  voip: 'voip',
  fixedvoip: 'voip',
  nonfixedvoip: 'voip',
  tollfree: 'toll-free',
  premium: 'premium-rate',
  premiumrate: 'premium-rate',
  sharedcost: 'shared-cost',
  personal: 'personal',
  personalnumber: 'personal',
  pager: 'pager',
  uan: 'uan',
  voicemail: 'voicemail',
  unknown: 'unknown',
};

/** "Mobile", "toll_free", "Toll-Free", "fixedVoip" … → the canonical line type; null when unknown. */
export function parseLineType(value: string): LineType | null {
  return ALIASES[value.toLowerCase().replace(/[^a-z]/g, '')] ?? null;
}

/**
 * What libphonenumber's metadata alone says about a number's line type. US and Canadian numbers are
 * FIXED_LINE_OR_MOBILE: only a lookup can tell a mobile from a landline there, so the answer is null.
 */
export function lineTypeFromMetadata(type: NumberType | undefined): LineType | null {
  switch (type) {
    case 'MOBILE':
      return 'mobile';
    case 'FIXED_LINE':
      return 'landline';
    case 'VOIP':
      return 'voip';
    case 'TOLL_FREE':
      return 'toll-free';
    case 'PREMIUM_RATE':
      return 'premium-rate';
    case 'SHARED_COST':
      return 'shared-cost';
    case 'PERSONAL_NUMBER':
      return 'personal';
    case 'PAGER':
      return 'pager';
    case 'UAN':
      return 'uan';
    case 'VOICEMAIL':
      return 'voicemail';
    case 'FIXED_LINE_OR_MOBILE':
      return null;
    default:
      return 'unknown';
  }
}

/** Line types a lookup can still answer for a number whose metadata type is FIXED_LINE_OR_MOBILE. */
const GEOGRAPHIC_LINE_TYPES: readonly LineType[] = ['mobile', 'landline', 'voip', 'personal', 'pager', 'voicemail', 'unknown'];

/** The line types numbers of this metadata type can turn out to have. */
export function possibleLineTypes(type: NumberType | undefined): readonly LineType[] {
  const known = lineTypeFromMetadata(type);
  return known ? [known] : GEOGRAPHIC_LINE_TYPES;
}

/**
 * How seed 000 writes a line type in what it answers (`"type": "Mobile"`). Stored and filtered values stay
 * the canonical lower-case ones; a value outside the vocabulary is answered as stored.
 */
const LABELS: Record<LineType, string> = {
  mobile: 'Mobile',
  landline: 'Landline',
  voip: 'VoIP',
  'toll-free': 'Toll-Free',
  'premium-rate': 'Premium-Rate',
  'shared-cost': 'Shared-Cost',
  personal: 'Personal',
  pager: 'Pager',
  uan: 'UAN',
  voicemail: 'Voicemail',
  unknown: 'Unknown',
};

export function lineTypeLabel(stored: string | null): string | null {
  if (stored === null) return null;
  return LABELS[stored as LineType] ?? stored;
}

/** The same labels in SQL, for answers PostgreSQL writes itself (the CSV download). */
export function lineTypeLabelSql(column: string): string {
  const whens = Object.entries(LABELS).map(([stored, label]) => `when '${stored}' then '${label}'`);
  return `(case ${column} ${whens.join(' ')} else ${column} end)`;
}
