// Prints one plain closing line after jest's own summary, e.g. "jest: 545 passed, 0 failed, 0 skipped",
// so that a reader of the log (or CI) sees the counts without parsing jest's table.
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const skipped = results.numPendingTests + results.numTodoTests;
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    process.stdout.write(`\njest: ${results.numPassedTests} passed, ${failed} failed, ${skipped} skipped\n`);
  }
}
module.exports = SummaryReporter;
