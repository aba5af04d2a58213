CREATE TABLE "price_rules" (
	"id" uuid PRIMARY KEY NOT NULL,
	"level" text NOT NULL,
	"seller_company_id" integer NOT NULL,
	"buyer_company_id" integer,
	"product_id" text,
	"sku_id" text,
	"term_duration" text,
	"billing_plan" text,
	"currency" text NOT NULL,
	"valid_from" text NOT NULL,
	"valid_to" text,
	"kind" text NOT NULL,
	"basis_points" integer,
	"amount_minor" bigint,
	"created_at" timestamp with time zone NOT NULL,
	"created_by" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "price_sheet_entries" (
	"connection_id" uuid NOT NULL,
	"market" text NOT NULL,
	"month" text NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"term_duration" text NOT NULL,
	"billing_plan" text NOT NULL,
	"currency" text NOT NULL,
	"unit_price_minor" bigint NOT NULL,
	"erp_price_minor" bigint NOT NULL,
	"effective_start" text NOT NULL,
	"effective_end" text NOT NULL,
	"fetched_at" timestamp with time zone NOT NULL,
	CONSTRAINT "price_sheet_entries_connection_id_market_month_product_id_sku_id_term_duration_billing_plan_pk" PRIMARY KEY("connection_id","market","month","product_id","sku_id","term_duration","billing_plan")
);
--> statement-breakpoint
ALTER TABLE "price_rules" ADD CONSTRAINT "price_rules_seller_company_id_companies_id_fk" FOREIGN KEY ("seller_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_rules" ADD CONSTRAINT "price_rules_buyer_company_id_companies_id_fk" FOREIGN KEY ("buyer_company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "price_sheet_entries" ADD CONSTRAINT "price_sheet_entries_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "price_rules_seller_idx" ON "price_rules" USING btree ("seller_company_id","level");