import { Migration } from '@mikro-orm/migrations';

/**
 * Row-level security evaluates a query's own conditions after the policy unless their functions are
 * leakproof, and only leakproof conditions may drive an index. The built-ins our filters use — lower(),
 * LIKE/ILIKE (trigram and pattern indexes), array and jsonb containment — are not marked so, which
 * turned every filtered list at a million contacts into a scan of the tenant (28 req/s → 1 req/s).
 * They reveal nothing about a row beyond their result; the only errors they raise concern their
 * pattern or types, which come from our own statements. Marking a function leakproof takes a
 * superuser, as the owner is on the embedded server, in the tests and in docker-compose; elsewhere the
 * step is skipped with a notice and these filters stay correct but scan.
 */
export class Migration20261123000033LeakproofSearchOperators extends Migration {
  override up(): void {
    this.addSql(`
      do $$
      declare f text;
      begin
        if not (select rolsuper from pg_roles where rolname = current_user) then
          raise notice 'not a superuser: search operators stay non-leakproof, filtered reads scan the tenant';
          return;
        end if;
        foreach f in array ${LEAKPROOF_FUNCTIONS_SQL} loop
          execute format('alter function %s leakproof', f);
        end loop;
      end $$;
    `);
  }
}

export const LEAKPROOF_FUNCTIONS = [
  'pg_catalog.lower(text)',
  'pg_catalog.textlike(text, text)',
  'pg_catalog.textnlike(text, text)',
  'pg_catalog.texticlike(text, text)',
  'pg_catalog.texticnlike(text, text)',
  'pg_catalog.arraycontains(anyarray, anyarray)',
  'pg_catalog.arrayoverlap(anyarray, anyarray)',
  'pg_catalog.jsonb_contains(jsonb, jsonb)',
  'pg_catalog.jsonb_exists(jsonb, text)',
  'pg_catalog.jsonb_object_field_text(jsonb, text)',
];

const LEAKPROOF_FUNCTIONS_SQL = `array[${LEAKPROOF_FUNCTIONS.map((f) => `'${f}'`).join(', ')}]`;
