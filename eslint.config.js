import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', '.tmp/**', 'apps/server/src/db/migrations/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always', { null: 'ignore' }],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': ['error', { paths: [{ name: '@mantine/core', importNames: ['Textarea'],
        message: "Use components/Textarea: it grows with the browser's field-sizing rather than measuring as it mounts." }] }],
      // a page's first Intl object loads ICU's data (docs/architecture.md, "No Intl on a first load")
      'no-restricted-properties': ['error', ...['toLocaleString', 'toLocaleDateString', 'toLocaleTimeString', 'localeCompare'].map((property) => ({
        property, message: 'Use lib/format.ts (formatNumber, compareText, the London date functions): they start no Intl for everyday values.' }))],
      'no-restricted-syntax': ['error', { selector: "NewExpression[callee.object.name='Intl']",
        message: 'Use lib/format.ts: a page that makes an Intl object loads ICU on its first load.' }],
    },
  },
  { files: ['apps/web/src/lib/format.ts', 'apps/web/**/*.test.ts'], rules: { 'no-restricted-properties': 'off', 'no-restricted-syntax': 'off' } },
  { files: ['e2e/**', 'bench/**', '**/*.test.ts', 'apps/server/test/**'], rules: { 'no-console': 'off' } },
);
