/**
 * Derived fields (a total computed as the sum of other fields) must not reach themselves: P_STU = P_NOO + P_STU
 * would never settle. Returns each cycle once, as the chain of ids that closes it (A → B → A).
 */
export function derivedCycles(fields: readonly { id: string; derived?: readonly string[] | null }[]): string[][] {
  const parts = new Map(fields.map((f) => [f.id, f.derived ?? []]));
  const state = new Map<string, 'open' | 'done'>();
  const cycles: string[][] = [];
  const visit = (id: string, path: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'open') {
      cycles.push([...path.slice(path.indexOf(id)), id]);
      return;
    }
    state.set(id, 'open');
    for (const p of parts.get(id) ?? []) if (parts.has(p)) visit(p, [...path, id]);
    state.set(id, 'done');
  };
  for (const f of fields) visit(f.id, []);
  return cycles;
}
