CREATE TABLE "customer_import_items" (
	"run_id" uuid NOT NULL,
	"tenant_id" text NOT NULL,
	"company_name" text NOT NULL,
	"default_domain" text NOT NULL,
	"reseller_tenant_id" text,
	"proposal" text NOT NULL,
	"company_id" integer,
	"parent_company_id" integer,
	"conflicts" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"decision" text,
	"details" jsonb NOT NULL,
	"outcome" text DEFAULT 'planned' NOT NULL,
	"applied_company_id" integer,
	"seq" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_import_runs" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"connection_id" uuid NOT NULL,
	"state" text NOT NULL,
	"customers_read" integer DEFAULT 0 NOT NULL,
	"subscriptions_read" integer DEFAULT 0 NOT NULL,
	"companies_created" integer DEFAULT 0 NOT NULL,
	"companies_updated" integer DEFAULT 0 NOT NULL,
	"failure_reason" text,
	"started_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "customer_sync_cursors" (
	"connection_id" uuid PRIMARY KEY NOT NULL,
	"audit_cursor" timestamp with time zone NOT NULL,
	"seen_at_cursor" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"last_full_at" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "partner_center_subscriptions" (
	"connection_id" uuid NOT NULL,
	"subscription_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"company_id" integer NOT NULL,
	"offer_id" text NOT NULL,
	"offer_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" text NOT NULL,
	"partner_id_of_record" text,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "customer_import_items" ADD CONSTRAINT "customer_import_items_run_id_customer_import_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."customer_import_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_import_items" ADD CONSTRAINT "customer_import_items_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_import_items" ADD CONSTRAINT "customer_import_items_parent_company_id_companies_id_fk" FOREIGN KEY ("parent_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_import_items" ADD CONSTRAINT "customer_import_items_applied_company_id_companies_id_fk" FOREIGN KEY ("applied_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_import_runs" ADD CONSTRAINT "customer_import_runs_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "customer_sync_cursors" ADD CONSTRAINT "customer_sync_cursors_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_center_subscriptions" ADD CONSTRAINT "partner_center_subscriptions_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "partner_center_subscriptions" ADD CONSTRAINT "partner_center_subscriptions_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "customer_import_items_run_tenant_idx" ON "customer_import_items" USING btree ("run_id","tenant_id");--> statement-breakpoint
CREATE INDEX "customer_import_items_run_seq_idx" ON "customer_import_items" USING btree ("run_id","seq");--> statement-breakpoint
CREATE INDEX "customer_import_runs_connection_idx" ON "customer_import_runs" USING btree ("connection_id");--> statement-breakpoint
CREATE UNIQUE INDEX "partner_center_subscriptions_key_idx" ON "partner_center_subscriptions" USING btree ("connection_id","subscription_id");--> statement-breakpoint
CREATE INDEX "partner_center_subscriptions_company_idx" ON "partner_center_subscriptions" USING btree ("company_id");