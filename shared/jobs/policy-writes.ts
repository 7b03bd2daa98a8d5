import { PolicyRuleError, type RenewalTransaction } from '../policies/model.js';
import { refused } from '../result.js';
import { insert, update } from './plan.js';
import type { Write } from './store.js';

/** A rule refusal as a Result; anything else is a bug and is thrown. */
export function ruleRefusal(error: unknown) {
  if (error instanceof PolicyRuleError) return refused(error.message);
  throw error;
}

/** Writes a transaction: an insert when it is new, else an update from the version read. */
export function transactionWrite(
  next: RenewalTransaction,
  read: readonly RenewalTransaction[],
): Write {
  const before = read.find((tx) => tx.id === next.id);
  return before ? update('transactions', before, next) : insert('transactions', next);
}
