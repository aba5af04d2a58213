ALTER TABLE "connections" ADD COLUMN "mca_template_id" text;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "mca_version_rank" integer;--> statement-breakpoint
ALTER TABLE "connections" ADD COLUMN "mca_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "account_sync_options" ADD COLUMN "mca_template_id" text;--> statement-breakpoint
ALTER TABLE "account_sync_options" ADD COLUMN "mca_accepted_at" timestamp with time zone;