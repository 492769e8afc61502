// What `/wall?rotate=map,sla,heatmap&every=30` asks for, read from the URL. A wall screen is set up once
// and then left alone: a typo must not leave it blank, so anything unusable falls back to the defaults and
// says so (`problems`) for the page to show.

export const DEFAULT_EVERY_SECONDS = 30;
/** Shorter than this and nobody reads a panel before it goes; longer and it is no longer a rotation. */
export const MIN_EVERY_SECONDS = 5;
export const MAX_EVERY_SECONDS = 3600;

export type RotationProblem = 'panels' | 'every';

export interface RotationPlan<Id extends string> {
  panels: Id[];
  everySeconds: number;
  /** What the URL got wrong and was replaced by a default. */
  problems: RotationProblem[];
}

/**
 * Null without `rotate` (the wall stays the interactive one). Unknown panel names are dropped, a repeated
 * one shows once; no known name left means every panel. `every` outside the bounds means the default.
 * `known` is the panel registry's ids, in their default order.
 */
export function parseRotation<Id extends string>(
  params: URLSearchParams,
  known: readonly Id[]
): RotationPlan<Id> | null {
  const rotate = params.get('rotate');
  if (rotate === null) return null;
  const problems: RotationProblem[] = [];

  const asked = rotate
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const panels = [...new Set(asked.filter((s): s is Id => (known as readonly string[]).includes(s)))];
  if (panels.length === 0 || asked.some((s) => !(known as readonly string[]).includes(s)))
    problems.push('panels');

  const everyText = params.get('every');
  const every = everyText === null ? DEFAULT_EVERY_SECONDS : Number(everyText);
  const everyOk =
    everyText === null ||
    (everyText.trim() !== '' &&
      Number.isFinite(every) &&
      every >= MIN_EVERY_SECONDS &&
      every <= MAX_EVERY_SECONDS);
  if (!everyOk) problems.push('every');

  return {
    panels: panels.length > 0 ? panels : [...known],
    everySeconds: everyOk ? every : DEFAULT_EVERY_SECONDS,
    problems
  };
}

export type RotationKey = 'next' | 'prev' | 'pause';

/** The rotation's keys: ←/→ step, space pauses and resumes. */
export function rotationKey(key: string): RotationKey | null {
  if (key === 'ArrowRight') return 'next';
  if (key === 'ArrowLeft') return 'prev';
  if (key === ' ') return 'pause';
  return null;
}
