/** A region's or city's name in the page's language; its id when the map data does not know it. */
export function placeName(
  features: readonly { properties: { id: string; name: string; nameEn: string } }[],
  id: string,
  zh: boolean
): string {
  const p = features.find((f) => f.properties.id === id)?.properties;
  return p ? (zh ? p.name : p.nameEn) : id;
}
