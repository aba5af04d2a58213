CREATE TABLE "partner_center_budgets" (
	"key" text PRIMARY KEY NOT NULL,
	"tat_ms" double precision NOT NULL
);
