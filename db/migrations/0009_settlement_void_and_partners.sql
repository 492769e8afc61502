CREATE TABLE "partners" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"region_id" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "settlement_payouts" DROP CONSTRAINT "settlement_payouts_status_check";--> statement-breakpoint
ALTER TABLE "settlements" DROP CONSTRAINT "settlements_status_check";--> statement-breakpoint
ALTER TABLE "settlements" ADD COLUMN "partner_id" text;--> statement-breakpoint
ALTER TABLE "technicians" ADD COLUMN "partner_id" text;--> statement-breakpoint
ALTER TABLE "partners" ADD CONSTRAINT "partners_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "partners_region_idx" ON "partners" USING btree ("region_id");--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "technicians" ADD CONSTRAINT "technicians_partner_id_partners_id_fk" FOREIGN KEY ("partner_id") REFERENCES "public"."partners"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlements_quoted_idx" ON "settlements" USING btree ("quoted_at","order_id");--> statement-breakpoint
ALTER TABLE "settlement_payouts" ADD CONSTRAINT "settlement_payouts_status_check" CHECK ("settlement_payouts"."status" in ('pending', 'payable', 'paid', 'void'));--> statement-breakpoint
ALTER TABLE "settlements" ADD CONSTRAINT "settlements_status_check" CHECK ("settlements"."status" in ('quoted', 'frozen', 'void'));