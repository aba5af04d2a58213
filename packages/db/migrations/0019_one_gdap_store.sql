ALTER TABLE "gdap_snapshots" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "gdap_snapshots" CASCADE;--> statement-breakpoint
ALTER TABLE "gdap_relationships" ADD COLUMN "customer_name" text;--> statement-breakpoint
ALTER TABLE "gdap_relationships" ADD COLUMN "synced_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "gdap_relationships_status_ends_idx" ON "gdap_relationships" USING btree ("status","ends_at");--> statement-breakpoint
ALTER TABLE "gdap_relationships" ADD CONSTRAINT "gdap_relationships_graph_uq" UNIQUE("connection_id","relationship_id");