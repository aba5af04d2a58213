CREATE TABLE "subscription_moves" (
	"company_id" integer NOT NULL,
	"connection_id" uuid NOT NULL,
	"sku_id" text NOT NULL,
	"sku_name" text NOT NULL,
	"old_expires_at" timestamp with time zone,
	"target_catalog_item_id" text,
	"replacement_order_id" uuid,
	"updated_by" text NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "subscription_moves_company_id_connection_id_sku_id_pk" PRIMARY KEY("company_id","connection_id","sku_id")
);
--> statement-breakpoint
ALTER TABLE "subscription_moves" ADD CONSTRAINT "subscription_moves_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscription_moves" ADD CONSTRAINT "subscription_moves_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;