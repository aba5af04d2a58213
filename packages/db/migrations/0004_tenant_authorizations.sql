CREATE TABLE "tenant_authorizations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"company_id" integer NOT NULL,
	"connection_id" uuid NOT NULL,
	"reseller_company_id" integer,
	"reseller_partner_id" text,
	"reseller_tenant_id" text,
	"invitation_url" text NOT NULL,
	"domain" text,
	"state" text DEFAULT 'pending' NOT NULL,
	"requested_by_id" text,
	"requested_by_label" text NOT NULL,
	"requested_by_email" text,
	"sent_to" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sent_cc" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sent_at" timestamp with time zone,
	"send_count" integer DEFAULT 0 NOT NULL,
	"tenant_id" text,
	"default_domain" text,
	"detected_by" text,
	"last_check_result" text,
	"last_checked_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	"accepted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "tenant_authorizations" ADD CONSTRAINT "tenant_authorizations_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_authorizations" ADD CONSTRAINT "tenant_authorizations_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tenant_authorizations" ADD CONSTRAINT "tenant_authorizations_reseller_company_id_companies_id_fk" FOREIGN KEY ("reseller_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_authorizations_company_idx" ON "tenant_authorizations" USING btree ("company_id","connection_id");--> statement-breakpoint
CREATE INDEX "tenant_authorizations_state_idx" ON "tenant_authorizations" USING btree ("state");