#!/bin/sh
# One-shot schema job of docker-compose.yml (temporalio/admin-tools): creates Temporal's two databases,
# owned by Temporal's own role, and brings both schemas to the version this admin-tools image ships,
# which is the server image's version. Safe to re-run: an existing database is kept, and update-schema
# applies only the versions not yet applied (upgrading the server = bumping both tags and re-running).
set -eu

: "${POSTGRES_SEEDS:?POSTGRES_SEEDS must name the PostgreSQL host}"
: "${POSTGRES_USER:?POSTGRES_USER must name Temporal's database role}"
: "${SQL_PASSWORD:?SQL_PASSWORD must be that role's password}"
PORT="${DB_PORT:-5432}"
SCHEMA_ROOT=/etc/temporal/schema/postgresql/v12

sql_tool() {
  temporal-sql-tool --plugin postgres12 --ep "$POSTGRES_SEEDS" -p "$PORT" -u "$POSTGRES_USER" "$@"
}

# database name, then its schema folder under $SCHEMA_ROOT
for spec in "${DBNAME:-temporal}:temporal" "${VISIBILITY_DBNAME:-temporal_visibility}:visibility"; do
  db="${spec%%:*}"
  schema="${spec##*:}"
  if out=$(sql_tool --db "$db" create 2>&1); then
    echo "created database $db"
  elif printf '%s' "$out" | grep -q 'already exists'; then
    echo "database $db already exists"
  else
    printf '%s\n' "$out" >&2
    exit 1
  fi
  sql_tool --db "$db" setup-schema -v 0.0
  sql_tool --db "$db" update-schema -d "$SCHEMA_ROOT/$schema/versioned"
  echo "schema of $db is current"
done
