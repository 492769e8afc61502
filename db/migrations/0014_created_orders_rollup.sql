CREATE TABLE "created_orders_cell" (
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"orders" integer NOT NULL,
	"gx" integer NOT NULL,
	"gy" integer NOT NULL,
	CONSTRAINT "created_orders_cell_grain_region_id_bucket_gx_gy_pk" PRIMARY KEY("grain","region_id","bucket","gx","gy"),
	CONSTRAINT "created_orders_cell_grain_check" CHECK ("created_orders_cell"."grain" in ('month', 'day'))
);
--> statement-breakpoint
CREATE TABLE "created_orders_city" (
	"grain" text NOT NULL,
	"bucket" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"orders" integer NOT NULL,
	"city_id" text NOT NULL,
	CONSTRAINT "created_orders_city_grain_region_id_bucket_city_id_pk" PRIMARY KEY("grain","region_id","bucket","city_id"),
	CONSTRAINT "created_orders_city_grain_check" CHECK ("created_orders_city"."grain" in ('month', 'day', 'hour'))
);
--> statement-breakpoint
DROP INDEX "work_orders_city_idx";--> statement-breakpoint
DROP INDEX "work_orders_open_region_idx";--> statement-breakpoint
CREATE INDEX "work_orders_city_created_idx" ON "work_orders" USING btree ("city_id","created_at","id");--> statement-breakpoint
CREATE INDEX "work_orders_open_region_idx" ON "work_orders" USING btree ("region_id","created_at") WHERE "work_orders"."status" not in ('closed', 'cancelled');--> statement-breakpoint
-- Backfill: the orders created before the rollup existed, counted as db/repositories/created-orders.ts
-- counts a new one (UTC buckets, cells of HOTSPOT_CELL_DEG = 0.1°). One statement filling both tables, so
-- tests and benches can run it as it stands (test/support/rollup-backfill.ts). Stored in key order: a
-- period's buckets then lie on a few pages, not one page each.
WITH cells AS (
  INSERT INTO "created_orders_cell" ("grain", "bucket", "region_id", "gx", "gy", "orders")
  SELECT g.grain, date_trunc(g.grain, d.day) AT TIME ZONE 'UTC', d.region_id, d.gx, d.gy, sum(d.orders)
  FROM (
    SELECT date_trunc('day', created_at AT TIME ZONE 'UTC') AS day, region_id,
      floor(lng / 0.1)::int AS gx, floor(lat / 0.1)::int AS gy, count(*) AS orders
    FROM "work_orders" GROUP BY 1, 2, 3, 4
  ) d CROSS JOIN (VALUES ('month'), ('day')) g(grain)
  GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 3, 2, 4, 5
)
INSERT INTO "created_orders_city" ("grain", "bucket", "region_id", "city_id", "orders")
SELECT g.grain, date_trunc(g.grain, h.hour) AT TIME ZONE 'UTC', h.region_id, h.city_id, sum(h.orders)
FROM (
  SELECT date_trunc('hour', created_at AT TIME ZONE 'UTC') AS hour, region_id, city_id, count(*) AS orders
  FROM "work_orders" GROUP BY 1, 2, 3
) h CROSS JOIN (VALUES ('month'), ('day'), ('hour')) g(grain)
GROUP BY 1, 2, 3, 4 ORDER BY 1, 3, 2, 4;
