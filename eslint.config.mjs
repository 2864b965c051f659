import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const noElectron = {
  paths: [
    {
      name: 'electron',
      message: 'core, shared and simulator run under plain Node: adapt Electron in electron/main instead.',
    },
  ],
  patterns: [{ group: ['electron/*'], message: 'core, shared and simulator never import Electron.' }],
};

const lineCount = { skipBlankLines: true, skipComments: true };

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    files: ['electron/core/**', 'electron/shared/**', 'electron/simulator/**'],
    rules: { 'no-restricted-imports': ['error', noElectron] },
  },
  {
    // Issue 13's size targets for product code (tests and the simulator are not held to them).
    files: ['electron/core/**', 'electron/main/**', 'electron/shared/**', 'electron/preload/**', 'renderer/src/**'],
    rules: {
      'max-lines': ['error', { max: 300, ...lineCount }],
      'max-lines-per-function': ['error', { max: 60, ...lineCount }],
    },
  },
);
