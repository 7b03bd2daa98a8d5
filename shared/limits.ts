/**
 * The size limits of what people enter, in one place: the input rules (zod), the forms'
 * `maxLength`, the ops API, the RxDB schemas and the server's sync check all read them, so a
 * value one edge accepts every other edge and every device accepts too. They are generous on
 * purpose: they stop a pasted file or a runaway script, not a long name. Lengths count UTF-16
 * code units, as `String.length` and the HTML `maxLength` attribute do (the JSON schemas count
 * code points, which is never more, so whatever an input rule passes, the schema passes).
 */
export const LIMITS = {
  /** People, customers, workers, staff, offices, templates, products, field labels, job titles. */
  name: 200,
  /** RFC 5321's longest deliverable address. */
  email: 254,
  phone: 60,
  nationality: 80,
  address: 500,
  taxId: 60,
  /** Permit numbers as printed on the card, policy numbers people quote. */
  number: 100,
  /** Free text: customer and renewal notes. */
  notes: 10_000,
  /** Short notes: snooze, in progress, reassignment (they show in the queue and timeline). */
  shortNote: 500,
  /** One value typed into a document field or a worker's profile. */
  fieldValue: 2_000,
  /** A document template's text (per version; a template keeps every version). */
  templateBody: 100_000,
  /** Fields one template may ask for. */
  templateFields: 100,
  /** A repeat rule (RRULE). */
  recurrence: 500,
  /** A service type code (VISA_EXTENSION) or a renewal transaction type. */
  code: 60,
  /** Staff ids, plan ids: references to things the office defined. */
  reference: 120,
  /** A URL people type (webhooks). */
  url: 2_000,
  /**
   * The drawn signature as a data URL, in characters: 192 KiB. A signature drawn on the pad is
   * 5 to 40 KiB; the whole signed document must also fit the sync record limit (256 KiB).
   */
  signatureImage: 192 * 1024,
} as const;

/** The years a date people enter or a record holds may have (the sentinels of "never" aside). */
export const YEAR_RANGE = { min: 1900, max: 2199 } as const;

/** A limit in words for messages: 10,000. */
export function formatLimit(limit: number): string {
  return String(limit).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "Shorten the notes to 10,000 characters or fewer." */
export function shortenTo(what: string, limit: number): string {
  return `Shorten ${what} to ${formatLimit(limit)} characters or fewer.`;
}

/**
 * Bounds of text the jobs compose (event and task titles, event details, notifications) from
 * names and notes people entered: wide enough for the longest names and notes, so a job never
 * fails on its own text.
 */
export const DERIVED_TEXT = {
  title: 1_000,
  detail: 30_000,
  route: 1_000,
} as const;

/** Length of `text` encoded as UTF-8, in bytes. */
export function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      bytes += 4;
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
