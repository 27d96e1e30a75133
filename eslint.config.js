import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import vue from 'eslint-plugin-vue'
import { importX } from 'eslint-plugin-import-x'
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript'
import globals from 'globals'

const clockAndChance = [
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: 'core is pure: pass `now` in.' },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'core is pure: pass `now` in.' },
  { selector: "MemberExpression[object.name='Math'][property.name='random']", message: 'core is pure: pass randomness in.' },
  { selector: "MemberExpression[object.name='process']", message: 'core is pure: no process/env access.' },
]

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'coverage/**', '.data/**', 'sidebar/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.vue'] }, globals: globals.browser },
    rules: { 'vue/multi-word-component-names': 'off', 'vue/max-attributes-per-line': 'off', 'vue/singleline-html-element-content-newline': 'off' },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { 'import-x': importX },
    settings: { 'import-x/resolver-next': [createTypeScriptImportResolver({ project: 'tsconfig.json' })] },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
    },
  },
  {
    files: ['core/**/*.ts'],
    ignores: ['core/**/*.test.ts', 'core/testing.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: ['node:*', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process'], message: 'core is pure: no Node APIs.' },
          { group: ['typeorm', 'pg', 'bullmq', 'ioredis', 'koa', '@koa/*', 'pino', 'sharp', 'tesseract.js'], message: 'core is pure: no I/O libraries.' },
          { group: ['**/io/**', '**/bot/**', '**/worker/**', '**/sidebar/**'], message: 'core may not import the edges.' },
        ],
      }],
      'no-restricted-syntax': ['error', ...clockAndChance],
    },
  },
  {
    files: ['worker/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/bot/**'], message: 'worker never imports bot; shared edges live in io/.' }] }] },
  },
  {
    files: ['bot/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/worker/**'], message: 'bot never imports worker; shared edges live in io/.' }] }] },
  },
)
