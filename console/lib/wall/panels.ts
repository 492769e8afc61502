// The panels a rotating wall can show: id (as `?rotate=` names it) → view and catalogue title. A new
// panel is one line here; its component takes the shared context.
import type { Component } from 'svelte';
import type { MessageKey } from '$lib/i18n/messages';
import HeatmapPanel from './HeatmapPanel.svelte';
import MapPanel from './MapPanel.svelte';
import type { WallPanelContext } from './panel-context';
import ProfitWallPanel from './ProfitWallPanel.svelte';
import SlaPanel from './SlaPanel.svelte';

export interface WallPanel {
  title: MessageKey;
  component: Component<{ ctx: WallPanelContext }>;
}

export const WALL_PANELS = {
  map: { title: 'wall.panel.map', component: MapPanel },
  sla: { title: 'wall.panel.sla', component: SlaPanel },
  heatmap: { title: 'wall.panel.heatmap', component: HeatmapPanel },
  profit: { title: 'wall.panel.profit', component: ProfitWallPanel }
} satisfies Record<string, WallPanel>;

export type WallPanelId = keyof typeof WALL_PANELS;
export const WALL_PANEL_IDS = Object.keys(WALL_PANELS) as WallPanelId[];
