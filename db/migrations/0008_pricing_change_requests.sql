CREATE TABLE "pricing_change_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"table_id" text NOT NULL,
	"region_id" text NOT NULL,
	"base_version" integer NOT NULL,
	"before" jsonb NOT NULL,
	"coefficients" jsonb NOT NULL,
	"effective_from" timestamp (3) with time zone NOT NULL,
	"breaches" jsonb NOT NULL,
	"reason" text NOT NULL,
	"requested_by" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp (3) with time zone,
	"decision_reason" text,
	"applied_version" integer,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pricing_change_requests_status_check" CHECK ("pricing_change_requests"."status" in ('pending', 'approved', 'rejected'))
);
--> statement-breakpoint
ALTER TABLE "pricing_change_requests" ADD CONSTRAINT "pricing_change_requests_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pricing_change_requests_status_idx" ON "pricing_change_requests" USING btree ("status","created_at");