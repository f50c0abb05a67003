/** Lower case without accents: "Évaluation" and "evaluation" are the same to a person searching. */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLocaleLowerCase('en-US').trim();
}

/**
 * How well `name` matches `query` (lower is better), or null when it does not contain it.
 * Exact match, then prefix, then the start of a word, then anywhere; ties by shorter name.
 */
export function matchRank(name: string, query: string): number | null {
  const needle = normalizeForSearch(query);
  if (!needle) return 0;
  const haystack = normalizeForSearch(name);
  const at = haystack.indexOf(needle);
  if (at < 0) return null;
  if (haystack === needle) return 0;
  if (at === 0) return 1;
  return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(needle)}`, 'u').test(haystack) ? 2 : 3;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The items whose name contains the query, best matches first, then alphabetically. */
export function searchByName<T>(items: readonly T[], query: string, nameOf: (item: T) => string): T[] {
  return items
    .map((item) => ({ item, rank: matchRank(nameOf(item), query) }))
    .filter((entry): entry is { item: T; rank: number } => entry.rank !== null)
    .sort((a, b) => a.rank - b.rank || nameOf(a.item).localeCompare(nameOf(b.item), 'en-US'))
    .map((entry) => entry.item);
}
