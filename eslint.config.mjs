// Lint: typescript-eslint's recommended rules plus the project's construct-library hygiene.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'cdk.out/', 'coverage/', '**/*.js', '**/*.mjs', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // The construct library and policies never print: they report through errors and annotations.
    files: ['constructs/**/*.ts', 'policies/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
);
