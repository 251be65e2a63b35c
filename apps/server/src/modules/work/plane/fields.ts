/**
 * `fields` and `expand` (contract §1.6): comma-separated, empty items ignored. `fields` keeps only the named
 * serializer fields (unknown names are ignored); `expand` replaces ids by nested objects, which the caller's
 * expander supplies.
 */
export interface Shape {
  fields: string[] | undefined;
  expand: Set<string>;
}

export interface ShapeQuery {
  fields?: string | undefined;
  expand?: string | undefined;
}

function commaList(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

export function parseShape(query: ShapeQuery): Shape {
  const fields = commaList(query.fields);
  return { fields: fields.length > 0 ? fields : undefined, expand: new Set(commaList(query.expand)) };
}

export function pickFields<T extends Record<string, unknown>>(
  object: T,
  fields: string[] | undefined,
): Partial<T> {
  if (!fields) return object;
  const picked: Partial<T> = {};
  for (const name of fields) {
    if (Object.hasOwn(object, name)) picked[name as keyof T] = object[name as keyof T];
  }
  return picked;
}
