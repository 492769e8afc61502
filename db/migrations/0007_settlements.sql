CREATE TABLE "pricing_versions" (
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"effective_to" timestamp (3) with time zone,
	"document" jsonb NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pricing_versions_kind_id_version_pk" PRIMARY KEY("kind","id","version")
);
--> statement-breakpoint
CREATE TABLE "settlement_adjustments" (
	"order_id" uuid NOT NULL,
	"id" text NOT NULL,
	"payee" text NOT NULL,
	"milestone" text NOT NULL,
	"amount" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "settlement_adjustments_order_id_id_pk" PRIMARY KEY("order_id","id")
);
--> statement-breakpoint
CREATE TABLE "settlement_payouts" (
	"order_id" uuid NOT NULL,
	"id" text NOT NULL,
	"payee" text NOT NULL,
	"milestone" text NOT NULL,
	"amount" integer NOT NULL,
	"status" text NOT NULL,
	"reason" text,
	"payable_at" timestamp (3) with time zone,
	"paid_at" timestamp (3) with time zone,
	CONSTRAINT "settlement_payouts_order_id_id_pk" PRIMARY KEY("order_id","id"),
	CONSTRAINT "settlement_payouts_status_check" CHECK ("settlement_payouts"."status" in ('pending', 'payable', 'paid'))
);
--> statement-breakpoint
CREATE TABLE "settlements" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"technician_id" text,
	"status" text NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"table_id" text NOT NULL,
	"table_version" integer NOT NULL,
	"facts" jsonb NOT NULL,
	"quote" jsonb NOT NULL,
	"total" integer NOT NULL,
	"shares" jsonb NOT NULL,
	"split" jsonb NOT NULL,
	"reached" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"quoted_at" timestamp (3) with time zone NOT NULL,
	"frozen_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "settlements_status_check" CHECK ("settlements"."status" in ('quoted', 'frozen'))
);
--> statement-breakpoint
ALTER TABLE "settlement_adjustments" ADD CONSTRAINT "settlement_adjustments_order_id_settlements_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."settlements"("order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_payouts" ADD CONSTRAINT "settlement_payouts_order_id_settlements_order_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."settlements"("order_id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_technician_id_technicians_id_fk" FOREIGN KEY ("technician_id") REFERENCES "public"."technicians"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlements_technician_quoted_idx" ON "settlements" USING btree ("technician_id","quoted_at");