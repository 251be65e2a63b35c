/**
 * Copies the fields present in `input` to their column names. `undefined` means "not sent"; null is a value.
 * Plane's API and our columns differ only in case and `_id` suffixes, so the mapping tables stay small.
 */
export function mapFields<I extends object, C extends string>(
  input: I,
  columns: Partial<Record<keyof I, C>>,
): Partial<Record<C, unknown>> {
  const out: Partial<Record<C, unknown>> = {};
  for (const [key, column] of Object.entries(columns) as Array<[keyof I, C]>) {
    if (input[key] !== undefined) out[column] = input[key];
  }
  return out;
}

/** The fields whose value differs between two snapshots. */
export function changedKeys<T extends object>(before: T, after: Partial<T>): Array<keyof T> {
  return (Object.keys(after) as Array<keyof T>).filter(
    (key) => after[key] !== undefined && JSON.stringify(after[key]) !== JSON.stringify(before[key]),
  );
}
