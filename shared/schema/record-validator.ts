import { formatLimit } from '../limits.js';
import { LOCAL_DATE_PATTERN } from '../time/local-date.js';

/** One reason a record does not fit its schema: where ('permits.2.number'; '' = the record). */
export type RecordProblem = { path: string; message: string };

/** The problems of `record` against one schema; empty when it fits. */
export type RecordValidator = (record: unknown) => RecordProblem[];

type Node = Readonly<Record<string, unknown>>;
type Check = (value: unknown, path: string, problems: RecordProblem[]) => void;

/** Keywords that describe or index a schema and check nothing (RxDB's own among them). */
const ANNOTATIONS = new Set([
  'title',
  'description',
  'version',
  'primaryKey',
  'indexes',
  'internalIndexes',
  'encrypted',
  'keyCompression',
  'final',
  'default',
  '$comment',
  'attachments',
  'crdt',
  'sharding',
  'ref',
  'examples',
]);
const CHECKED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'maxLength',
  'minLength',
  'minimum',
  'maximum',
  'multipleOf',
  'pattern',
  'maxItems',
]);

/** Problems stop being collected after this many: a record that bad needs no longer list. */
const MAX_PROBLEMS = 10;

const at = (path: string, key: string | number) => (path === '' ? String(key) : `${path}.${key}`);

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

const TYPE_WORDS: Record<string, string> = {
  string: 'text',
  number: 'a number',
  integer: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  null: 'null',
};

function fitsType(value: unknown, type: string): boolean {
  switch (type) {
    case 'string':
      return typeof value === 'string';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    case 'integer':
      return typeof value === 'number' && Number.isInteger(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'array':
      return Array.isArray(value);
    case 'null':
      return value === null;
    default:
      throw new RangeError(`Schema type "${type}" is not one the record validator knows.`);
  }
}

function codePoints(text: string): number {
  // Fast path: without surrogates, code units are code points.
  if (!/[\uD800-\uDFFF]/.test(text)) return text.length;
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

function show(value: unknown): string {
  const text = typeof value === 'string' ? `"${value}"` : JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

function compile(node: Node, where: string): Check {
  for (const key of Object.keys(node))
    if (!CHECKED.has(key) && !ANNOTATIONS.has(key))
      throw new RangeError(
        `Schema keyword "${key}" at ${where || 'the top'} is not one the record validator checks; add it to shared/schema/record-validator.ts.`,
      );
  const checks: Check[] = [];
  const types =
    node.type === undefined ? null : Array.isArray(node.type) ? node.type : [node.type as string];

  if (typeof node.maxLength === 'number') {
    const max = node.maxLength;
    checks.push((value, path, problems) => {
      if (typeof value !== 'string' || value.length <= max) return;
      const length = codePoints(value);
      if (length > max)
        problems.push({
          path,
          message: `at most ${formatLimit(max)} characters (this has ${formatLimit(length)})`,
        });
    });
  }
  if (typeof node.minLength === 'number') {
    const min = node.minLength;
    checks.push((value, path, problems) => {
      if (typeof value === 'string' && codePoints(value) < min)
        problems.push({ path, message: `at least ${min} characters` });
    });
  }
  if (typeof node.pattern === 'string') {
    const pattern = new RegExp(node.pattern, 'u');
    const isDate = node.pattern === LOCAL_DATE_PATTERN;
    checks.push((value, path, problems) => {
      if (typeof value === 'string' && !pattern.test(value))
        problems.push({
          path,
          message: isDate
            ? `${show(value)} is not a date between 1900 and 2199 written YYYY-MM-DD`
            : `${show(value)} is not in the expected form`,
        });
    });
  }
  if (Array.isArray(node.enum)) {
    const allowed = node.enum as unknown[];
    const set = new Set(allowed);
    checks.push((value, path, problems) => {
      if (!set.has(value))
        problems.push({
          path,
          message: `${show(value)} is not one of ${allowed.map((v) => show(v)).join(', ')}`,
        });
    });
  }
  if (typeof node.minimum === 'number') {
    const min = node.minimum;
    checks.push((value, path, problems) => {
      if (typeof value === 'number' && value < min)
        problems.push({ path, message: `at least ${min} (this is ${value})` });
    });
  }
  if (typeof node.maximum === 'number') {
    const max = node.maximum;
    checks.push((value, path, problems) => {
      if (typeof value === 'number' && value > max)
        problems.push({ path, message: `at most ${max} (this is ${value})` });
    });
  }
  if (typeof node.multipleOf === 'number') {
    const step = node.multipleOf;
    checks.push((value, path, problems) => {
      if (typeof value !== 'number') return;
      const ratio = value / step;
      // Decimal steps (0.01) are not exact in binary: allow rounding noise, as validators do.
      if (Math.abs(ratio - Math.round(ratio)) > 1e-8 * Math.max(1, Math.abs(ratio)))
        problems.push({ path, message: `a multiple of ${step} (this is ${value})` });
    });
  }
  if (typeof node.maxItems === 'number') {
    const max = node.maxItems;
    checks.push((value, path, problems) => {
      if (Array.isArray(value) && value.length > max)
        problems.push({ path, message: `at most ${max} entries (this has ${value.length})` });
    });
  }
  if (node.items !== undefined) {
    if (typeof node.items !== 'object' || Array.isArray(node.items))
      throw new RangeError(`Schema "items" at ${where} must be one schema.`);
    const item = compile(node.items as Node, `${where}[]`);
    checks.push((value, path, problems) => {
      if (!Array.isArray(value)) return;
      for (let i = 0; i < value.length && problems.length < MAX_PROBLEMS; i++)
        item(value[i], at(path, i), problems);
    });
  }
  const properties = (node.properties ?? {}) as Record<string, Node>;
  const propertyChecks = Object.entries(properties).map(
    ([key, child]) => [key, compile(child, at(where, key))] as const,
  );
  const required = (node.required ?? []) as string[];
  const additional = node.additionalProperties;
  const additionalCheck =
    typeof additional === 'object' && additional !== null
      ? compile(additional as Node, at(where, '*'))
      : null;
  if (propertyChecks.length > 0 || required.length > 0 || additional === false || additionalCheck) {
    const known = new Set(Object.keys(properties));
    checks.push((value, path, problems) => {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return;
      const record = value as Record<string, unknown>;
      for (const key of required)
        if (record[key] === undefined) problems.push({ path: at(path, key), message: 'missing' });
      for (const [key, check] of propertyChecks) {
        const field = record[key];
        if (field !== undefined) check(field, at(path, key), problems);
      }
      if (additional === false || additionalCheck)
        for (const key of Object.keys(record)) {
          if (known.has(key) || record[key] === undefined) continue;
          if (additionalCheck) additionalCheck(record[key], at(path, key), problems);
          else problems.push({ path: at(path, key), message: 'is not a field of this record' });
        }
    });
  }

  return (value, path, problems) => {
    if (problems.length >= MAX_PROBLEMS) return;
    if (types && !types.some((type) => fitsType(value, type))) {
      problems.push({
        path,
        message: `must be ${types.map((t) => TYPE_WORDS[t] ?? t).join(' or ')}, not ${TYPE_WORDS[typeOf(value)] ?? typeOf(value)}`,
      });
      return;
    }
    for (const check of checks) check(value, path, problems);
  };
}

/**
 * A validator for records of one JSON schema (the subset NoLapse's schemas use: types,
 * properties, required, additionalProperties, items, enum, length, range, pattern). It runs
 * without `eval`, so it works under the app's strict Content-Security-Policy where ajv cannot,
 * and names every problem by its field in words. A schema keyword it does not know throws at
 * once rather than being skipped, so no rule is ever silently unchecked.
 */
export function recordValidator(schema: object): RecordValidator {
  const check = compile(schema as Node, '');
  return (record) => {
    const problems: RecordProblem[] = [];
    check(record, '', problems);
    return problems;
  };
}

/** Problems in one line: "notes: at most 10,000 characters (this has 12,000); dueDate: missing". */
export function describeProblems(problems: readonly RecordProblem[], max = 3): string {
  const shown = problems
    .slice(0, max)
    .map((p) => (p.path === '' ? p.message : `${p.path}: ${p.message}`));
  const more = problems.length - shown.length;
  return more > 0 ? `${shown.join('; ')}; and ${more} more` : shown.join('; ');
}
