// Lint keeps the architecture honest: platform code never reaches into a domain module, and a module
// reaches another module only through its public index.ts.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

// The web app is layered shared (lib, components) → features → app: each layer imports only those before it,
// and a feature never imports another feature (compose them in app/ instead).
const upperLayers = {
  group: ['@/features/**', '@/app/**'],
  message: 'Shared code must not import features or app/.',
};
const otherFeatures = {
  group: ['@/features/**', '@/app/**'],
  message: 'A feature must not import another feature or app/: compose features in app/.',
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', 'data/**', '**/dist/**', 'apps/server/drizzle/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: ['apps/server/src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/modules/**'], message: 'platform/ must not import a domain module.' }] },
      ],
    },
  },
  {
    files: ['apps/server/src/modules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$)',
              message: 'Import another module only through its index.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    // Foreign keys need the referenced table objects, and drizzle-kit loads schema files on their own: a
    // schema file may import another module's schema file, and nothing else of it.
    files: ['apps/server/src/modules/**/*.schema.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.\\./(?!\\.\\./)[^/]+/(?!index\\.ts$)(?![a-z-]+\\.schema\\.ts$)',
              message:
                'A schema file may import another module only through its index.ts or its *.schema.ts.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['apps/web/src/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    files: ['apps/web/src/lib/**', 'apps/web/src/components/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [upperLayers] }] },
  },
  {
    files: ['apps/web/src/features/*/*/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [otherFeatures, { regex: '^(\\.\\./){2,}', message: otherFeatures.message }] },
      ],
    },
  },
  {
    files: ['apps/web/src/features/*/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [otherFeatures, { regex: '^\\.\\./', message: otherFeatures.message }] },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  {
    files: ['apps/web/public/**/*.js'],
    languageOptions: { globals: { window: 'readonly', document: 'readonly' } },
  },
);
