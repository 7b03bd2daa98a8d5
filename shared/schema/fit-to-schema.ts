import { formatLimit, YEAR_RANGE } from '../limits.js';
import {
  daysInMonth,
  formatLocalDate,
  CALENDAR_DATE_PATTERN,
  isCalendarDate,
  LOCAL_DATE_PATTERN,
} from '../time/local-date.js';

/** The part of a JSON schema fitting reads: the text bounds, the dates, and where they nest. */
type SchemaNode = {
  readonly type?: unknown;
  readonly maxLength?: number;
  readonly pattern?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly items?: SchemaNode;
  readonly additionalProperties?: boolean | SchemaNode;
};

/** One value a migration had to change, as `keptByMigration` stores it. */
export type KeptValue = { field: string; value: string; note: string; version: number };

/** Length in code points, as JSON schema's maxLength counts it. */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** `text` cut to `max` code points, ending with an ellipsis so the cut shows. */
function shorten(text: string, max: number): string {
  return `${Array.from(text)
    .slice(0, Math.max(0, max - 1))
    .join('')}…`;
}

/**
 * The date in range nearest to what an older build made of `value`: years 0-99 as 1900-1999
 * (Date.UTC read them so, which is how earlier builds counted the days), earlier years as
 * 1900-01-01, later ones as 2199-12-31; null when `value` is no calendar date at all.
 */
function dateInRange(value: string): string | null {
  if (!isCalendarDate(value)) return null;
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7));
  const day = Number(value.slice(8, 10));
  if (year < 100) {
    const read = 1900 + year;
    return formatLocalDate(read, month, Math.min(day, daysInMonth(read, month)));
  }
  if (year < YEAR_RANGE.min) return `${YEAR_RANGE.min}-01-01`;
  return `${YEAR_RANGE.max}-12-31`;
}

const IN_RANGE_DATE = new RegExp(LOCAL_DATE_PATTERN);
const DATE_SHAPE = new RegExp(CALENDAR_DATE_PATTERN);

/** What dates default to when an older record held no date at all: overdue, so people see it. */
const NO_DATE = `${YEAR_RANGE.min}-01-01`;

/**
 * A migration step that fits a record an older build wrote to `schema`'s limits without losing
 * anything: text longer than its field's `maxLength` is shortened there (ending with '…') and
 * kept in full; a date field ('YYYY-MM-DD' in 1900-2199) that holds a date outside the range
 * gets the nearest date in range (see dateInRange) and one that holds no date at all gets
 * 1900-01-01 when the field is required (it then shows as overdue for someone to correct) or
 * is left out when it is optional; each such value is kept as it was. What was kept goes to the
 * record's `keptByMigration` (a derived date, such as a stage's next day, is fitted the same way
 * when it is no date at all), with the field's path ('permits.2.number') and what was done, so
 * the app can show it beside the record. Fields the schema leaves unbounded are never touched,
 * nor is the primary key. A record that already fits comes back unchanged (the same object).
 */
export function fitToSchema(
  schema: SchemaNode & { readonly primaryKey?: unknown },
  version: number,
): (record: Record<string, unknown>) => Record<string, unknown> {
  const primaryKey = typeof schema.primaryKey === 'string' ? schema.primaryKey : 'id';
  return (record) => {
    const kept: KeptValue[] = [];
    const keep = (field: string, value: string, note: string) =>
      kept.push({ field, value, note, version });

    function noDate(value: string, path: string, required: boolean) {
      keep(
        path,
        value,
        required
          ? `"${value}" is not a date: it now reads ${NO_DATE}. Enter the right date.`
          : `"${value}" is not a date and was left out. Enter the right date.`,
      );
      return required ? NO_DATE : undefined;
    }

    function fitText(value: string, node: SchemaNode, path: string, required: boolean) {
      if (node.pattern === CALENDAR_DATE_PATTERN && !DATE_SHAPE.test(value))
        return noDate(value, path, required);
      if (node.pattern === LOCAL_DATE_PATTERN && !IN_RANGE_DATE.test(value)) {
        const nearest = dateInRange(value);
        if (nearest !== null) {
          keep(
            path,
            value,
            `The date ${value} is outside ${YEAR_RANGE.min}-${YEAR_RANGE.max}: it now reads ${nearest}${Number(value.slice(0, 4)) < 100 ? ', the day earlier versions counted with' : ''}. Check it.`,
          );
          return nearest;
        }
        return noDate(value, path, required);
      }
      if (node.maxLength !== undefined && codePoints(value) > node.maxLength) {
        keep(
          path,
          value,
          `Longer than ${formatLimit(node.maxLength)} characters: shortened there, kept here in full.`,
        );
        return shorten(value, node.maxLength);
      }
      return value;
    }

    function fit(value: unknown, node: SchemaNode, path: string, required: boolean): unknown {
      if (typeof value === 'string') return fitText(value, node, path, required);
      if (Array.isArray(value)) {
        const items = node.items;
        if (!items) return value;
        let changed = false;
        const fitted = value.map((item, index) => {
          const next = fit(item, items, `${path}.${index}`, true);
          if (next !== item) changed = true;
          return next;
        });
        return changed ? fitted : value;
      }
      if (typeof value === 'object' && value !== null) return fitObject(value, node, path);
      return value;
    }

    function fitObject(value: object, node: SchemaNode, path: string): object {
      const source = value as Record<string, unknown>;
      let result: Record<string, unknown> | null = null;
      for (const [key, field] of Object.entries(source)) {
        if (path === '' && (key === primaryKey || key === 'keptByMigration')) continue;
        const child =
          node.properties?.[key] ??
          (typeof node.additionalProperties === 'object' ? node.additionalProperties : undefined);
        if (!child) continue;
        const required = node.required?.includes(key) ?? false;
        const next = fit(field, child, path === '' ? key : `${path}.${key}`, required);
        if (next === field) continue;
        result ??= { ...source };
        if (next === undefined) delete result[key];
        else result[key] = next;
      }
      return result ?? value;
    }

    const fitted = fitObject(record, schema, '') as Record<string, unknown>;
    if (kept.length === 0) return fitted;
    const earlier = Array.isArray(record.keptByMigration)
      ? (record.keptByMigration as KeptValue[])
      : [];
    return { ...fitted, keptByMigration: [...earlier, ...kept] };
  };
}
