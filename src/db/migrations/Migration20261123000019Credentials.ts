import { Migration } from '@mikro-orm/migrations';

/**
 * Credentials that die with the password, and tenant invitations.
 *
 * `users.credentials_epoch` is a counter stamped into every access JWT; password change, reset and
 * logout bump it, and a JWT stamped with an older value is refused at once (a counter rather than a
 * time, so a token signed in the same second, or on a replica with a skewed clock, is judged exactly).
 *
 * Adding a member invites by email whether or not an account exists, so the answer never tells. The
 * invitee is known only by the emailed token and is not yet in the tenant's scope, so looking the
 * invitation up and accepting it read across tenants: two `xt_` functions, called only from
 * src/db/tenancy/invitation-store.ts.
 */
export class Migration20261123000019Credentials extends Migration {
  override up(): void {
    this.addSql(`
      alter table users add column credentials_epoch bigint not null default 0;

      create table tenant_invitations (
        id bigint generated always as identity primary key,
        tenant_id bigint not null references tenants(id) on delete cascade,
        email text not null,
        role text not null check (role in ('owner', 'admin', 'member')),
        token_hash text not null unique,
        invited_by bigint references users(id) on delete set null,
        expires_at timestamptz not null,
        accepted_at timestamptz,
        accepted_by bigint references users(id) on delete set null,
        created_at timestamptz not null default now()
      );
      -- One open invitation per address and tenant; inviting again renews it.
      create unique index tenant_invitations_open on tenant_invitations (tenant_id, lower(email)) where accepted_at is null;

      create function xt_invitation_by_token(p_token_hash text)
        returns table (tenant_id bigint, email text, role text)
        language sql stable security definer set search_path = public as $$
          select i.tenant_id, i.email, i.role from tenant_invitations i
           where i.token_hash = p_token_hash and i.accepted_at is null and i.expires_at > now()
      $$;

      -- Spends a live invitation addressed to the user's email and makes them a member, atomically.
      create function xt_accept_invitation(p_token_hash text, p_user_id bigint)
        returns table (tenant_id bigint, role text)
        language plpgsql security definer set search_path = public as $$
        #variable_conflict use_column
        declare
          inv tenant_invitations%rowtype;
        begin
          update tenant_invitations i set accepted_at = now(), accepted_by = p_user_id
            from users u
           where i.token_hash = p_token_hash and i.accepted_at is null and i.expires_at > now()
             and u.id = p_user_id and lower(u.email) = lower(i.email)
          returning i.* into inv;
          if inv.id is null then return; end if;
          insert into memberships (tenant_id, user_id, role) values (inv.tenant_id, p_user_id, inv.role)
            on conflict do nothing;
          update users set active_tenant_id = inv.tenant_id where id = p_user_id and active_tenant_id is null;
          tenant_id := inv.tenant_id;
          role := (select m.role from memberships m where m.tenant_id = inv.tenant_id and m.user_id = p_user_id);
          return next;
        end
      $$;
    `);
  }
}
