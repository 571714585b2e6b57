// Type-aware lint for the whole repository (server, shared, client, tests, benchmarks,
// scripts). Formatting is Prettier's job (`prettier --check` runs beside this in `npm run lint`).
import js from '@eslint/js'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  { ignores: ['node_modules/', 'client/dist/', 'dist/', 'data/', 'coverage/', 'bench/results/', 'bench/.server/'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Storage, relay and route handlers implement async interfaces; an implementation that
      // happens to need no await is still correct.
      '@typescript-eslint/require-await': 'off',
      // Yjs declares no toString on Y.Text, which has one.
      '@typescript-eslint/no-base-to-string': [
        'error',
        { ignoredTypeNames: ['YText', 'Error', 'RegExp', 'URL', 'URLSearchParams'] },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Vitest's describe-scoped helpers are destructured from plain objects of arrow functions.
    files: ['test/**/*.ts'],
    // JSON bodies in tests are `any` on purpose: `expect` is the check of their shape.
    rules: {
      '@typescript-eslint/unbound-method': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
    },
  },
  {
    files: ['client/src/**/*.tsx', 'client/src/**/*.ts'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', setInterval: 'readonly', clearInterval: 'readonly', console: 'readonly' },
    },
  },
)
