ALTER TABLE "companies" ADD COLUMN "partner_location_id" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "por_status" text;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "por_checked_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "por_error_code" integer;--> statement-breakpoint
ALTER TABLE "companies" ADD COLUMN "por_error_description" text;