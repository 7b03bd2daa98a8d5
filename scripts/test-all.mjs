// `npm test`: everything CI runs, in order: typecheck, lint, format, the Electron security scan
// (Electronegativity), unit and integration tests (Vitest), then the end-to-end tests in Chromium (Playwright, web mode; Electron specs skip
// without the binary). Ends with one plain line "N passed, N failed, N skipped".
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';

const results = 'test-results';
mkdirSync(results, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };
let ok = true;

function run(title, command, args) {
  console.log(`\n=== ${title}: ${command} ${args.join(' ')}`);
  const status = spawnSync(command, args, {
    stdio: 'inherit',
    shell: process.platform === 'win32',
  }).status;
  if (status !== 0) {
    ok = false;
    console.error(`=== ${title} failed (exit ${status})`);
  }
  return status === 0;
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

run('typecheck', 'npx', ['tsc', '-b']);
run('lint', 'npx', ['eslint', '.']);
run('format', 'npx', ['prettier', '--check', '.', '--log-level', 'warn']);
run('electron security', 'node', ['scripts/electronegativity.mjs']);

rmSync(`${results}/vitest.json`, { force: true });
run('unit and integration', 'npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${results}/vitest.json`,
]);
const vitest = readJson(`${results}/vitest.json`);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + vitest.numTodoTests;
} else {
  ok = false;
}

if (
  run('chromium', 'node', ['scripts/ensure-chromium.mjs']) &&
  run('web build', 'npx', ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'])
) {
  rmSync(`${results}/playwright.json`, { force: true });
  const env = { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: `${results}/playwright.json` };
  console.log('\n=== end to end: npx playwright test');
  const status = spawnSync('npx', ['playwright', 'test', '--reporter=list,json'], {
    stdio: 'inherit',
    env,
  }).status;
  if (status !== 0) ok = false;
  const playwright = readJson(`${results}/playwright.json`);
  if (playwright) {
    totals.passed += playwright.stats.expected + playwright.stats.flaky;
    totals.failed += playwright.stats.unexpected;
    totals.skipped += playwright.stats.skipped;
  } else {
    ok = false;
  }
}

console.log(`\n${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
process.exit(ok && totals.failed === 0 && totals.passed > 0 ? 0 : 1);
