export type EmailResult = { ok: true; email: string } | { ok: false; error: string };

// Deliberately plain: one @, a dotted domain, no spaces or angle brackets. Deliverability is the
// email_status column's business, not this check's.
const SHAPE = /^[^\s@<>()\[\]\\,;:"]+@[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.[a-z]{2,}$/;

/** Trimmed and lower-cased, so uniqueness and look-ups never depend on how a person typed it. */
export function normalizeEmail(raw: string): EmailResult {
  const email = raw.trim().toLowerCase();
  if (email.length > 254 || !SHAPE.test(email) || email.split('@')[0].length > 64) {
    return { ok: false, error: `Invalid email address: "${raw.slice(0, 80)}".` };
  }
  return { ok: true, email };
}
