// A supervisor's surcharge on an order's price, finance's adjustments, and a technician's own month.
import { Router } from 'express';
import { AdjustmentRequestSchema, MonthQuerySchema, SurchargeSchema } from '../schemas/settlement';
import type { SettlementService } from '../settlement/settlement-service';
import { parseInput } from './errors';
import { authOf, jsonBody } from './middleware';
import { orderId } from './work-order-routes';

export function settlementRoutes(settlements: SettlementService): Router {
  const r = Router();
  r.post('/work-orders/:id/surcharges', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const input = parseInput(SurchargeSchema, req.body);
    const { user } = authOf(res);
    res.status(201).json(await settlements.addSurcharge(user, id, input));
  });
  r.post('/work-orders/:id/settlement/adjustments', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const input = parseInput(AdjustmentRequestSchema, req.body);
    const { user } = authOf(res);
    res.status(201).json(await settlements.adjust(user, id, input));
  });
  r.get('/me/settlements', async (req, res) => {
    const { month } = parseInput(MonthQuerySchema, req.query);
    const { user } = authOf(res);
    res.json(await settlements.month(user, month));
  });
  return r;
}
