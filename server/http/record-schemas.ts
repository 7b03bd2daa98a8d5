import { Ajv, type ValidateFunction } from 'ajv';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections.js';

/** Says what is wrong with a record, or null when its collection's schema accepts it. */
export type RecordCheck = (record: Record<string, unknown>) => string | null;

const ajv = new Ajv({ strict: false, allErrors: false });
const compiled = new Map<string, ValidateFunction>();

/**
 * The check of a collection's records against the same JSON schema the devices' RxDB holds
 * them to, so one device cannot push a record every other device would fail to store. Null
 * for collections that are not NoLapse's (the replication test suite's).
 */
export function recordCheckOf(collection: string): RecordCheck | null {
  const schema = (COLLECTION_SCHEMAS as Record<string, object>)[collection];
  if (!schema) return null;
  let validate = compiled.get(collection);
  if (!validate) {
    validate = ajv.compile({
      ...schema,
      properties: {
        ...(schema as { properties: object }).properties,
        _deleted: { type: 'boolean' },
      },
    });
    compiled.set(collection, validate);
  }
  const check = validate;
  return (record) => {
    if (check(record)) return null;
    const error = check.errors?.[0];
    const where = error?.instancePath ? `${error.instancePath.slice(1).replace(/\//g, '.')}: ` : '';
    const what =
      error?.keyword === 'required'
        ? `it needs "${String(error.params.missingProperty)}"`
        : error?.keyword === 'additionalProperties'
          ? `"${String(error.params.additionalProperty)}" is not a field of ${collection}`
          : (error?.message ?? 'it does not match the schema');
    return `${where}${what}.`;
  };
}
