import { formatLimit, LIMITS } from '../../shared/limits.js';
import { COLLECTION_SCHEMAS } from '../../shared/schema/collections.js';
import {
  describeProblems,
  recordValidator,
  type RecordValidator,
} from '../../shared/schema/record-validator.js';

/**
 * Says what is wrong with a record, or null when its collection's schema accepts it; `assumed`
 * is the state the writer believes the server holds (null for a new record).
 */
export type RecordCheck = (
  record: Record<string, unknown>,
  assumed?: Record<string, unknown> | null,
) => string | null;

const kib = (length: number) => `${Math.ceil(length / 1024)} KiB`;
const isText = (value: unknown): value is string => typeof value === 'string';

/**
 * What a signed document or a template version holds is immutable and hashed, so the schema
 * leaves it unbounded (no migration may shorten what an older build stored); a push may still
 * not bring in a longer value than the input rules allow. Only values that differ from the
 * assumed state are new: what the server already held passes as it is.
 */
function newContentProblem(
  collection: string,
  record: Record<string, unknown>,
  assumed: Record<string, unknown> | null,
): string | null {
  if (collection === 'instances') {
    const image = record.signatureImage;
    if (isText(image) && image.length > LIMITS.signatureImage && image !== assumed?.signatureImage)
      return `signatureImage: the drawn signature may be at most ${kib(LIMITS.signatureImage)} (this is ${kib(image.length)}).`;
    const data = (record.data ?? {}) as Record<string, unknown>;
    const before = (assumed?.data ?? {}) as Record<string, unknown>;
    for (const [key, value] of Object.entries(data))
      if (isText(value) && value.length > LIMITS.fieldValue && value !== before[key])
        return `data.${key}: at most ${formatLimit(LIMITS.fieldValue)} characters (this has ${formatLimit(value.length)}).`;
  }
  if (collection === 'templates' && Array.isArray(record.versions)) {
    const stored = new Map(
      (Array.isArray(assumed?.versions) ? assumed.versions : []).map((v) => [
        (v as { version?: unknown }).version,
        (v as { body?: unknown }).body,
      ]),
    );
    for (const [index, version] of (record.versions as Record<string, unknown>[]).entries()) {
      const body = version?.body;
      if (isText(body) && body.length > LIMITS.templateBody && stored.get(version.version) !== body)
        return `versions.${index}.body: a document's text may be at most ${formatLimit(LIMITS.templateBody)} characters (this has ${formatLimit(body.length)}).`;
    }
  }
  return null;
}

const compiled = new Map<string, RecordValidator>();

/**
 * The check of a collection's records against the same JSON schema the devices' RxDB holds
 * them to, with the same validator (shared/schema/record-validator.ts), so one device cannot
 * push a record every other device would refuse to store, and the refusal names the field in
 * the words the device would use. Null for collections that are not NoLapse's (the
 * replication test suite's).
 */
export function recordCheckOf(collection: string): RecordCheck | null {
  const schema = (COLLECTION_SCHEMAS as Record<string, { properties: object }>)[collection];
  if (!schema) return null;
  let validate = compiled.get(collection);
  if (!validate) {
    validate = recordValidator({
      ...schema,
      properties: { ...schema.properties, _deleted: { type: 'boolean' } },
      additionalProperties: false,
    });
    compiled.set(collection, validate);
  }
  const check = validate;
  return (record, assumed = null) => {
    const problems = check(record);
    if (problems.length > 0) return `${describeProblems(problems)}.`;
    return newContentProblem(collection, record, assumed);
  };
}
