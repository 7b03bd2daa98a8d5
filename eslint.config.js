import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const restricted = (patterns, message) =>
  patterns.map((group) => ({ group: [group], message, allowTypeImports: true }));

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
  // One module owns each library in the renderer.
  {
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/src/db/**', 'renderer/src/sync/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: restricted(
            ['rxdb', 'rxdb/*', 'dexie'],
            'Only renderer/src/db (and src/sync) speak RxDB.',
          ),
        },
      ],
    },
  },
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
