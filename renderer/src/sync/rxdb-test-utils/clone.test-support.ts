/** `clone` as RxDB's test-utils plugin uses it: a deep copy of a JSON schema (see async-test-util.test-support.ts). */
export default function clone<T>(value: T): T {
  return structuredClone(value);
}
