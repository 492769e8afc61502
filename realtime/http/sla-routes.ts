// The SLA board, acknowledging an escalation, waiting states, and the admin-edited SLA settings.
import { Router } from 'express';
import {
  AcknowledgeSchema,
  CalendarEditSchema,
  DwellRulesEditSchema,
  LadderEditSchema,
  PauseReasonSchema,
  PolicyEditSchema,
  RedAlertRuleEditSchema,
  SlaBoardQuerySchema,
  WaitingEndSchema,
  WaitingSchema
} from '../schemas/sla-requests';
import type { SlaService } from '../sla/sla-service';
import { DEFAULT_ID, type SettingKind, type SettingValues } from '../sla/settings';
import type { SlaSettingsService } from '../sla/settings-service';
import { HttpError, parseInput } from './errors';
import { authOf, jsonBody } from './middleware';
import { orderId } from './work-order-routes';

type EditSchema = { safeParse: (v: unknown) => unknown } & Parameters<typeof parseInput>[0];

/** A kind of setting under `/api/sla/<path>`: a collection by id, or one setting (`single`). */
interface SettingRoute {
  path: string;
  kind: SettingKind;
  /** The body field holding the document. */
  field: string;
  schema: EditSchema;
  single?: true;
}

const SETTING_ROUTES: SettingRoute[] = [
  { path: 'policies', kind: 'policy', field: 'policy', schema: PolicyEditSchema },
  { path: 'calendars', kind: 'calendar', field: 'calendar', schema: CalendarEditSchema },
  { path: 'ladders', kind: 'ladder', field: 'ladder', schema: LadderEditSchema },
  { path: 'red-alert-rule', kind: 'red_alert', field: 'rule', schema: RedAlertRuleEditSchema, single: true },
  { path: 'dwell-rules', kind: 'dwell', field: 'rules', schema: DwellRulesEditSchema, single: true }
];

const settingId = (raw: string | string[] | undefined): string => (typeof raw === 'string' ? raw : '');

export function slaRoutes(sla: SlaService, settings: SlaSettingsService): Router {
  const r = Router();
  r.get('/sla/board', async (req, res) => {
    const { regionId } = parseInput(SlaBoardQuerySchema, req.query);
    res.json(await sla.board(authOf(res).user, regionId));
  });
  r.post('/work-orders/:id/escalation/acknowledgement', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const { reason } = parseInput(AcknowledgeSchema, req.body ?? {});
    res.json(await sla.acknowledge(authOf(res).user, id, reason));
  });
  r.post('/work-orders/:id/waiting', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const { reason, note } = parseInput(WaitingSchema, req.body);
    res.json(await sla.setWaiting(authOf(res).user, id, reason, true, note));
  });
  r.delete('/work-orders/:id/waiting/:reason', ...jsonBody, async (req, res) => {
    const id = orderId(req.params.id);
    const reason = PauseReasonSchema.safeParse(req.params.reason);
    if (!reason.success) throw new HttpError(404, 'not_found', 'no such waiting state');
    const { note } = parseInput(WaitingEndSchema, req.body ?? {});
    res.json(await sla.setWaiting(authOf(res).user, id, reason.data, false, note));
  });

  for (const route of SETTING_ROUTES) {
    const base = `/sla/${route.path}`;
    const item = route.single ? base : `${base}/:id`;
    const idOf = (params: Record<string, string | string[] | undefined>) =>
      route.single ? DEFAULT_ID : settingId(params.id);
    if (!route.single)
      r.get(base, (_req, res) => void res.json({ items: settings.list(authOf(res).user, route.kind) }));
    r.get(item, (req, res) => void res.json(settings.read(authOf(res).user, route.kind, idOf(req.params))));
    r.put(item, ...jsonBody, async (req, res) => {
      const body = parseInput(route.schema, req.body) as { expectedVersion: number; reason: string } & Record<
        string,
        unknown
      >;
      res.json(
        await settings.change(authOf(res).user, {
          kind: route.kind,
          id: idOf(req.params),
          field: route.field,
          expectedVersion: body.expectedVersion,
          reason: body.reason,
          value: body[route.field] as SettingValues[SettingKind]
        })
      );
    });
  }
  return r;
}
