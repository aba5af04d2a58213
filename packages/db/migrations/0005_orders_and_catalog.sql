CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"company_id" integer NOT NULL,
	"connection_id" uuid NOT NULL,
	"customer_tenant_id" text NOT NULL,
	"reference" text NOT NULL,
	"idempotency_key" text,
	"status" text NOT NULL,
	"lines" jsonb NOT NULL,
	"cart_id" text,
	"microsoft_order_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"subscription_ids" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"error_code" text,
	"error_message" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orders_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
CREATE TABLE "catalog_hidden_products" (
	"distributor_id" integer NOT NULL,
	"product_id" text NOT NULL,
	"hidden_by" text NOT NULL,
	"hidden_at" timestamp with time zone NOT NULL,
	CONSTRAINT "catalog_hidden_products_distributor_id_product_id_pk" PRIMARY KEY("distributor_id","product_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_items" (
	"connection_id" uuid NOT NULL,
	"country" text NOT NULL,
	"catalog_item_id" text NOT NULL,
	"product_id" text NOT NULL,
	"sku_id" text NOT NULL,
	"availability_id" text NOT NULL,
	"category" text NOT NULL,
	"product_group" text NOT NULL,
	"product_title" text NOT NULL,
	"product_description" text NOT NULL,
	"sku_title" text NOT NULL,
	"sku_description" text NOT NULL,
	"minimum_quantity" integer NOT NULL,
	"maximum_quantity" integer NOT NULL,
	"is_trial" boolean NOT NULL,
	"is_add_on" boolean NOT NULL,
	"is_purchasable" boolean NOT NULL,
	"segment" text NOT NULL,
	"currency" text NOT NULL,
	"list_price" double precision,
	"terms" jsonb NOT NULL,
	CONSTRAINT "catalog_items_connection_id_country_catalog_item_id_pk" PRIMARY KEY("connection_id","country","catalog_item_id")
);
--> statement-breakpoint
CREATE TABLE "catalog_snapshots" (
	"connection_id" uuid NOT NULL,
	"country" text NOT NULL,
	"refreshed_at" timestamp with time zone,
	"entry_count" integer DEFAULT 0 NOT NULL,
	"partner_center_calls" integer DEFAULT 0 NOT NULL,
	"duration_ms" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"last_error_at" timestamp with time zone,
	CONSTRAINT "catalog_snapshots_connection_id_country_pk" PRIMARY KEY("connection_id","country")
);
--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_company_id_companies_id_fk" FOREIGN KEY ("company_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_hidden_products" ADD CONSTRAINT "catalog_hidden_products_distributor_id_companies_id_fk" FOREIGN KEY ("distributor_id") REFERENCES "public"."companies"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_items" ADD CONSTRAINT "catalog_items_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "catalog_snapshots" ADD CONSTRAINT "catalog_snapshots_connection_id_connections_id_fk" FOREIGN KEY ("connection_id") REFERENCES "public"."connections"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "orders_company_idx" ON "orders" USING btree ("company_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_idempotency_uq" ON "orders" USING btree ("company_id","idempotency_key");--> statement-breakpoint
CREATE INDEX "catalog_items_product_idx" ON "catalog_items" USING btree ("connection_id","country","product_id");