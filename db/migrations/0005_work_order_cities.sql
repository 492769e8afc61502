ALTER TABLE "work_orders" ADD COLUMN "city_id" text;--> statement-breakpoint
-- Orders from before this migration: the nearest city of their region, by the plain lng/lat distance
-- that geo/city-index.ts uses at intake (a region always has cities, so none stays empty).
UPDATE "work_orders" AS o SET "city_id" = (
	SELECT c."id" FROM "cities" AS c
	WHERE c."region_id" = o."region_id"
	ORDER BY (c."lng" - o."lng") ^ 2 + (c."lat" - o."lat") ^ 2, c."id"
	LIMIT 1
);--> statement-breakpoint
ALTER TABLE "work_orders" ALTER COLUMN "city_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "work_orders" ADD CONSTRAINT "work_orders_city_id_cities_id_fk" FOREIGN KEY ("city_id") REFERENCES "public"."cities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "work_orders_city_idx" ON "work_orders" USING btree ("city_id");
