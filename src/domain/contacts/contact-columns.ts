/**
 * SQL for writing contacts from JSON rows (`jsonb`), one statement for any number of rows. A key absent
 * from a row leaves its column alone on update; on a revived (soft-deleted) row it resets to its default.
 */
const WRITABLE_COLUMNS = [
  'first_name',
  'last_name',
  'title',
  'email',
  'email_status',
  'phone_e164',
  'company',
  'industry',
  'employees',
  'annual_revenue',
  'city',
  'state',
  'country',
  'person_linkedin_url',
  'website',
  'technologies',
  'keywords',
  'tags',
  'attributes',
  'is_active',
] as const;

type Column = (typeof WRITABLE_COLUMNS)[number];

const DEFAULTS: Partial<Record<Column, string>> = {
  first_name: `''`,
  last_name: `''`,
  tags: `'{}'::text[]`,
  attributes: `'{}'::jsonb`,
  is_active: 'true',
};

function valueOf(column: Column, r: string): string {
  switch (column) {
    case 'employees':
      return `(${r}->>'employees')::integer`;
    case 'annual_revenue':
      return `(${r}->>'annual_revenue')::numeric`;
    case 'tags':
      return `array(select jsonb_array_elements_text(${r}->'tags'))`;
    case 'attributes':
      return `(${r}->'attributes')`;
    case 'is_active':
      return `(${r}->>'is_active')::boolean`;
    default:
      return `(${r}->>'${column}')`;
  }
}

/** `col, col, …` and the matching `coalesce(value, default), …` for an INSERT … SELECT over rows `r`. */
export function insertColumns(r: string): { names: string; values: string } {
  return {
    names: WRITABLE_COLUMNS.join(', '),
    values: WRITABLE_COLUMNS.map((c) => (DEFAULTS[c] ? `coalesce(${valueOf(c, r)}, ${DEFAULTS[c]})` : valueOf(c, r))).join(', '),
  };
}

/** The SET list of an UPDATE of contacts `c` from rows `r`; it also revives a soft-deleted row as new. */
export function updateAssignments(r: string, c: string): string {
  const revived = `${c}.deleted_at is not null`;
  const columns = WRITABLE_COLUMNS.map(
    (col) => `${col} = case when ${r} ? '${col}' then ${valueOf(col, r)} when ${revived} then ${DEFAULTS[col] ?? 'null'} else ${c}.${col} end`,
  );
  // Consent does not survive deletion: a revived contact starts opted out (its opt-out record stays).
  const revival = ['is_opted_in', 'opt_in_at', 'last_contacted_at'].map(
    (col) => `${col} = case when ${revived} then ${col === 'is_opted_in' ? 'false' : 'null'} else ${c}.${col} end`,
  );
  return [...columns, ...revival, `created_at = case when ${revived} then now() else ${c}.created_at end`, 'deleted_at = null', 'updated_at = now()'].join(',\n  ');
}
