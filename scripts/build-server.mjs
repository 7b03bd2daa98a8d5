// Builds the office server for plain Node: every module of shared/ and server/ has its types
// stripped by esbuild, one file in, one file out, no bundling, so what runs is exactly what
// Node's own ESM loader resolves (the same loader the loads-in-node test uses). Also builds
// the web app the server serves when it has not been built yet.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
  readFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const out = join(root, 'out', 'server');

function sources(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.ts$/.test(name) && !/\.test(-support)?\.ts$/.test(name) ? [path] : [];
  });
}

rmSync(out, { recursive: true, force: true });
const files = [...sources(join(root, 'shared')), ...sources(join(root, 'server'))];
await Promise.all(
  files.map(async (file) => {
    const { code } = await transform(readFileSync(file, 'utf8'), {
      loader: 'ts',
      format: 'esm',
      target: 'node20',
      sourcefile: file,
      sourcemap: 'inline',
    });
    const target = join(out, relative(root, file)).replace(/\.ts$/, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, code);
  }),
);
console.log(`server: ${files.length} modules built into ${relative(root, out)}`);

if (!existsSync(join(root, 'dist-web', 'index.html')) && !process.env.NOLAPSE_SKIP_WEB_BUILD) {
  console.log('server: building the web app it serves (once)…');
  const vite = spawnSync(
    'npx',
    ['vite', 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'],
    {
      cwd: root,
      stdio: 'inherit',
      shell: process.platform === 'win32',
    },
  );
  if (vite.status !== 0) process.exit(vite.status ?? 1);
}
