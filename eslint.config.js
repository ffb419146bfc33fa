import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const nodeBuiltins = ['fs', 'path', 'os', 'crypto', 'child_process', 'http', 'https', 'net', 'url', 'stream', 'worker_threads', 'util', 'events', 'zlib', 'buffer', 'readline', 'tls', 'dns'];
const nodeImportPatterns = [...nodeBuiltins, ...nodeBuiltins.map((m) => `node:${m}`), 'node:*'];

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'test-artifacts/**', 'bench/results/**', '.aiser-data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node }, ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron', 'react', 'react-dom'],
        patterns: [
          { group: nodeImportPatterns, message: 'shared/ is pure TypeScript: no Node built-ins.' },
          { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ must not import from electron/ or renderer/.' },
        ],
      }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', '__dirname', 'require'],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      'no-restricted-imports': ['error', {
        paths: ['electron'],
        patterns: [
          { group: ['**/electron/**'], message: 'The renderer talks to main only through the API client (shared/api).' },
          { group: nodeImportPatterns, message: 'The renderer runs sandboxed: no Node built-ins.' },
        ],
      }],
    },
  },
);
