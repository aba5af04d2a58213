CREATE TABLE "subscription_transfers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"connection_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"transfer_id" text NOT NULL,
	"source_partner_tenant_id" text NOT NULL,
	"source_partner_name" text NOT NULL,
	"customer_email" text NOT NULL,
	"state" text NOT NULL,
	"requested_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"imported_at" timestamp with time zone,
	"subscriptions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	CONSTRAINT "subscription_transfers_transfer_uq" UNIQUE("connection_id","transfer_id")
);
--> statement-breakpoint
ALTER TABLE "partner_center_subscriptions" ADD COLUMN "term_ends_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscription_transfers" ADD CONSTRAINT "subscription_transfers_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_transfers" ADD CONSTRAINT "subscription_transfers_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscription_transfers_company_idx" ON "subscription_transfers" USING btree ("company_id","created_at");