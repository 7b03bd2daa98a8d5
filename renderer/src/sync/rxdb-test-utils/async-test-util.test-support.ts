/**
 * The two helpers of the `async-test-util` package that RxDB's test-utils plugin imports.
 * RxDB 17 lists neither that package nor `clone` among its dependencies, so vitest.config.ts
 * resolves both to these stand-ins for the plugin's files alone.
 */
export function wait(ms = 0): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

const CHARS = 'abcdefghijklmnopqrstuvwxyz';

export function randomString(length = 12, charset = CHARS): string {
  let text = '';
  for (let i = 0; i < length; i++) text += charset[Math.floor(Math.random() * charset.length)];
  return text;
}
