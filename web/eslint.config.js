// ESLint for the front end (flat config): typescript-eslint's recommended rules on src/, and
// eslint-plugin-import's no-cycle as an error, so that no module imports one that imports it
// back (app.ts once sat in a 17-file circle). Type-only imports do not count: they leave no
// trace at run time. `npm run lint`; scripts/test.sh runs it as a suite.

import js from '@eslint/js';
import importPlugin from 'eslint-plugin-import';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/'] },
  js.configs.recommended,
  {
    files: ['src/**/*.ts'],
    extends: [tseslint.configs.recommended],
    plugins: { import: importPlugin },
    languageOptions: { globals: globals.browser },
    settings: {
      'import/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import/resolver': { node: { extensions: ['.ts', '.js'] } },
    },
    rules: {
      'import/no-cycle': ['error', { ignoreExternal: true }],
      'import/no-self-import': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // Tests run in Node and hand functions to the page (page.evaluate): both sets of globals.
  {
    files: ['tests/**/*.mjs', '*.js', '*.ts'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
