/**
 * Time as NoLapse counts it, in one module: office-local dates (`LocalDate`), the one
 * `Instant` type, zones and wall clocks, 'HH:MM' daily times, how people type instants, and
 * the daily schedule with its clock. Nothing here reads the clock: callers pass `now`.
 */
export * from './local-date.js';
export * from './instant.js';
export * from './zone.js';
export * from './daily-time.js';
export * from './office-time.js';
export * from './schedule.js';
export * from './scheduler-clock.js';
