import { z } from 'zod';
import { LIMITS, shortenTo } from '../limits.js';
import type { AutoRenewalPlan } from './model.js';

const leadDays = (label: string) =>
  z
    .number({ error: `${label} must be a number of days.` })
    .int({ error: `${label} must be a whole number of days.` })
    .min(0, { error: `${label} cannot be negative.` })
    .max(3650, { error: `${label} can be at most 3650 days.` });

const webhookSchema = z.strictObject({
  kind: z.literal('webhook'),
  url: z
    .url({
      protocol: /^https?$/,
      error: 'The webhook URL must be a full http:// or https:// address.',
    })
    .max(LIMITS.url, { error: shortenTo('the webhook URL', LIMITS.url) }),
  timeoutMs: z
    .number({ error: 'The webhook timeout must be a number of milliseconds.' })
    .int({ error: 'The webhook timeout must be a whole number of milliseconds.' })
    .min(100, { error: 'The webhook timeout must be at least 100 ms.' })
    .max(60_000, { error: 'The webhook timeout can be at most 60000 ms (one minute).' }),
});

const pluginSchema = z.union([z.literal('renewal-notice'), webhookSchema], {
  error: 'A plugin is either "renewal-notice" or a webhook with a URL and a timeout.',
});

export const autoRenewalPlanSchema = z
  .strictObject({
    id: z
      .string()
      .trim()
      .min(1, { error: 'The plan needs an id.' })
      .max(LIMITS.reference, { error: shortenTo('the plan id', LIMITS.reference) }),
    name: z
      .string()
      .trim()
      .min(1, { error: 'Give the plan a name.' })
      .max(LIMITS.name, { error: shortenTo('the plan name', LIMITS.name) }),
    renewalCreateLeadDays: leadDays('Create lead days'),
    renewalAcceptLeadDays: leadDays('Accept lead days'),
    renewalIssueLeadDays: leadDays('Issue lead days'),
    generateAutoRenewals: z.boolean({
      error: 'Say whether new terms get an auto-renewal (true or false).',
    }),
    newTermDurationMonths: z
      .number({ error: 'The new term duration must be a number of months.' })
      .int({ error: 'The new term duration must be a whole number of months.' })
      .min(1, { error: 'The new term duration must be at least 1 month.' })
      .max(120, { error: 'The new term duration can be at most 120 months.' }),
    plugins: z.array(pluginSchema).default([]),
  })
  .superRefine((plan, ctx) => {
    if (plan.renewalAcceptLeadDays > plan.renewalCreateLeadDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['renewalAcceptLeadDays'],
        message: `Accept lead days (${plan.renewalAcceptLeadDays}) cannot exceed create lead days (${plan.renewalCreateLeadDays}): a renewal is accepted after it is created.`,
      });
    }
    if (plan.renewalIssueLeadDays > plan.renewalAcceptLeadDays) {
      ctx.addIssue({
        code: 'custom',
        path: ['renewalIssueLeadDays'],
        message: `Issue lead days (${plan.renewalIssueLeadDays}) cannot exceed accept lead days (${plan.renewalAcceptLeadDays}): a renewal is issued after it is accepted.`,
      });
    }
  });

export type PlanFieldError = { field: string; message: string };
export type PlanCheck =
  { ok: true; plan: AutoRenewalPlan } | { ok: false; errors: PlanFieldError[] };

/** Validates an auto-renewal plan draft from the settings form; errors name the field and the fix. */
export function validateAutoRenewalPlan(draft: unknown): PlanCheck {
  const result = autoRenewalPlanSchema.safeParse(draft);
  if (result.success) return { ok: true, plan: result.data };
  return {
    ok: false,
    errors: result.error.issues.map((issue) => ({
      field: issue.path.map(String).join('.') || 'plan',
      message:
        issue.code === 'unrecognized_keys'
          ? `Unknown setting${issue.keys.length > 1 ? 's' : ''}: ${issue.keys.join(', ')}.`
          : issue.message,
    })),
  };
}

/** The `config` record that holds the office's auto-renewal plans. */
export const PLANS_CONFIG_ID = 'plans';
export type PlansConfig = { plans: AutoRenewalPlan[] };
