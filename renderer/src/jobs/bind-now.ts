import type { Instant } from '../../../shared/time';

/** Operations with their first argument, the instant they happen, supplied by the host. */
export type Bound<T> = {
  [K in keyof T]: T[K] extends (at: Instant, ...args: infer A) => infer R
    ? (...args: A) => R
    : T[K] extends object
      ? Bound<T[K]>
      : T[K];
};

/** Binds every operation (at any depth) to the host's clock: `f(at, ...args)` becomes `f(...args)`. */
export function bindNow<T extends object>(operations: T, now: () => Instant): Bound<T> {
  return Object.fromEntries(
    Object.entries(operations).map(([key, value]) => [
      key,
      typeof value === 'function'
        ? (...args: unknown[]) => (value as (...a: unknown[]) => unknown)(now(), ...args)
        : bindNow(value as object, now),
    ]),
  ) as Bound<T>;
}
