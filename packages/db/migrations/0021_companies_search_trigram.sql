-- Trigram indexes for the company search (`lower(name) like '%...%'`, `lower(coalesce(domain, '')) like '%...%'`)
-- on PostgreSQL: at 20,000 companies a search reads a few index pages instead of every row of the
-- caller's subtree (docs/CHANNEL-AND-ACCOUNTS.md, "The company tree at any size"). pg_trgm ships with
-- PostgreSQL's contrib and is a trusted extension (the database owner may create it); where it cannot
-- be created the search works the same without these indexes. Not on PGlite: GIN's pending list is
-- only emptied by (auto)vacuum, which PGlite never runs, and without it every new company costs a
-- direct index update (20,000 companies took 32 s instead of about 2).
DO $$
BEGIN
  IF position('PGlite' in version()) = 0 THEN
    BEGIN
      CREATE EXTENSION IF NOT EXISTS pg_trgm;
      CREATE INDEX IF NOT EXISTS companies_name_trgm_idx ON companies USING gin (lower(name) gin_trgm_ops);
      CREATE INDEX IF NOT EXISTS companies_domain_trgm_idx ON companies USING gin (lower(coalesce(domain, '')) gin_trgm_ops);
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm is not available (%): company search runs without trigram indexes', SQLERRM;
    END;
  END IF;
END
$$;
