CREATE TABLE "tenant_subscription_reads" (
	"connection_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"company_id" integer NOT NULL,
	"subscriptions" jsonb NOT NULL,
	"licenses" jsonb,
	"licenses_error" text,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tenant_subscription_reads_connection_id_tenant_id_pk" PRIMARY KEY("connection_id","tenant_id")
);
--> statement-breakpoint
ALTER TABLE "tenant_subscription_reads" ADD CONSTRAINT "tenant_subscription_reads_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_subscription_reads_company_idx" ON "tenant_subscription_reads" USING btree ("company_id");