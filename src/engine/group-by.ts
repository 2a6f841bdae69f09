/** Group items by key, keeping first-seen order of keys and items. */
export function groupBy<T>(items: readonly T[], keyOf: (item: T, index: number) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  items.forEach((item, i) => {
    const key = keyOf(item, i);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  });
  return groups;
}
