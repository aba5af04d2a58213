CREATE TABLE "bulk_job_items" (
	"job_id" uuid NOT NULL,
	"item_key" text NOT NULL,
	"company_id" integer,
	"label" text NOT NULL,
	"state" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"round" integer DEFAULT 0 NOT NULL,
	"outcome" jsonb,
	"error_code" text,
	"error_message" text,
	"finished_at" timestamp with time zone,
	CONSTRAINT "bulk_job_items_job_id_item_key_pk" PRIMARY KEY("job_id","item_key")
);
--> statement-breakpoint
CREATE TABLE "bulk_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"action" text NOT NULL,
	"scope_company_id" integer NOT NULL,
	"state" text NOT NULL,
	"created_by" text NOT NULL,
	"created_by_label" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "gdap_snapshots" (
	"connection_id" uuid NOT NULL,
	"relationship_id" text NOT NULL,
	"company_id" integer,
	"customer_tenant_id" text,
	"customer_name" text,
	"display_name" text NOT NULL,
	"status" text NOT NULL,
	"role_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"has_global_admin" boolean NOT NULL,
	"auto_extend" boolean NOT NULL,
	"ends_at" timestamp with time zone,
	"access_assignments" integer,
	"synced_at" timestamp with time zone NOT NULL,
	CONSTRAINT "gdap_snapshots_connection_id_relationship_id_pk" PRIMARY KEY("connection_id","relationship_id")
);
--> statement-breakpoint
ALTER TABLE "bulk_job_items" ADD CONSTRAINT "bulk_job_items_job_id_bulk_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."bulk_jobs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_job_items" ADD CONSTRAINT "bulk_job_items_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "bulk_jobs" ADD CONSTRAINT "bulk_jobs_scope_company_id_companies_id_fk" FOREIGN KEY ("scope_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdap_snapshots" ADD CONSTRAINT "gdap_snapshots_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdap_snapshots" ADD CONSTRAINT "gdap_snapshots_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "bulk_jobs_scope_idx" ON "bulk_jobs" USING btree ("scope_company_id","created_at");--> statement-breakpoint
CREATE INDEX "gdap_snapshots_company_idx" ON "gdap_snapshots" USING btree ("company_id");--> statement-breakpoint
CREATE INDEX "gdap_snapshots_status_ends_idx" ON "gdap_snapshots" USING btree ("status","ends_at");--> statement-breakpoint
CREATE INDEX "workflow_runs_kind_state_idx" ON "workflow_runs" USING btree ("kind","state");--> statement-breakpoint
CREATE INDEX "orders_status_idx" ON "orders" USING btree ("status");