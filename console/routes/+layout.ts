// maplibre-gl and the socket need the browser; the console is a client-rendered app.
export const ssr = false;
