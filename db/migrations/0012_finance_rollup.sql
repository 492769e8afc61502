CREATE TABLE "finance_rollup" (
	"grain" text NOT NULL,
	"start" timestamp with time zone NOT NULL,
	"region_id" text NOT NULL,
	"partner_id" text NOT NULL,
	"status" text NOT NULL,
	"settlements" bigint DEFAULT 0 NOT NULL,
	"total" bigint DEFAULT 0 NOT NULL,
	"platform" bigint DEFAULT 0 NOT NULL,
	"partner" bigint DEFAULT 0 NOT NULL,
	"technician" bigint DEFAULT 0 NOT NULL,
	"pending" bigint DEFAULT 0 NOT NULL,
	"payable" bigint DEFAULT 0 NOT NULL,
	"paid" bigint DEFAULT 0 NOT NULL,
	CONSTRAINT "finance_rollup_grain_start_region_id_partner_id_status_pk" PRIMARY KEY("grain","start","region_id","partner_id","status"),
	CONSTRAINT "finance_rollup_grain_check" CHECK ("finance_rollup"."grain" in ('day', 'hour'))
);
--> statement-breakpoint
ALTER TABLE "finance_rollup" ADD CONSTRAINT "finance_rollup_region_id_regions_id_fk" FOREIGN KEY ("region_id") REFERENCES "public"."regions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill: the settlements written before the rollup existed, each in its Beijing day and its hour, with
-- the figures of dispatcher/settlement/totals.ts (a void settlement counts, its lines and shares do not;
-- void payouts are not money).
INSERT INTO "finance_rollup" ("grain", "start", "region_id", "partner_id", "status", "settlements", "total", "platform", "partner", "technician", "pending", "payable", "paid")
SELECT g.grain, date_trunc(g.grain, s.quoted_at AT TIME ZONE 'Asia/Shanghai') AT TIME ZONE 'Asia/Shanghai',
  s.region_id, coalesce(s.partner_id, ''), s.status,
  count(*),
  coalesce(sum(s.total) FILTER (WHERE s.status <> 'void'), 0),
  coalesce(sum((s.shares->>'platform')::bigint) FILTER (WHERE s.status <> 'void'), 0),
  coalesce(sum((s.shares->>'partner')::bigint) FILTER (WHERE s.status <> 'void'), 0),
  coalesce(sum((s.shares->>'technician')::bigint) FILTER (WHERE s.status <> 'void'), 0),
  coalesce(sum(p.pending), 0),
  coalesce(sum(p.payable), 0),
  coalesce(sum(p.paid), 0)
FROM "settlements" s
LEFT JOIN (
  SELECT order_id,
    sum(amount) FILTER (WHERE status = 'pending') AS pending,
    sum(amount) FILTER (WHERE status = 'payable') AS payable,
    sum(amount) FILTER (WHERE status = 'paid') AS paid
  FROM "settlement_payouts" GROUP BY order_id
) p ON p.order_id = s.order_id
CROSS JOIN (VALUES ('day'), ('hour')) g(grain)
GROUP BY 1, 2, 3, 4, 5;
