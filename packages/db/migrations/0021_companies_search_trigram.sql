-- Trigram indexes for the company search (`lower(name) like '%...%'`, `lower(coalesce(domain, '')) like '%...%'`):
-- at 20,000 companies a search reads a few index pages instead of every row of the caller's subtree
-- (docs/CHANNEL-AND-ACCOUNTS.md, "The company tree at any size"). pg_trgm ships with PostgreSQL's
-- contrib and is a trusted extension (the database owner may create it); PGlite loads it when CSP Hub
-- opens the database. Where it cannot be created, the search works the same without these indexes.
-- fastupdate off: a new company goes into the index at once rather than into GIN's pending list, which
-- only a vacuum empties (PGlite runs none) and which makes the planner shun the index.
DO $$
BEGIN
  BEGIN
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE INDEX IF NOT EXISTS companies_name_trgm_idx ON companies USING gin (lower(name) gin_trgm_ops) WITH (fastupdate = off);
    CREATE INDEX IF NOT EXISTS companies_domain_trgm_idx ON companies USING gin (lower(coalesce(domain, '')) gin_trgm_ops) WITH (fastupdate = off);
  EXCEPTION WHEN OTHERS THEN
    RAISE NOTICE 'pg_trgm is not available (%): company search runs without trigram indexes', SQLERRM;
  END;
END
$$;
