CREATE TABLE "revenue_cells" (
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"gx" integer NOT NULL,
	"gy" integer NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "revenue_cells_grain_bucket_region_id_gx_gy_pk" PRIMARY KEY("grain","bucket","region_id","gx","gy")
);
--> statement-breakpoint
CREATE TABLE "revenue_orders" (
	"order_id" uuid PRIMARY KEY NOT NULL,
	"region_id" text NOT NULL,
	"city_id" text NOT NULL,
	"frozen_at" timestamp with time zone NOT NULL,
	"total" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "settlement_city_rollup" (
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"city_id" text NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"technician" bigint DEFAULT 0 NOT NULL,
	"partner" bigint DEFAULT 0 NOT NULL,
	"parts" bigint DEFAULT 0 NOT NULL,
	"cross_region_orders" bigint DEFAULT 0 NOT NULL,
	"subsidy" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "settlement_city_rollup_grain_bucket_region_id_city_id_pk" PRIMARY KEY("grain","bucket","region_id","city_id")
);
--> statement-breakpoint
CREATE TABLE "settlement_region_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"technician" bigint DEFAULT 0 NOT NULL,
	"partner" bigint DEFAULT 0 NOT NULL,
	"parts" bigint DEFAULT 0 NOT NULL,
	"cross_region_orders" bigint DEFAULT 0 NOT NULL,
	"subsidy" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "settlement_region_hourly_hour_region_id_pk" PRIMARY KEY("hour","region_id")
);
--> statement-breakpoint
CREATE TABLE "settlement_service_rollup" (
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"service_type" text NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"technician" bigint DEFAULT 0 NOT NULL,
	"partner" bigint DEFAULT 0 NOT NULL,
	"parts" bigint DEFAULT 0 NOT NULL,
	"cross_region_orders" bigint DEFAULT 0 NOT NULL,
	"subsidy" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "settlement_service_rollup_grain_bucket_region_id_service_type_pk" PRIMARY KEY("grain","bucket","region_id","service_type")
);
--> statement-breakpoint
ALTER TABLE "revenue_cells" ADD CONSTRAINT "revenue_cells_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_orders" ADD CONSTRAINT "revenue_orders_order_id_work_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."work_orders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_orders" ADD CONSTRAINT "revenue_orders_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "revenue_orders" ADD CONSTRAINT "revenue_orders_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_city_rollup" ADD CONSTRAINT "settlement_city_rollup_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_city_rollup" ADD CONSTRAINT "settlement_city_rollup_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_region_hourly" ADD CONSTRAINT "settlement_region_hourly_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_service_rollup" ADD CONSTRAINT "settlement_service_rollup_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "revenue_orders_city_top_idx" ON "revenue_orders" USING btree ("city_id","total" DESC NULLS FIRST,"order_id" DESC NULLS FIRST,"frozen_at","region_id");--> statement-breakpoint
CREATE INDEX "revenue_orders_city_frozen_idx" ON "revenue_orders" USING btree ("city_id","frozen_at");--> statement-breakpoint
-- Backfill, after the hourly rollup's own (0010): days and months summed from its hours, the figures of db/repositories/profit.ts.
INSERT INTO "settlement_city_rollup" ("grain", "bucket", "region_id", "city_id", "orders", "revenue", "technician", "partner", "parts", "cross_region_orders", "subsidy")
SELECT g.grain, date_trunc(g.grain, h.hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', h.region_id, h.city_id,
  sum(h.orders), sum(h.revenue), sum(h.technician), sum(h.partner), sum(h.parts), sum(h.cross_region_orders), sum(h.subsidy)
FROM "settlement_hourly" h CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO "settlement_service_rollup" ("grain", "bucket", "region_id", "service_type", "orders", "revenue", "technician", "partner", "parts", "cross_region_orders", "subsidy")
SELECT g.grain, date_trunc(g.grain, h.hour AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', h.region_id, h.service_type,
  sum(h.orders), sum(h.revenue), sum(h.technician), sum(h.partner), sum(h.parts), sum(h.cross_region_orders), sum(h.subsidy)
FROM "settlement_hourly" h CROSS JOIN (VALUES ('day'), ('month')) g(grain)
GROUP BY 1, 2, 3, 4;
--> statement-breakpoint
INSERT INTO "settlement_region_hourly" ("hour", "region_id", "orders", "revenue", "technician", "partner", "parts", "cross_region_orders", "subsidy")
SELECT h.hour, h.region_id,
  sum(h.orders), sum(h.revenue), sum(h.technician), sum(h.partner), sum(h.parts), sum(h.cross_region_orders), sum(h.subsidy)
FROM "settlement_hourly" h
GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "revenue_orders" ("order_id", "region_id", "city_id", "frozen_at", "total")
SELECT s.order_id, s.region_id, w.city_id, s.frozen_at, s.total
FROM "settlements" s JOIN "work_orders" w ON w.id = s.order_id
WHERE s.status = 'frozen';
--> statement-breakpoint
-- Hot-spot cells of HOTSPOT_CELL_DEG = 0.1 (dispatcher/insights/heatmap.ts), hours first, then days and months from them.
INSERT INTO "revenue_cells" ("grain", "bucket", "region_id", "gx", "gy", "orders", "revenue")
SELECT 'hour', date_trunc('hour', r.frozen_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', r.region_id,
  floor(w.lng / 0.1)::int, floor(w.lat / 0.1)::int, count(*), sum(r.total)
FROM "revenue_orders" r JOIN "work_orders" w ON w.id = r.order_id
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
INSERT INTO "revenue_cells" ("grain", "bucket", "region_id", "gx", "gy", "orders", "revenue")
SELECT g.grain, date_trunc(g.grain, c.bucket AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', c.region_id, c.gx, c.gy, sum(c.orders), sum(c.revenue)
FROM "revenue_cells" c CROSS JOIN (VALUES ('day'), ('month')) g(grain)
WHERE c.grain = 'hour'
GROUP BY 1, 2, 3, 4, 5;
--> statement-breakpoint
-- The planner's statistics for the filled tables now, not whenever autovacuum comes by.
ANALYZE "settlement_city_rollup", "settlement_service_rollup", "settlement_region_hourly", "revenue_cells", "revenue_orders";
