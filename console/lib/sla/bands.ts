// How each SLA band looks: a colour and a shape, and always its name beside them, so no one has to
// tell red from amber at 3 m (or at all).
import type { SlaBand } from '$realtime/contract';

export const SLA_BANDS = ['breached', 'warning', 'on_track', 'paused'] as const satisfies readonly SlaBand[];
type Missing = Exclude<SlaBand, (typeof SLA_BANDS)[number]>;
const _everyBandListed: [Missing] extends [never] ? true : Missing = true;
void _everyBandListed;

export const BAND_STYLE: Record<SlaBand, { icon: string; color: string; tagBg: string; tagFg: string }> = {
  breached: { icon: '✕', color: '#f87171', tagBg: '#dc2626', tagFg: '#fff' },
  warning: { icon: '▲', color: '#fbbf24', tagBg: '#f59e0b', tagFg: '#111827' },
  on_track: { icon: '✓', color: '#34d399', tagBg: '#065f46', tagFg: '#ecfdf5' },
  paused: { icon: '‖', color: '#94a3b8', tagBg: '#334155', tagFg: '#f8fafc' }
};
