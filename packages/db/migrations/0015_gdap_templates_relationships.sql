CREATE TABLE "gdap_relationships" (
	"id" serial PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"connection_id" uuid NOT NULL,
	"relationship_id" text,
	"display_name" text NOT NULL,
	"customer_tenant_id" text NOT NULL,
	"template_id" integer,
	"status" text NOT NULL,
	"roles" jsonb NOT NULL,
	"duration_days" integer NOT NULL,
	"auto_extend" boolean NOT NULL,
	"approval_url" text,
	"access_assignments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"run_id" text,
	"notices_sent" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"activated_at" timestamp with time zone,
	"ends_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gdap_relationships_name_uq" UNIQUE("connection_id","display_name")
);
--> statement-breakpoint
CREATE TABLE "gdap_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"connection_id" uuid NOT NULL,
	"name" text NOT NULL,
	"version" integer NOT NULL,
	"roles" jsonb NOT NULL,
	"duration_days" integer NOT NULL,
	"auto_extend" boolean NOT NULL,
	"security_groups" jsonb NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "gdap_templates_name_version_uq" UNIQUE("connection_id","name","version")
);
--> statement-breakpoint
ALTER TABLE "gdap_relationships" ADD CONSTRAINT "gdap_relationships_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdap_relationships" ADD CONSTRAINT "gdap_relationships_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdap_relationships" ADD CONSTRAINT "gdap_relationships_template_id_gdap_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."gdap_templates"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "gdap_templates" ADD CONSTRAINT "gdap_templates_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "gdap_relationships_company_idx" ON "gdap_relationships" USING btree ("company_id");--> statement-breakpoint
CREATE UNIQUE INDEX "gdap_templates_one_default_uq" ON "gdap_templates" USING btree ("connection_id") WHERE "gdap_templates"."is_default";