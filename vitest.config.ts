import { defineConfig } from 'vitest/config';

// Unit, integration and fault tests (Node). End-to-end tests in Chromium are Playwright's (*.spec.ts).
export default defineConfig({
  test: {
    include: ['shared/src/**/*.test.ts', 'hardware/src/**/*.test.ts', 'apps/*/src/**/*.test.{ts,tsx}', 'tests/**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
