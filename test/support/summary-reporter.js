// Writes the run's totals to test-results/summary.json and prints the plain closing line
// `tests: N passed, N failed` that CI reads (jest's own summary is not read by CI).
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
    };
    const dir = path.join(this.rootDir, 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'summary.json'), `${JSON.stringify(summary)}\n`);
    process.stdout.write(`\ntests: ${summary.passed} passed, ${summary.failed} failed\n`);
  }
}

module.exports = SummaryReporter;
