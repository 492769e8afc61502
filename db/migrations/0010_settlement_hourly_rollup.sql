CREATE TABLE "settlement_hourly" (
	"hour" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"city_id" text NOT NULL,
	"service_type" text NOT NULL,
	"orders" bigint DEFAULT 0 NOT NULL,
	"revenue" bigint DEFAULT 0 NOT NULL,
	"technician" bigint DEFAULT 0 NOT NULL,
	"partner" bigint DEFAULT 0 NOT NULL,
	"parts" bigint DEFAULT 0 NOT NULL,
	"cross_region_orders" bigint DEFAULT 0 NOT NULL,
	"subsidy" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "settlement_hourly_hour_region_id_city_id_service_type_pk" PRIMARY KEY("hour","region_id","city_id","service_type")
);
--> statement-breakpoint
ALTER TABLE "settlement_hourly" ADD CONSTRAINT "settlement_hourly_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "settlement_hourly" ADD CONSTRAINT "settlement_hourly_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "settlements_frozen_at_idx" ON "settlements" USING btree ("frozen_at");--> statement-breakpoint
-- Backfill: the settlements frozen before the rollup existed, with the figures of db/repositories/profit.ts.
INSERT INTO "settlement_hourly" ("hour", "region_id", "city_id", "service_type", "orders", "revenue", "technician", "partner", "parts", "cross_region_orders", "subsidy")
SELECT date_trunc('hour', s.frozen_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', s.region_id, w.city_id, w.service_type,
  count(*),
  sum(s.total),
  sum((s.split->'labourShares'->>'technician')::bigint),
  sum((s.split->'labourShares'->>'partner')::bigint),
  sum((s.quote->>'parts')::bigint),
  count(*) FILTER (WHERE x.lines > 0),
  sum(x.amount)
FROM "settlements" s
JOIN "work_orders" w ON w.id = s.order_id
CROSS JOIN LATERAL (
  SELECT count(*) AS lines, coalesce(sum((l->>'amount')::bigint), 0) AS amount
  FROM jsonb_array_elements(s.quote->'lines') l WHERE l->>'key' = 'cross_region'
) x
WHERE s.status = 'frozen'
GROUP BY 1, 2, 3, 4;
