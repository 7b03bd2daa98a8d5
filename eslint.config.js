import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restricted = (patterns, message) =>
  patterns.map((group) => ({ group: [group], message, allowTypeImports: true }));
/** Imports that reach renderer/src/<folder> from a file one or two folders below src. */
const sibling = (...folders) => folders.map((f) => `^(\\.\\./){1,2}${f}(/.*)?$`);

export default tseslint.config(
  {
    ignores: [
      'out/**',
      'dist/**',
      'dist-web/**',
      '.tsbuild/**',
      'test-results/**',
      'playwright-report/**',
      'bench/results/**',
      'bench/.dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'warn' },
  },
  // Layering: shared/ is the pure domain; it reaches for no runtime, clock or storage.
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts', 'shared/**/*.test-support.ts'],
    rules: {
      'no-restricted-imports': 'off',
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...restricted(
              [
                'electron',
                'node:*',
                'react',
                'react-dom',
                'zustand',
                'rxdb',
                'rxdb/*',
                'dexie',
                'rxjs',
              ],
              'shared/ is pure: pass data in, return a plan.',
            ),
            ...restricted(
              ['**/main/**', '**/preload/**', '**/renderer/**', '**/server/**'],
              'shared/ imports no other layer.',
            ),
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        ...['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration'].map((node) => ({
          selector: `${node}[source.value=/^\\.(?!.*\\.js$)/]`,
          message:
            'Relative imports in shared/ end with .js (./time/index.js): the server loads shared/ with Node, which resolves no extension.',
        })),
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Take `now` as an argument in shared/.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Take `now` as an argument in shared/.',
        },
      ],
    },
  },
  // The server runs under Node's own ESM resolution, like shared/: relative imports name .js.
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['ImportDeclaration', 'ExportNamedDeclaration', 'ExportAllDeclaration'].map((node) => ({
          selector: `${node}[source.value=/^\\.(?!.*\\.js$)/]`,
          message:
            'Relative imports in server/ end with .js: the server runs under plain Node, which resolves no extension.',
        })),
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: restricted(
            ['**/renderer/**', '**/main/**', '**/preload/**', 'react', 'rxdb', 'rxdb/*'],
            'The server runs shared/ jobs over SQL; it imports no app layer.',
          ),
        },
      ],
    },
  },
  // Renderer layers, as VS Code states its own: app/ composes features; features render and
  // dispatch through services; jobs/ runs the runner over db/'s store; db/ knows neither. Type
  // imports may cross a boundary (a feature may name the type of what services hand it).
  // One module also owns each library: only db/ (and sync/) speak RxDB.
  ...Object.entries({
    app: [],
    features: [
      [sibling('app'), 'features never import app/: app/ composes features.'],
      [sibling('db'), 'Features read through services (data), never db/ itself.'],
      [sibling('jobs'), 'Features dispatch through services (jobs), never jobs/ itself.'],
      [
        sibling('sync'),
        'Features reach the office server through services (sync), never sync/ itself.',
      ],
    ],
    sync: [
      [sibling('jobs', 'features', 'app'), 'sync/ replicates db/: it imports no jobs or screens.'],
    ],
    jobs: [[sibling('features', 'app'), 'jobs/ runs outside React: it imports no screen.']],
    db: [
      [
        sibling('jobs', 'features', 'app'),
        'db/ is the bottom layer: it imports no jobs or screens.',
      ],
    ],
    store: [[sibling('db', 'jobs', 'features', 'app'), 'store/ holds UI state only.']],
    platform: [
      [sibling('db', 'jobs', 'features', 'app'), 'platform/ adapts the host, nothing else.'],
    ],
    // The page a worker's signing link opens talks only to the office server.
    sign: [
      [
        sibling('app', 'db', 'jobs', 'sync', 'store', 'platform'),
        'sign/ is a page of its own: no app, local database, jobs or sync; only the server.',
      ],
    ],
  }).map(([folder, rules]) => ({
    files: [`renderer/src/${folder}/**/*.{ts,tsx}`],
    ignores: ['renderer/src/**/*.test.ts', 'renderer/src/**/*.test-support.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...rules.flatMap(([regexes, message]) =>
              regexes.map((regex) => ({ regex, message, allowTypeImports: true })),
            ),
            ...(folder === 'db' || folder === 'sync'
              ? []
              : restricted(
                  ['rxdb', 'rxdb/*', 'dexie'],
                  'Only renderer/src/db (and src/sync) speak RxDB.',
                )),
          ],
        },
      ],
    },
  })),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/store/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'zustand', message: 'Only renderer/src/store imports zustand.' }] },
      ],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/platform/**'],
    rules: {
      'no-restricted-properties': [
        'error',
        {
          object: 'window',
          property: 'nolapse',
          message: 'Only renderer/src/platform touches window.nolapse.',
        },
      ],
    },
  },
);
