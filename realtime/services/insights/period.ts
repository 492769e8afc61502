// The period of an insights query, defaults filled in: 422 naming the field when it is not one.
import { resolvePeriod, type Period } from '../../../dispatcher/insights/heatmap';
import { HttpError } from '../../http/errors';

export function periodOf(q: { from?: Date; to?: Date }, now: Date): Period {
  const decided = resolvePeriod(q.from, q.to, now);
  if (decided.type === 'invalid')
    throw new HttpError(422, 'validation_failed', `invalid input: ${decided.field}`, [
      { path: decided.field, message: decided.message }
    ]);
  return decided.period;
}
