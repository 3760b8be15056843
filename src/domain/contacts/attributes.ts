export type AttributeValue = string | number | boolean;
export type Attributes = Record<string, AttributeValue>;
export type AttributesResult = { ok: true; attributes: Attributes } | { ok: false; error: string };

const MAX_ATTRIBUTES = 100;
const MAX_KEY = 100;
const MAX_STRING = 2000;

/** A flat JSON object whose values are strings, finite numbers or booleans; anything nested is refused. */
export function validateAttributes(raw: unknown): AttributesResult {
  let value = raw;
  if (typeof value === 'string') {
    // A CSV cell can carry the object as JSON text.
    if (!value.trim()) return { ok: true, attributes: {} };
    try {
      value = JSON.parse(value);
    } catch {
      return { ok: false, error: 'Attributes must be a JSON object.' };
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, error: 'Attributes must be a flat JSON object.' };
  const entries = Object.entries(value);
  if (entries.length > MAX_ATTRIBUTES) return { ok: false, error: `At most ${MAX_ATTRIBUTES} attributes.` };
  const attributes: Attributes = {};
  for (const [key, v] of entries) {
    const name = key.trim();
    if (!name || name.length > MAX_KEY) return { ok: false, error: `Attribute names must be 1-${MAX_KEY} characters.` };
    if (typeof v === 'object' && v !== null) {
      return { ok: false, error: `Attribute "${name}" must be a string, number or boolean; nested objects and lists are not allowed.` };
    }
    if (typeof v === 'number' && !Number.isFinite(v)) return { ok: false, error: `Attribute "${name}" must be a finite number.` };
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      return { ok: false, error: `Attribute "${name}" must be a string, number or boolean.` };
    }
    if (typeof v === 'string' && v.length > MAX_STRING) return { ok: false, error: `Attribute "${name}" is longer than ${MAX_STRING} characters.` };
    attributes[name] = v;
  }
  return { ok: true, attributes };
}
