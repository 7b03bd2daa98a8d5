import * as rruleModule from 'rrule';

/**
 * rrule ships CommonJS for Node and an ES build for bundlers. Node's own ESM loader (what the
 * server runs) exposes a CommonJS package only as its `default` export, so named imports that
 * work under Vite fail there; this reads the classes from whichever shape was loaded.
 */
const rrule: typeof rruleModule =
  'RRule' in rruleModule
    ? rruleModule
    : (rruleModule as unknown as { default: typeof rruleModule }).default;

export const { RRule, Frequency } = rrule;
