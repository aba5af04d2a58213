-- What the company search matches (`GET /companies/search`): a company's name and domain, lower-cased,
-- kept by the database in one stored generated column. The search reads it with a single `like`
-- instead of lowering the name and the domain of every company it passes on each keystroke: on
-- PGlite, where the search scans the caller's subtree, that halves a search's cost at 20,000 companies
-- (docs/CHANNEL-AND-ACCOUNTS.md, "The company tree at any size"). The line break between the two can
-- never be typed in the one-line search box, so no match spans the name and the domain. Not part of
-- the Drizzle schema (no row read or written by the application carries it; the repository names it in
-- the search only), like the trigram indexes of companies_search_trigram.
ALTER TABLE companies ADD COLUMN IF NOT EXISTS search_text text GENERATED ALWAYS AS (lower(name) || E'\n' || lower(coalesce(domain, ''))) STORED;
--> statement-breakpoint
-- On PostgreSQL the trigram index moves to that column (the search no longer reads the two it replaces).
DO $$
BEGIN
  IF position('PGlite' in version()) = 0 THEN
    BEGIN
      CREATE INDEX IF NOT EXISTS companies_search_text_trgm_idx ON companies USING gin (search_text gin_trgm_ops);
      DROP INDEX IF EXISTS companies_name_trgm_idx;
      DROP INDEX IF EXISTS companies_domain_trgm_idx;
    EXCEPTION WHEN OTHERS THEN
      RAISE NOTICE 'pg_trgm is not available (%): company search runs without a trigram index', SQLERRM;
    END;
  END IF;
END
$$;
--> statement-breakpoint
-- The planner's statistics for the new column, so that a search matching many companies reads the
-- name index in order and stops at the page instead of sorting every match (PGlite never runs autovacuum).
ANALYZE companies;
