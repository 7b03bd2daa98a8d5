/**
 * The store port's Mango-like selectors as SQL over `docs.data` (jsonb), with the meaning
 * `shared/jobs/store.ts` gives them (matchesSelector): equality by jsonb containment (the GIN
 * index), ranges on text in byte order (collate "C", as JavaScript compares the ISO dates and
 * ids NoLapse ranges over) or on numbers, and a missing field matching no range.
 */
const FIELD = /^[A-Za-z_][A-Za-z0-9_]*$/;

function field(name: string): string {
  if (!FIELD.test(name)) throw new Error(`Not a field name: "${name}"`);
  return name;
}

function placeholder(params: unknown[], value: unknown): string {
  params.push(value);
  return `$${params.length}`;
}

function equality(name: string, value: unknown, params: unknown[]): string {
  if (value === null)
    return `(data -> '${name}' is null or jsonb_typeof(data -> '${name}') = 'null')`;
  return `data @> ${placeholder(params, JSON.stringify({ [name]: value }))}::jsonb`;
}

const RANGE = { $gt: '>', $gte: '>=', $lt: '<', $lte: '<=' } as const;

function range(name: string, op: keyof typeof RANGE, value: unknown, params: unknown[]): string {
  if (typeof value === 'number')
    return `(data ->> '${name}')::numeric ${RANGE[op]} ${placeholder(params, value)}`;
  return `(data ->> '${name}') collate "C" ${RANGE[op]} ${placeholder(params, String(value))} collate "C"`;
}

/** The WHERE clause of a selector (without the office and collection), '' when it has none. */
export function whereOf(selector: Record<string, unknown> | undefined, params: unknown[]): string {
  const parts: string[] = [];
  for (const [key, condition] of Object.entries(selector ?? {})) {
    const name = field(key);
    if (condition === null || typeof condition !== 'object') {
      parts.push(equality(name, condition, params));
      continue;
    }
    for (const [op, value] of Object.entries(condition as Record<string, unknown>)) {
      if (op === '$eq') parts.push(equality(name, value, params));
      else if (op === '$ne') parts.push(`not (${equality(name, value, params)})`);
      else if (op === '$in')
        parts.push(
          `data -> '${name}' = any(${placeholder(
            params,
            (value as unknown[]).map((v) => JSON.stringify(v)),
          )}::jsonb[])`,
        );
      else if (op in RANGE) parts.push(range(name, op as keyof typeof RANGE, value, params));
      else throw new Error(`Unsupported condition ${op} on ${name}`);
    }
  }
  return parts.join(' and ');
}

/** ORDER BY of a query's sort (text fields), ties broken by id as every adapter does. */
export function orderBy(sort: readonly Record<string, 'asc' | 'desc'>[] | undefined): string {
  const keys = (sort ?? []).flatMap((part) => Object.entries(part));
  return [
    ...keys.map(
      ([key, dir]) =>
        `(data ->> '${field(key)}') collate "C" ${dir === 'desc' ? 'desc nulls last' : 'asc nulls first'}`,
    ),
    'id collate "C" asc',
  ].join(', ');
}
