-- Rights of the application's role on a CSP Hub database owned by another role
-- (docs/DEPLOYMENT-POSTGRESQL.md). Run it as the owner role after `npm run db:migrate`, and again
-- after each upgrade; it is idempotent. Role names: csphub_owner (owns the tables, runs migrations)
-- and csphub_app (the server's DATABASE_URL).

-- Reading and writing rows, nothing else: no ownership, so no ALTER TABLE, DISABLE TRIGGER,
-- DROP or CREATE OR REPLACE on anything the owner made.
GRANT USAGE ON SCHEMA public TO csphub_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO csphub_app;
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO csphub_app;
ALTER DEFAULT PRIVILEGES FOR ROLE csphub_owner IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO csphub_app;
ALTER DEFAULT PRIVILEGES FOR ROLE csphub_owner IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO csphub_app;

-- The audit log: append and read only. Its triggers refuse changes anyway; without the privilege
-- the statement is refused before any trigger runs. The chain head is moved only by the insert
-- trigger (SECURITY DEFINER, the owner's rights); the application may read it (the verifier).
REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM csphub_app;
REVOKE ALL ON audit_chain_head FROM csphub_app;
GRANT SELECT ON audit_chain_head TO csphub_app;

-- The server checks at start-up that every migration is applied (it reads drizzle's journal).
GRANT USAGE ON SCHEMA drizzle TO csphub_app;
GRANT SELECT ON ALL TABLES IN SCHEMA drizzle TO csphub_app;
