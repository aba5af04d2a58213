import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.data/**', 'packages/db/migrations/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': [
        'error',
        { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read settings from @csphub/config, not process.env.' },
      ],
    },
  },
  {
    // Where reading the environment is the point: config itself, entry points, tests and tooling.
    files: ['packages/config/**', 'apps/server/src/main.ts', 'scripts/**', 'bench/**', 'tests/**', '**/test/**', '**/*.test.ts', 'packages/testing/**', '**/*.config.ts', 'packages/partner-center-emulator/src/cli.ts'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    files: ['packages/domain/**', 'packages/provisioning/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@csphub/db', 'drizzle-orm*', 'pg', '@electric-sql/*'], message: 'The domain and provisioning packages do not touch the database; declare a port.' },
            { group: ['nodemailer', 'hono', '@hono/*'], message: 'The domain and provisioning packages do no HTTP or SMTP; declare a port.' },
          ],
        },
      ],
    },
  },
  {
    // The workflows reach Partner Center through their ports; the server wires the client to them.
    // (Their tests may build a real client against the emulator.)
    files: ['packages/domain/src/**', 'packages/provisioning/src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@csphub/db', 'drizzle-orm*', 'pg', '@electric-sql/*'], message: 'The domain and provisioning packages do not touch the database; declare a port.' },
            { group: ['nodemailer', 'hono', '@hono/*'], message: 'The domain and provisioning packages do no HTTP or SMTP; declare a port.' },
            { group: ['@csphub/partner-center', '@csphub/partner-center/*'], message: 'Workflows call Partner Center through a port (packages/provisioning/src/ports); the server wires the client.' },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
);
