import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * The server runs shared/ under Node's own ESM loader, with no bundler to paper over a
 * CommonJS package's named exports or an extensionless import. Vite and Vitest hide both, so
 * this test strips the types of every non-test module (the TypeScript compiler, no bundling),
 * imports each one in a child `node` process, and runs a rule that needs rrule and one that
 * needs the Temporal polyfill.
 */
const sharedDir = dirname(fileURLToPath(import.meta.url));
const repoRoot = dirname(sharedDir);
// Inside the repository, so the emitted modules resolve packages from its node_modules.
const outDir = join(repoRoot, '.tsbuild', 'node-load-check');

function modulesOf(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return modulesOf(path);
    return name.endsWith('.ts') && !/\.test(-support)?\.ts$/.test(name) ? [path] : [];
  });
}

describe('shared/ under plain Node', () => {
  // Spawns Node and transpiles every module: seconds on a busy 2-core machine, not a hang.
  // It transpiles every module and starts a Node process: seconds alone, more under a full run.
  it('loads every module and runs rules that use rrule and Temporal', { timeout: 30_000 }, () => {
    rmSync(outDir, { recursive: true, force: true });
    const modules = modulesOf(sharedDir);
    const emitted: string[] = [];
    for (const source of modules) {
      const { outputText } = ts.transpileModule(readFileSync(source, 'utf8'), {
        compilerOptions: {
          module: ts.ModuleKind.ESNext,
          target: ts.ScriptTarget.ES2022,
          verbatimModuleSyntax: true,
        },
        fileName: source,
      });
      const target = join(outDir, relative(sharedDir, source)).replace(/\.ts$/, '.js');
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, outputText);
      emitted.push(target);
    }
    expect(emitted.length).toBeGreaterThan(40);

    const script = `
      const files = ${JSON.stringify(emitted)};
      for (const file of files) await import(file);
      const { nextOccurrence } = await import(${JSON.stringify(join(outDir, 'renewals/recurrence.js'))});
      const { instantAtLocal } = await import(${JSON.stringify(join(outDir, 'time/index.js'))});
      console.log(JSON.stringify({
        loaded: files.length,
        weekly: nextOccurrence('FREQ=WEEKLY;BYDAY=MO', '2026-11-23'),
        midnight: instantAtLocal('2026-03-29', 'Europe/Berlin', '02:30'),
      }));
    `;
    const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    expect(JSON.parse(output)).toEqual({
      loaded: emitted.length,
      weekly: '2026-11-30',
      midnight: '2026-03-29T01:00:00.000Z',
    });
  });
});
