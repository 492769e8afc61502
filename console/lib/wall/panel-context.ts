import type { Places } from '$lib/api/http';
import type { DepotState } from '$lib/depots/depot-state.svelte';
import type { HeatmapState } from '$lib/insights/heatmap-state.svelte';
import type { SlaBoardState } from '$lib/sla/sla-board.svelte';
import type { SessionUser } from '$realtime/contract';
import type { WallState } from './wall-state.svelte';

/** Everything a rotation panel may draw from; the wall page owns it and keeps it fed by the socket. */
export interface WallPanelContext {
  user: SessionUser;
  places: Places;
  wall: WallState;
  sla: SlaBoardState;
  depots: DepotState;
  heatmap: HeatmapState;
}
