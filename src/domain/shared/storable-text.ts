// With the u flag a paired surrogate is one code point, so only a lone half matches.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * The one rule for text the platform accepts: PostgreSQL text (and jsonb) cannot hold NUL, and a lone
 * UTF-16 surrogate is not a character at all, so neither is storable. Shared by the CSV import and the
 * API's input hygiene middleware. Answers why the text is refused, or null when it is fine.
 */
export function unstorableText(s: string): string | null {
  if (s.includes('\u0000')) return 'contains a NUL character';
  if (LONE_SURROGATE.test(s)) return 'contains a lone surrogate, which is not valid Unicode text';
  return null;
}
