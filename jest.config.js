/** Unit tests (pure logic) and integration tests (the real Strapi on a real database). */
const shared = {
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': '@swc/jest' },
  transformIgnorePatterns: ['/node_modules/', '<rootDir>/dist/', '<rootDir>/tests/app/'],
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/tests/app/dist/'],
  setupFiles: ['<rootDir>/tests/helpers/env.ts'],
};

module.exports = {
  // Booting Strapi takes seconds, more on a busy 2-core machine.
  testTimeout: 60_000,
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/tests/unit/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/tests/integration/**/*.test.ts'],
    },
  ],
};
