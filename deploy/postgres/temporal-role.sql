-- Temporal's own login role, run by docker-compose.yml's temporal-db-role job as the PostgreSQL owner.
-- It may create databases (the schema job creates `temporal` and `temporal_visibility`, which it then
-- owns) and nothing else: no superuser, no role creation, no grant on the application's tables.
-- Idempotent: a later run only sets the password again, so rotating TEMPORAL_DB_PASSWORD is a re-run.
\set ON_ERROR_STOP on
SELECT format('CREATE ROLE %I LOGIN', :'role')
 WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'role') \gexec
SELECT format('ALTER ROLE %I LOGIN CREATEDB NOSUPERUSER NOCREATEROLE NOBYPASSRLS PASSWORD %L', :'role', :'password') \gexec
