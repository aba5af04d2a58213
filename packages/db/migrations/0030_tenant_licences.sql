CREATE TABLE "tenant_licences" (
	"connection_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"company_id" integer NOT NULL,
	"name" text NOT NULL,
	"total_units" integer NOT NULL,
	"consumed_units" integer NOT NULL,
	"available_units" integer NOT NULL,
	"status" text NOT NULL,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "tenant_licences_connection_id_tenant_id_sku_id_pk" PRIMARY KEY("connection_id","tenant_id","sku_id")
);
--> statement-breakpoint
ALTER TABLE "tenant_licences" ADD CONSTRAINT "tenant_licences_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_licences_company_idx" ON "tenant_licences" USING btree ("company_id");