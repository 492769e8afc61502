// The price table editor over HTTP: who may change which region's coefficients, the version checks, the
// approval queue for changes beyond headquarters' bounds, and the audit event stored with every change and
// decision in its transaction. The book the engine prices with is read again once a change commits.
import {
  appendEvents,
  decideChangeRequest,
  endPricingVersion,
  insertChangeRequest,
  insertPricingVersion,
  listChangeRequests,
  listPricingVersions,
  lockChangeRequest,
  lockLatestPricingVersion,
  type Database,
  type PricingVersionRow,
  type Transaction
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { checkRegionalChange, DEFAULT_REGIONAL_BOUNDS, type Breach } from '../../dispatcher/pricing/bounds';
import type { PriceTable } from '../../dispatcher/pricing/price-table';
import { quote } from '../../dispatcher/pricing/quote';
import {
  succeed,
  withRegionalChange,
  type ChangeRequestStatus,
  type RegionalChange
} from '../../dispatcher/pricing/regional-change';
import { versionInForce } from '../../dispatcher/pricing/versions';
import { settle } from '../../dispatcher/settlement/settle';
import type { RegionId } from '../../geo/cities';
import type { Principal } from '../auth/scope';
import type { ChangeRequestView, PricePreview, PriceTableView, RegionChangeResult } from '../contract';
import { HttpError } from '../http/errors';
import { PriceTableSchema } from '../schemas/pricing';
import type { ApprovalDecision, PreviewInput, RegionChangeInput } from '../schemas/pricing-edits';
import type { PricingBook } from '../settlement/pricing-book';
import { isUniqueViolation } from '../services/assignments';
import { toChangeRequestView } from './views';

const EDITORS: readonly Principal['role'][] = ['admin', 'regional_manager'];
const READERS: readonly Principal['role'][] = [...EDITORS, 'finance', 'executive'];
/** A change may start a little before the server's now: the editor's clock and the trip there. */
const CLOCK_SKEW_MS = 5 * 60_000;
const APPROVALS_LISTED = 200;

const actorOf = (user: Principal) => `user:${user.username}`;
const noSuchTable = () => new HttpError(404, 'not_found', 'no such price table');
const onlyAdmins = () => new HttpError(403, 'forbidden', 'only admins decide on pricing changes');
const invalid = (path: string, message: string) =>
  new HttpError(422, 'validation_failed', `invalid input: ${path}`, [{ path, message }]);

/** Admins everywhere; a regional manager their own regions. */
const mayEdit = (user: Principal, regionId: string) =>
  user.role === 'admin' || (user.role === 'regional_manager' && user.regionIds.includes(regionId));

const tableOf = (row: PricingVersionRow): PriceTable => PriceTableSchema.parse(row.document);

export class PriceTableService {
  constructor(
    private readonly db: Database,
    private readonly book: PricingBook,
    private readonly clock: Clock,
    private readonly allRegionIds: readonly string[]
  ) {}

  async read(user: Principal, tableId: string): Promise<PriceTableView> {
    if (!READERS.includes(user.role))
      throw new HttpError(403, 'forbidden', 'price tables are not yours to see');
    const rows = (await listPricingVersions(this.db, 'price_table')).filter((r) => r.id === tableId);
    const latest = rows.at(-1);
    if (!latest) throw noSuchTable();
    const tables = rows.map(tableOf);
    return {
      table: tableOf(latest),
      inForceVersion: versionInForce(tables, this.clock.now().getTime())?.version ?? null,
      versions: rows.map((r) => ({
        version: r.version,
        effectiveFrom: r.effectiveFrom.toISOString(),
        effectiveTo: r.effectiveTo?.toISOString() ?? null,
        actor: r.actor
      })),
      bounds: DEFAULT_REGIONAL_BOUNDS,
      editableRegions: this.allRegionIds.filter((id) => mayEdit(user, id))
    };
  }

  /**
   * Within the bounds (or by an admin, who is the one who would approve it) a new version, in force from
   * `effectiveFrom`; beyond them a change request for an admin, and 202.
   */
  async changeRegion(
    user: Principal,
    tableId: string,
    regionId: RegionId,
    input: RegionChangeInput
  ): Promise<RegionChangeResult> {
    if (!mayEdit(user, regionId))
      throw new HttpError(403, 'forbidden', `the coefficients of ${regionId} are not yours to change`);
    const now = this.clock.now();
    if (input.effectiveFrom < now.getTime() - CLOCK_SKEW_MS)
      throw invalid('effectiveFrom', 'must not be in the past');
    const change: RegionalChange = {
      regionId,
      coefficients: input.coefficients,
      effectiveFrom: input.effectiveFrom
    };
    const outcome = await this.#inTurn(async (tx) => {
      const latest = await this.#lockLatest(tx, tableId, input.expectedVersion);
      const before = latest.regional[regionId];
      const check = checkRegionalChange(DEFAULT_REGIONAL_BOUNDS, regionId, before, change.coefficients);
      if (check.type === 'needs-approval' && user.role !== 'admin') {
        const request = await insertChangeRequest(tx, {
          tableId,
          regionId,
          baseVersion: latest.version,
          before,
          coefficients: change.coefficients,
          effectiveFrom: new Date(change.effectiveFrom),
          breaches: check.breaches,
          reason: input.reason,
          requestedBy: actorOf(user)
        });
        await appendEvents(tx, [
          pricingEvent('pricing.change_requested', tableId, actorOf(user), {
            requestId: request.id,
            regionId,
            before,
            after: change.coefficients,
            breaches: check.breaches,
            reason: input.reason
          })
        ]);
        return { status: 'pending' as const, request };
      }
      const breaches = check.type === 'needs-approval' ? check.breaches : [];
      await this.#saveVersion(tx, latest, change, actorOf(user), { reason: input.reason, breaches });
      return { status: 'saved' as const };
    });
    if (outcome.status === 'pending')
      return { status: 'pending', request: toChangeRequestView(outcome.request) };
    await this.book.reload(this.db);
    return { status: 'saved', table: await this.read(user, tableId) };
  }

  async approvals(user: Principal, status: ChangeRequestStatus | undefined): Promise<ChangeRequestView[]> {
    if (user.role !== 'admin') throw onlyAdmins();
    return (await listChangeRequests(this.db, status, APPROVALS_LISTED)).map(toChangeRequestView);
  }

  /**
   * Approving adds the version the request asked for, if the table is still at the version it was made
   * on (409 otherwise: the manager asks again on the new one). A start already passed becomes now.
   */
  async decide(user: Principal, requestId: string, input: ApprovalDecision): Promise<ChangeRequestView> {
    if (user.role !== 'admin') throw onlyAdmins();
    const now = this.clock.now();
    const decided = await this.#inTurn(async (tx) => {
      const request = await lockChangeRequest(tx, requestId);
      if (!request) throw new HttpError(404, 'not_found', 'no such change request');
      if (request.status !== 'pending')
        throw new HttpError(409, 'already_decided', `the request was ${request.status} already`, undefined, {
          current: toChangeRequestView(request)
        });
      let appliedVersion: number | null = null;
      if (input.decision === 'approve') {
        const latest = await this.#lockLatest(tx, request.tableId, request.baseVersion, 'stale_request');
        const change: RegionalChange = {
          regionId: request.regionId as RegionId,
          coefficients: request.coefficients,
          effectiveFrom: Math.max(request.effectiveFrom.getTime(), now.getTime())
        };
        appliedVersion = await this.#saveVersion(tx, latest, change, actorOf(user), {
          reason: input.reason,
          breaches: request.breaches,
          requestId
        });
      }
      const row = await decideChangeRequest(tx, requestId, {
        status: input.decision === 'approve' ? 'approved' : 'rejected',
        decidedBy: actorOf(user),
        decidedAt: now,
        decisionReason: input.reason,
        appliedVersion
      });
      await appendEvents(tx, [
        pricingEvent(`pricing.change_${row.status}`, row.tableId, actorOf(user), {
          requestId,
          regionId: row.regionId,
          requestedBy: row.requestedBy,
          appliedVersion,
          reason: input.reason
        })
      ]);
      return row;
    });
    if (decided.status === 'approved') await this.book.reload(this.db);
    return toChangeRequestView(decided);
  }

  /** The sample order priced under the draft (or the table as it is now), split by today's terms. */
  async preview(user: Principal, tableId: string, input: PreviewInput): Promise<PricePreview> {
    if (!EDITORS.includes(user.role)) throw new HttpError(403, 'forbidden', 'only price editors preview');
    const now = this.book.at(this.clock.now().getTime());
    if (!now) throw new HttpError(409, 'no_table_in_force', 'no price table or terms are in force now');
    const base = input.tableDraft ?? (await this.read(user, tableId)).table;
    const table = input.regionChange ? withRegionalChange(base, input.regionChange) : base;
    const quoted = quote(table, input.sampleOrder);
    if (quoted.type !== 'quoted') throw invalid('sampleOrder.itemId', 'no such item in the table');
    const { lines, labour, parts, total } = quoted.quote;
    const { shares } = settle(quoted.quote, now.terms, {
      regionId: input.sampleOrder.regionId,
      partnerId: null
    });
    return { tableVersion: table.version, lines, labour, parts, total, shares };
  }

  /** One transaction; two edits racing to the same next version: the loser is told to reload. */
  async #inTurn<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    try {
      return await this.db.transaction(work);
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      throw new HttpError(409, 'version_conflict', 'the price table changed meanwhile: reload it');
    }
  }

  async #lockLatest(
    tx: Transaction,
    tableId: string,
    expectedVersion: number,
    code = 'version_conflict'
  ): Promise<PriceTable> {
    const row = await lockLatestPricingVersion(tx, 'price_table', tableId);
    if (!row) throw noSuchTable();
    if (row.version !== expectedVersion)
      throw new HttpError(409, code, `the price table is at version ${row.version}`, undefined, {
        currentVersion: row.version
      });
    return tableOf(row);
  }

  /** Ends `latest` where the change begins and stores the change as the next version. */
  async #saveVersion(
    tx: Transaction,
    latest: PriceTable,
    change: RegionalChange,
    actor: string,
    why: { reason: string; breaches: Breach[]; requestId?: string }
  ): Promise<number> {
    const succession = succeed(latest, change);
    if (succession.type === 'overlaps')
      throw invalid('effectiveFrom', `must be after the start and end of version ${succession.version}`);
    const { ended, next } = succession;
    const key = { kind: 'price_table' as const, id: latest.id };
    await endPricingVersion(
      tx,
      { ...key, version: ended.version },
      new Date(ended.effectiveTo ?? change.effectiveFrom),
      ended
    );
    await insertPricingVersion(tx, {
      ...key,
      version: next.version,
      effectiveFrom: new Date(next.effectiveFrom),
      effectiveTo: null,
      document: next,
      actor
    });
    await appendEvents(tx, [
      pricingEvent('pricing.version_created', latest.id, actor, {
        version: next.version,
        regionId: change.regionId,
        before: latest.regional[change.regionId],
        after: change.coefficients,
        effectiveFrom: new Date(change.effectiveFrom).toISOString(),
        ...why
      })
    ]);
    return next.version;
  }
}

const pricingEvent = (type: string, tableId: string, actor: string, payload: Record<string, unknown>) => ({
  type,
  aggregateType: 'price_table',
  aggregateId: tableId,
  actor,
  payload
});
