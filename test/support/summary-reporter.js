// Writes the run's totals to test-results/summary.json and prints the plain closing line
// `tests: N passed, N failed` that CI reads (jest's own summary is not read by CI).
const fs = require('node:fs');
const path = require('node:path');

class SummaryReporter {
  constructor(globalConfig) {
    this.rootDir = globalConfig.rootDir;
  }

  onRunComplete(_contexts, results) {
    const projects = {};
    for (const file of results.testResults) {
      const name = (file.displayName && file.displayName.name) || 'default';
      const counts = (projects[name] = projects[name] || { passed: 0, failed: 0 });
      counts.passed += file.numPassingTests;
      counts.failed += file.numFailingTests + (file.testExecError ? 1 : 0);
    }
    const summary = {
      passed: results.numPassedTests,
      failed: results.numFailedTests + results.numRuntimeErrorTestSuites,
      skipped: results.numPendingTests + results.numTodoTests,
      suites: results.numTotalTestSuites,
      projects,
    };
    const dir = path.join(this.rootDir, 'test-results');
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'summary.json'), `${JSON.stringify(summary)}\n`);
    const perProject = Object.entries(projects)
      .map(([name, c]) => `${name} ${c.passed}${c.failed ? ` (${c.failed} failed)` : ''}`)
      .join(', ');
    process.stdout.write(`\nby project: ${perProject}`);
    process.stdout.write(`\ntests: ${summary.passed} passed, ${summary.failed} failed\n`);
  }
}

module.exports = SummaryReporter;
