import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', '.quorum/**', 'migrations/**', 'coverage/**', 'manifests/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', Buffer: 'readonly', fetch: 'readonly', structuredClone: 'readonly', AbortController: 'readonly', TextEncoder: 'readonly', TextDecoder: 'readonly', queueMicrotask: 'readonly', setImmediate: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-imports': 'off',
    },
  },
  {
    // The rules are pure: no chat SDK, no database, no file system.
    files: ['src/rules/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: ['@slack/*', 'botbuilder*', '@microsoft/*', 'drizzle-orm', 'drizzle-orm/*', '**/store/*', 'node:fs', 'node:fs/*', 'fs'] }],
    },
  },
  {
    // The platform-neutral core never sees a chat SDK, and reaches the database only through the
    // store's case repository (docs/adr/0008-case-repository.md): no SQL, no tables.
    files: ['src/bot/core/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@slack/*', 'botbuilder*', '@microsoft/*'], message: 'The core is platform-neutral: chat SDKs belong in src/bot/slack and src/bot/teams.' },
            { group: ['drizzle-orm', 'drizzle-orm/*', '**/store/schema*'], message: 'The core works on CaseFacts through the case repository (src/store/repository): no SQL or tables here.' },
          ],
        },
      ],
    },
  },
  {
    // The store is below the bot: it imports nothing from src/bot.
    files: ['src/store/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group: ['**/bot/*', '**/bot/**'], message: 'The store imports nothing from src/bot: define the type in the store and let the core import it.' }] }],
    },
  },
);
