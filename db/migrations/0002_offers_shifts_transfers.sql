CREATE TABLE "part_transfers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"work_order_id" uuid NOT NULL,
	"from_depot_id" text NOT NULL,
	"to_depot_id" text NOT NULL,
	"sku" text NOT NULL,
	"qty" integer NOT NULL,
	"distance_km" double precision NOT NULL,
	"eta_hours" double precision NOT NULL,
	"status" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	CONSTRAINT "part_transfers_qty_positive" CHECK ("part_transfers"."qty" > 0)
);
--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "expires_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "assignments" ADD COLUMN "ended_reason" text;--> statement-breakpoint
ALTER TABLE "regions" ADD COLUMN "dispatch_policy" jsonb DEFAULT '{}'::jsonb NOT NULL;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "shift_start_min" integer;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "shift_end_min" integer;--> statement-breakpoint
ALTER TABLE "part_transfers" ADD CONSTRAINT "part_transfers_work_order_id_work_orders_id_fk" FOREIGN KEY ("work_order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_transfers" ADD CONSTRAINT "part_transfers_from_depot_id_depots_id_fk" FOREIGN KEY ("from_depot_id") REFERENCES "public"."depots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_transfers" ADD CONSTRAINT "part_transfers_to_depot_id_depots_id_fk" FOREIGN KEY ("to_depot_id") REFERENCES "public"."depots"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "part_transfers" ADD CONSTRAINT "part_transfers_sku_parts_sku_fk" FOREIGN KEY ("sku") REFERENCES "public"."parts"("sku") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "part_transfers_order_idx" ON "part_transfers" USING btree ("work_order_id");--> statement-breakpoint
CREATE INDEX "assignments_offer_expiry_idx" ON "assignments" USING btree ("expires_at") WHERE "assignments"."active" and "assignments"."expires_at" is not null;