// Doyensec's Electronegativity over the whole tree (node_modules and build output aside): fails
// on any HIGH or MEDIUM finding that scripts/electronegativity-accepted.json does not accept
// with a reason, on an accepted entry that no longer matches anything, and on a source file it
// could not parse. Offline: the tool's translation download is answered locally, and its check
// that downloads Electron's release list is excluded (see the accepted file).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] ?? '.');
const require = createRequire(import.meta.url);
const toolDir = dirname(require.resolve('@doyensec/electronegativity/package.json'));
const config = JSON.parse(
  readFileSync(new URL('./electronegativity-accepted.json', import.meta.url), 'utf8'),
);

// At start the tool fetches translations from S3 with `got` (a 1 s timeout, then its bundled
// English). Answer that request here, so the scan never leaves the machine.
const gotPath = require.resolve('got', { paths: [join(toolDir, 'dist', 'locales')] });
const offline = () => Promise.reject(new Error('offline: using the bundled translations'));
require.cache[gotPath] = {
  id: gotPath,
  filename: gotPath,
  loaded: true,
  exports: Object.assign(offline, { default: offline, __esModule: true }),
};
const run = require(join(toolDir, 'dist', 'runner.js'));

/** Build output and tool folders: the same code as the sources, or not ours. */
const IGNORED = [
  'out/',
  'dist/',
  'dist-web/',
  'test-results/',
  'playwright-report/',
  'bench/.dist/',
  '.tsbuild/',
  'bench/results/',
];
const ours = (file) => !IGNORED.some((folder) => file.startsWith(folder));
const rel = (file) => (file.startsWith('/') ? relative(root, file) : file).split('\\').join('/');

const silence = console.log;
console.log = () => undefined; // the tool's own progress lines
let result;
try {
  result = await run({
    input: root,
    output: null,
    isSarif: false,
    customScan: [],
    excludeFromScan: config.excludedChecks.map((c) => c.check),
    severitySet: 'informational',
    confidenceSet: 'tentative',
    isRelative: true,
    parserPlugins: [],
  });
} finally {
  console.log = silence;
}

const issues = result.issues
  .map((issue) => ({ ...issue, file: rel(issue.file) }))
  .filter((issue) => ours(issue.file));
const parseErrors = result.errors
  .map((error) => ({ ...error, file: rel(error.file) }))
  .filter((error) => ours(error.file) && !error.tolerable);
const blocking = (issue) => ['HIGH', 'MEDIUM'].includes(issue.severity.name);
const acceptedFor = (issue) =>
  config.accepted.find((a) => a.id === issue.id && a.file === issue.file);

console.log(
  `Electronegativity ${require('@doyensec/electronegativity/package.json').version}: ${result.atomicChecks} atomic and ${result.globalChecks} global checks, ${issues.length} findings in our files`,
);
for (const issue of issues) {
  const verdict = blocking(issue) ? (acceptedFor(issue) ? 'accepted' : 'REFUSED') : 'note';
  console.log(
    `  ${issue.severity.name.padEnd(13)} ${issue.confidence.name.padEnd(9)} ${issue.id.padEnd(28)} ${`${issue.file}:${issue.location?.line ?? '?'}`.padEnd(36)} ${verdict}`,
  );
}

const refused = issues.filter((issue) => blocking(issue) && !acceptedFor(issue));
const stale = config.accepted.filter(
  (a) => !issues.some((issue) => issue.id === a.id && issue.file === a.file),
);
for (const issue of refused)
  console.error(
    `REFUSED ${issue.id} in ${issue.file}:${issue.location?.line}: ${issue.description} (${issue.shortenedURL}). Fix it, or accept it with a reason in scripts/electronegativity-accepted.json.`,
  );
for (const a of stale)
  console.error(
    `STALE accepted entry ${a.id} in ${a.file}: nothing matches it any more; remove it.`,
  );
for (const error of parseErrors)
  console.error(
    `UNCHECKED ${error.file}: Electronegativity could not parse it (${error.message}).`,
  );
const ok = refused.length === 0 && stale.length === 0 && parseErrors.length === 0;
console.log(
  ok ? 'No HIGH or MEDIUM finding beyond the accepted ones.' : 'Electronegativity failed.',
);
process.exit(ok ? 0 : 1);
