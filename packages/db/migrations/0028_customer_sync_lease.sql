ALTER TABLE "customer_sync_cursors" ADD COLUMN "lease_holder" text;--> statement-breakpoint
ALTER TABLE "customer_sync_cursors" ADD COLUMN "lease_until" timestamp with time zone;