// Finance: settlement terms, partners, payment runs, the settlements list and the CSV statement.
import { once } from 'node:events';
import { Router, type Response } from 'express';
import { listPartners, type Database } from '../../db';
import { addToFinanceTotals, emptyFinanceTotals } from '../../dispatcher/settlement/totals';
import { permittedRegions } from '../auth/scope';
import type { PartnerView } from '../contract';
import { FinanceQuerySchema, PayoutsPaidSchema } from '../schemas/finance';
import { SettlementTermsEditSchema } from '../schemas/pricing';
import { toFinanceView, totalsItem, type FinanceService } from '../settlement/finance-service';
import type { SettlementService } from '../settlement/settlement-service';
import {
  BOM,
  csvRecord,
  settlementRecords,
  STATEMENT_HEADER,
  totalsRecords
} from '../settlement/statement-csv';
import type { SettlementTermsService } from '../settlement/terms-service';
import { parseInput } from './errors';
import { authOf, BATCH_BODY_LIMIT, jsonBody, jsonBodyUpTo } from './middleware';

/** Writes, waiting when the socket's buffer is full: a year of orders never sits in memory at once. */
async function write(res: Response, chunk: string): Promise<void> {
  if (!res.write(chunk)) await once(res, 'drain');
}

export function financeRoutes(deps: {
  db: Database;
  allRegionIds: readonly string[];
  finance: FinanceService;
  settlements: SettlementService;
  terms: SettlementTermsService;
}): Router {
  const { finance } = deps;
  const r = Router();
  r.get('/settlement/terms', async (_req, res) => {
    res.json(await deps.terms.read(authOf(res).user));
  });
  r.put('/settlement/terms', ...jsonBody, async (req, res) => {
    const input = parseInput(SettlementTermsEditSchema, req.body);
    res.json(await deps.terms.change(authOf(res).user, input));
  });
  r.get('/partners', async (_req, res) => {
    const mine = permittedRegions(authOf(res).user, deps.allRegionIds);
    const partners: PartnerView[] = (await listPartners(deps.db))
      .filter((p) => mine.includes(p.regionId))
      .map(({ id, name, regionId }) => ({ id, name, regionId }));
    res.json(partners);
  });
  r.post('/settlements/payouts/paid', ...jsonBodyUpTo(BATCH_BODY_LIMIT), async (req, res) => {
    const input = parseInput(PayoutsPaidSchema, req.body);
    res.json(await deps.settlements.markPaid(authOf(res).user, input));
  });
  r.get('/finance/settlements', async (req, res) => {
    const q = parseInput(FinanceQuerySchema, req.query);
    res.json(await finance.page(authOf(res).user, q));
  });
  r.get('/finance/statement.csv', async (req, res) => {
    const q = parseInput(FinanceQuerySchema, req.query);
    const filter = finance.filter(authOf(res).user, q);
    res.setHeader('content-type', 'text/csv; charset=utf-8');
    res.setHeader('content-disposition', 'attachment; filename="statement.csv"');
    await write(res, BOM + csvRecord(STATEMENT_HEADER));
    const totals = emptyFinanceTotals();
    for await (const row of finance.rows(filter)) {
      addToFinanceTotals(totals, totalsItem(row, q.period));
      await write(res, settlementRecords(toFinanceView(row)));
    }
    await write(res, totalsRecords(await finance.totalsView(totals)));
    res.end();
  });
  return r;
}
