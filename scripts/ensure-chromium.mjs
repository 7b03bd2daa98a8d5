// Makes sure a Chromium exists for the end-to-end tests and benchmarks, without ever
// downloading a browser build: NOLAPSE_CHROMIUM, Debian's /usr/bin/chromium (installed with
// apt-get when we are root), or Playwright's own browser on a developer machine.
import { execSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const fromEnv = process.env.NOLAPSE_CHROMIUM;
if (fromEnv) {
  if (!existsSync(fromEnv)) fail(`NOLAPSE_CHROMIUM points to ${fromEnv}, which does not exist.`);
  process.exit(0);
}
if (existsSync('/usr/bin/chromium')) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
if (isRoot && existsSync('/usr/bin/apt-get')) {
  console.log('Installing Debian chromium for the end-to-end tests (apt-get)…');
  try {
    execSync(
      'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium',
      { stdio: 'inherit' },
    );
    if (existsSync('/usr/bin/chromium')) process.exit(0);
  } catch {
    // fall through to Playwright's browser
  }
}

try {
  const { chromium } = await import('@playwright/test');
  if (existsSync(chromium.executablePath())) process.exit(0);
} catch {
  // no Playwright browser either
}
fail(
  'No Chromium found for the end-to-end tests. Install one of:\n' +
    '  - Debian/Ubuntu: sudo apt-get install chromium\n' +
    "  - anywhere else: npx playwright install chromium (Playwright's own browser)\n" +
    '  - or point NOLAPSE_CHROMIUM at a Chromium or Chrome executable.',
);

function fail(message) {
  console.error(message);
  process.exit(1);
}
