import type { Site } from '@shared/model/site';

/** Sites whose name, reference or address contain every word typed, case-insensitively. */
export function filterSites<T extends Site>(sites: readonly T[], query: string): readonly T[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return sites;
  return sites.filter((site) => {
    const hay = `${site.name} ${site.id} ${site.address ?? ''}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}
