/**
 * Schema pieces whose TypeScript type is exact: `as const` makes an enum a readonly tuple,
 * which RxDB's type extraction reads as plain `string`; these keep the union, so the record
 * types derived from the schemas are the domain types and no collection needs a cast.
 */
export function stringEnum<const V extends string>(
  values: readonly V[],
  maxLength?: number,
): { type: 'string'; enum: V[]; maxLength?: number } {
  return maxLength === undefined
    ? { type: 'string', enum: [...values] }
    : { type: 'string', enum: [...values], maxLength };
}

/** An enum that may also be null ('no stage yet'). */
export function nullableEnum<const V extends string>(
  values: readonly V[],
): { type: ['string', 'null']; enum: (V | null)[] } {
  return { type: ['string', 'null'], enum: [...values, null] };
}
