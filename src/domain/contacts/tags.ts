export type TagsResult = { ok: true; tags: string[] } | { ok: false; error: string };

const MAX_TAGS = 50;
const MAX_TAG_LENGTH = 64;

/**
 * Lower-case, trimmed, de-duplicated, first occurrence order kept. A string is a list separated
 * by commas, semicolons or pipes, as spreadsheets write them.
 */
export function normalizeTags(raw: unknown): TagsResult {
  const items = typeof raw === 'string' ? raw.split(/[,;|]/) : raw;
  if (!Array.isArray(items)) return { ok: false, error: 'Expected a list of tags.' };
  const tags: string[] = [];
  for (const item of items) {
    if (typeof item !== 'string' && typeof item !== 'number') return { ok: false, error: 'Each tag must be a string.' };
    const tag = String(item).trim().toLowerCase();
    if (!tag) continue;
    if (tag.length > MAX_TAG_LENGTH) return { ok: false, error: `Tags are at most ${MAX_TAG_LENGTH} characters.` };
    if (!tags.includes(tag)) tags.push(tag);
  }
  if (tags.length > MAX_TAGS) return { ok: false, error: `At most ${MAX_TAGS} tags per contact.` };
  return { ok: true, tags };
}
