CREATE TABLE "subscription_terms" (
	"connection_id" text NOT NULL,
	"subscription_id" text NOT NULL,
	"company_id" integer NOT NULL,
	"tenant_id" text NOT NULL,
	"product_name" text NOT NULL,
	"quantity" integer NOT NULL,
	"status" text NOT NULL,
	"auto_renew" boolean NOT NULL,
	"term_ends_at" timestamp with time zone NOT NULL,
	"outcome" text NOT NULL,
	"next_quantity" integer,
	"read_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscription_terms_connection_id_subscription_id_pk" PRIMARY KEY("connection_id","subscription_id")
);
--> statement-breakpoint
ALTER TABLE "subscription_terms" ADD CONSTRAINT "subscription_terms_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "subscription_terms_company_idx" ON "subscription_terms" USING btree ("company_id","term_ends_at");