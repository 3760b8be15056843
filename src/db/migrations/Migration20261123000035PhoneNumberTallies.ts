import { Migration } from '@mikro-orm/migrations';

/** What a tally groups numbers by: every exact total seed 000 shows is a sum over these. */
const TALLY_KEY = 'tenant_id, project_id, status, area_code, carrier, line_type, created_on';
/** What an id block groups numbers by: the filters a deep page may carry, and the block of ids. */
const BLOCK_KEY = 'tenant_id, project_id, status, block';

/** The upserts a statement-level trigger runs over a set of changed rows, `d` being +1 or −1 per row. */
function applyChanges(changes: string): string {
  return `
        insert into phone_number_tallies (${TALLY_KEY}, n)
        select ${TALLY_KEY}, sum(d) from (${changes}) c
         group by ${TALLY_KEY} having sum(d) <> 0 order by ${TALLY_KEY}
        on conflict on constraint phone_number_tallies_group do update set n = phone_number_tallies.n + excluded.n;
        insert into phone_number_id_blocks (${BLOCK_KEY}, n)
        select ${BLOCK_KEY}, sum(d) from (${changes}) c
         group by ${BLOCK_KEY} having sum(d) <> 0 order by ${BLOCK_KEY}
        on conflict on constraint phone_number_id_blocks_group do update set n = phone_number_id_blocks.n + excluded.n;`;
}

const changedRows = (table: string, d: 1 | -1) =>
  `select tenant_id, project_id, status, area_code, carrier, line_type, (created_at at time zone 'UTC')::date as created_on, id >> 12 as block, ${d} as d from ${table}`;

/**
 * Figures kept beside phone_numbers so that no seed-000 read counts a million rows:
 *
 * - phone_number_tallies: how many numbers a tenant holds per project, status, area code, carrier, line
 *   type and UTC day of creation. Statistics and the `count` / `total_pages` of every list without a
 *   digit search are sums over a few hundred of these rows.
 * - phone_number_id_blocks: how many per project and status in each block of 4,096 ids, so a deep page
 *   (list-numbers page 10,000) finds the block its first row is in by summing a few hundred rows, and
 *   skips at most one block's rows of the index instead of half a million.
 *
 * Both change in the same transaction as the numbers: one statement-level trigger per kind of change
 * reads the statement's transition table (the rows it inserted, deleted, or changed before and after)
 * and applies it in one INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE per table — one statement per
 * batch, never a trigger per row, and every path that writes phone_numbers (generation, validation,
 * deletes, a tenant's cascade, a fixture, a hand-written statement) is counted without having to
 * remember to. Groups are upserted in key order, so batches touching the same groups lock them in the
 * same order and cannot deadlock. Groups that fall to zero stay (a handful per tenant and day) and the
 * reads skip them.
 */
export class Migration20261123000035PhoneNumberTallies extends Migration {
  override up(): void {
    this.addSql(`
      create table phone_number_tallies (
        tenant_id bigint not null,
        project_id text not null,
        status text not null,
        area_code char(3) not null,
        carrier text,
        line_type text,
        created_on date not null,
        n bigint not null,
        constraint phone_number_tallies_group unique nulls not distinct (${TALLY_KEY})
      );

      create table phone_number_id_blocks (
        tenant_id bigint not null,
        project_id text not null,
        status text not null,
        block bigint not null,
        n bigint not null,
        constraint phone_number_id_blocks_group unique (${BLOCK_KEY})
      );

      create function phone_number_tallies_on_insert() returns trigger language plpgsql as $$
      begin${applyChanges(changedRows('inserted_numbers', 1))}
        return null;
      end $$;

      create function phone_number_tallies_on_delete() returns trigger language plpgsql as $$
      begin${applyChanges(changedRows('deleted_numbers', -1))}
        return null;
      end $$;

      create function phone_number_tallies_on_update() returns trigger language plpgsql as $$
      begin${applyChanges(`${changedRows('updated_numbers', 1)} union all ${changedRows('previous_numbers', -1)}`)}
        return null;
      end $$;

      create trigger phone_number_tallies_insert after insert on phone_numbers
        referencing new table as inserted_numbers for each statement execute function phone_number_tallies_on_insert();
      create trigger phone_number_tallies_delete after delete on phone_numbers
        referencing old table as deleted_numbers for each statement execute function phone_number_tallies_on_delete();
      create trigger phone_number_tallies_update after update on phone_numbers
        referencing old table as previous_numbers new table as updated_numbers for each statement execute function phone_number_tallies_on_update();

      insert into phone_number_tallies (${TALLY_KEY}, n)
      select ${TALLY_KEY}, count(*) from (${changedRows('phone_numbers', 1)}) c group by ${TALLY_KEY};
      insert into phone_number_id_blocks (${BLOCK_KEY}, n)
      select ${BLOCK_KEY}, count(*) from (${changedRows('phone_numbers', 1)}) c group by ${BLOCK_KEY};

      select switchboard_protect_tenant_table('phone_number_tallies');
      select switchboard_protect_tenant_table('phone_number_id_blocks');
    `);
  }
}
