/** Builds a parameterised WHERE over contacts `c`, always scoped to one tenant and to live rows. */
export class ContactWhere {
  private readonly parts = ['c.tenant_id = $1', 'c.deleted_at is null'];
  readonly params: unknown[];

  constructor(tenantId: number) {
    this.params = [tenantId];
  }

  /** A placeholder for `value`; values never enter the SQL text. */
  param(value: unknown): string {
    this.params.push(value);
    return `$${this.params.length}`;
  }

  and(condition: string): this {
    this.parts.push(condition);
    return this;
  }

  get sql(): string {
    return this.parts.join(' and ');
  }
}

/** `%text%` for LIKE/ILIKE with the text's own %, _ and \ taken literally (backslash is PostgreSQL's default escape). */
export const containsPattern = (text: string) => `%${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
export const prefixPattern = (text: string) => `${text.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
