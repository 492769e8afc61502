// Settlement terms over HTTP: finance and admins read them and store a new version (split ratios per
// region and partner, the milestone schedule), in force from a given instant. A version already stored
// is never rewritten, except that the open-ended one the new version succeeds is ended at its start.
import {
  addPricingVersion,
  appendEvents,
  listPartners,
  listPricingVersions,
  lockPricingDocument,
  type Database,
  type PricingVersionRow
} from '../../db';
import type { Clock } from '../../dispatcher/clock';
import { overlappingVersions } from '../../dispatcher/pricing/versions';
import type { SettlementTerms } from '../../dispatcher/settlement/terms';
import type { Principal } from '../auth/scope';
import type { SettlementTermsView } from '../contract';
import { HttpError } from '../http/errors';
import { SettlementTermsSchema, type SettlementTermsEdit } from '../schemas/pricing';
import type { PricingBook } from './pricing-book';

const EDITORS: readonly Principal['role'][] = ['admin', 'finance'];
const KIND = 'settlement_terms';

const refused = (path: string, message: string) =>
  new HttpError(422, 'validation_failed', `invalid input: ${path}`, [{ path, message }]);

const toView = (rows: readonly PricingVersionRow[]): SettlementTermsView => ({
  versions: rows.map((r) => SettlementTermsSchema.parse(r.document))
});

export class SettlementTermsService {
  constructor(
    private readonly db: Database,
    private readonly book: PricingBook,
    private readonly clock: Clock
  ) {}

  async read(user: Principal): Promise<SettlementTermsView> {
    if (!EDITORS.includes(user.role))
      throw new HttpError(403, 'forbidden', 'only finance and admins see the terms');
    return toView(await listPricingVersions(this.db, KIND));
  }

  async change(user: Principal, input: SettlementTermsEdit): Promise<SettlementTermsView> {
    if (!EDITORS.includes(user.role))
      throw new HttpError(403, 'forbidden', 'only finance and admins change the terms');
    const now = this.clock.now().getTime();
    const { expectedVersion, effectiveFrom = now, ...terms } = input;
    const id = this.book.at(now)?.terms.id;
    if (!id) throw new HttpError(409, 'no_terms', 'no settlement terms are in force to change');
    const known = new Set((await listPartners(this.db)).map((p) => p.id));
    const unknown = Object.keys(terms.byPartner).find((p) => !known.has(p));
    if (unknown !== undefined) throw refused(`byPartner.${unknown}`, 'no such partner');
    // A past start would price orders already quoted under terms they were not quoted with.
    if (effectiveFrom < now) throw refused('effectiveFrom', 'must not be in the past');
    if (terms.effectiveTo !== null && terms.effectiveTo <= effectiveFrom)
      throw refused('effectiveTo', 'must be after effectiveFrom');
    await this.db.transaction(async (tx) => {
      const rows = await lockPricingDocument(tx, KIND, id);
      const latest = rows.at(-1)?.version ?? 0;
      if (latest !== expectedVersion)
        throw new HttpError(409, 'version_conflict', `the terms are at version ${latest}`, undefined, {
          current: toView(rows)
        });
      const next: SettlementTerms = { id, version: latest + 1, effectiveFrom, ...terms };
      const ends = rows.filter((r) => r.effectiveTo === null && r.effectiveFrom.getTime() < effectiveFrom);
      const periods = rows.map((r) => ({
        version: r.version,
        effectiveFrom: r.effectiveFrom.getTime(),
        effectiveTo: ends.includes(r) ? effectiveFrom : (r.effectiveTo?.getTime() ?? null)
      }));
      const clash = overlappingVersions([...periods, next]).find(([, j]) => j === periods.length);
      if (clash) throw refused('effectiveFrom', `overlaps version ${periods[clash[0]]?.version}`);
      await addPricingVersion(
        tx,
        {
          kind: KIND,
          id,
          version: next.version,
          effectiveFrom: new Date(effectiveFrom),
          effectiveTo: next.effectiveTo === null ? null : new Date(next.effectiveTo),
          document: { ...next },
          actor: `user:${user.username}`
        },
        ends
      );
      await appendEvents(tx, [
        {
          type: 'settlement_terms.changed',
          aggregateType: 'settlement_terms',
          aggregateId: id,
          actor: `user:${user.username}`,
          payload: { before: { version: latest }, after: next }
        }
      ]);
    });
    await this.book.reload(this.db);
    return toView(await listPricingVersions(this.db, KIND));
  }
}
