/** The side panel's width (CSS px): the map keeps what it draws clear of it. */
export const PANEL_WIDTH = 560;
