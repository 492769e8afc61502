CREATE TABLE "escalations" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"ladder" jsonb NOT NULL,
	"state" jsonb NOT NULL,
	"level" integer DEFAULT 0 NOT NULL,
	"cycle" integer DEFAULT 1 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_sla" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"policy_id" text NOT NULL,
	"policy_version" integer NOT NULL,
	"ladder_id" text NOT NULL,
	"ladder_version" integer NOT NULL,
	"clocks" jsonb NOT NULL,
	"red_alert" jsonb,
	"waiting" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text NOT NULL,
	"status_since" timestamp (3) with time zone NOT NULL,
	"open" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_at" timestamp (3) with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sla_settings" (
	"kind" text NOT NULL,
	"id" text NOT NULL,
	"version" integer NOT NULL,
	"value" jsonb NOT NULL,
	"actor" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_settings_kind_id_version_pk" PRIMARY KEY("kind","id","version")
);
--> statement-breakpoint
CREATE TABLE "sla_timers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"order_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"key" text NOT NULL,
	"metric" text,
	"level" integer,
	"cycle" integer,
	"node" text,
	"due_at" timestamp (3) with time zone NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"fired_at" timestamp (3) with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sla_timers_kind" CHECK ("sla_timers"."kind" in ('warning', 'breach', 'escalation', 'dwell')),
	CONSTRAINT "sla_timers_status" CHECK ("sla_timers"."status" in ('pending', 'fired', 'cancelled'))
);
--> statement-breakpoint
ALTER TABLE "escalations" ADD CONSTRAINT "escalations_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_sla" ADD CONSTRAINT "order_sla_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_sla" ADD CONSTRAINT "order_sla_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_timers" ADD CONSTRAINT "sla_timers_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "order_sla_open_region_idx" ON "order_sla" USING btree ("region_id") WHERE "order_sla"."open";--> statement-breakpoint
CREATE UNIQUE INDEX "sla_timers_order_key_idx" ON "sla_timers" USING btree ("order_id","key");--> statement-breakpoint
CREATE INDEX "sla_timers_pending_due_idx" ON "sla_timers" USING btree ("due_at") WHERE "sla_timers"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "sla_timers_fired_idx" ON "sla_timers" USING btree ("kind","fired_at");