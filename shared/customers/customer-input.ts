import { z } from 'zod';
import { PERMIT_KINDS, PERMIT_STATES, type Customer, type Permit } from '../schema/customer.js';
import { boundedText, dateText } from '../input-rules.js';
import { LIMITS, shortenTo } from '../limits.js';
import type { Instant } from '../time/index.js';

export const customerInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, 'Enter the customer’s full name.')
    .max(LIMITS.name, shortenTo('the name', LIMITS.name)),
  email: boundedText('the email', LIMITS.email)
    .optional()
    .refine(
      (v) => !v || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
      'Enter an email like name@example.com, or leave it empty.',
    ),
  phone: boundedText('the phone number', LIMITS.phone).optional(),
  nationality: boundedText('the nationality', LIMITS.nationality).optional(),
  assigneeId: z
    .string()
    .trim()
    .min(1, 'Choose the agent responsible for this customer.')
    .max(LIMITS.reference, 'Choose the agent from the list.'),
  notes: z.string().max(LIMITS.notes, shortenTo('the notes', LIMITS.notes)).optional(),
});
export type CustomerInput = z.input<typeof customerInput>;

export const permitInput = z.object({
  kind: z.enum(PERMIT_KINDS, { message: 'Choose residence or work permit.' }),
  number: z
    .string()
    .trim()
    .min(1, 'Enter the permit number as printed on the card.')
    .max(LIMITS.number, shortenTo('the permit number', LIMITS.number)),
  state: z.enum(PERMIT_STATES, { message: 'Choose the permit’s state.' }),
  expiresOn: dateText('Enter the expiry as a real date, YYYY-MM-DD.'),
});
export type PermitInput = z.input<typeof permitInput>;

export type Checked<T, K extends string> =
  { ok: true; value: T } | { ok: false; errors: Partial<Record<K, string>> };

function fieldErrors<K extends string>(
  issues: readonly { path: PropertyKey[]; message: string }[],
) {
  const errors: Partial<Record<K, string>> = {};
  for (const issue of issues) errors[String(issue.path[0]) as K] ??= issue.message;
  return errors;
}

/** A new customer from what staff typed; each problem named against its field. */
export function checkCustomer(
  input: CustomerInput,
  context: { id: string; now: Instant },
): Checked<Customer, keyof CustomerInput> {
  const parsed = customerInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  const { name, email, phone, nationality, assigneeId, notes } = parsed.data;
  const optional = Object.fromEntries(
    Object.entries({ email, phone, nationality, notes }).filter(
      ([, v]) => v !== undefined && v !== '',
    ),
  );
  return {
    ok: true,
    value: {
      id: context.id,
      name,
      assigneeId,
      permits: [],
      ...optional,
      createdAt: context.now,
      updatedAt: context.now,
    },
  };
}

export function checkPermit(input: PermitInput, id: string): Checked<Permit, keyof PermitInput> {
  const parsed = permitInput.safeParse(input);
  if (!parsed.success) return { ok: false, errors: fieldErrors(parsed.error.issues) };
  return { ok: true, value: { id, ...parsed.data } };
}
