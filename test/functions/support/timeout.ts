// See jest.config.js (functions project): 20 s per test instead of 5 s; a test may still ask for more.
jest.setTimeout(20_000);
