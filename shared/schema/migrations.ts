/**
 * How a stored record of an older schema version becomes the current one, per collection and
 * target version. Pure, so the desktop's RxDB migration and the server can run the same steps.
 */
export type Migration = (record: Record<string, unknown>) => Record<string, unknown>;

/** Version 1 only named enum values the data already held: the record stays as it was. */
const unchanged: Migration = (record) => record;

export const MIGRATIONS: Partial<Record<string, Record<number, Migration>>> = {
  transactions: { 1: unchanged },
  autorenewals: { 1: unchanged },
};
