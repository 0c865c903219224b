// Writes the reference lines the .NET logger and metrics are compared with (tests/Governance.Functions.Tests/
// Fixtures/powertools/reference.json): run `npm ci && node reference.mjs > ../Governance.Functions.Tests/Fixtures/powertools/reference.json`.
// The inputs are fixed so the bootstrap test can reproduce them: the same environment, Lambda context and trace.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const inputs = {
  service: 'ml-governance',
  functionName: 'governance-audit',
  memoryLimitInMB: '512',
  invokedFunctionArn: 'arn:aws:lambda:us-east-1:123456789012:function:governance-audit',
  awsRequestId: 'c6af9ac6-7b61-11e6-9a41-93e812345678',
  traceHeader: 'Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1',
  metricsNamespace: 'MlGovernance',
};

Object.assign(process.env, {
  POWERTOOLS_SERVICE_NAME: inputs.service,
  POWERTOOLS_METRICS_NAMESPACE: inputs.metricsNamespace,
  POWERTOOLS_LOG_LEVEL: 'INFO',
  AWS_LAMBDA_FUNCTION_NAME: inputs.functionName,
  AWS_LAMBDA_FUNCTION_MEMORY_SIZE: inputs.memoryLimitInMB,
  AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
  _X_AMZN_TRACE_ID: inputs.traceHeader,
});

const require = createRequire(import.meta.url);
const { Logger } = require('@aws-lambda-powertools/logger');
const { Metrics, MetricUnit } = require('@aws-lambda-powertools/metrics');

// Both utilities print one JSON document per line (errors on stderr); keep them instead, in order.
const lines = [];
const capture = (chunk) => {
  for (const text of String(chunk).split('\n').filter((line) => line.trim() !== '')) lines.push(JSON.parse(text));
  return true;
};
const write = process.stdout.write.bind(process.stdout);
const writeError = process.stderr.write.bind(process.stderr);
process.stdout.write = capture;
process.stderr.write = capture;

const context = {
  functionName: inputs.functionName,
  memoryLimitInMB: inputs.memoryLimitInMB,
  invokedFunctionArn: inputs.invokedFunctionArn,
  awsRequestId: inputs.awsRequestId,
  functionVersion: '$LATEST',
  getRemainingTimeInMillis: () => 30000,
};

const logger = new Logger();
logger.info('Logged at INIT, outside any invocation');
logger.addContext(context);
logger.setCorrelationId('evt-1');
logger.info('Event evt-1 ignored', { EventId: 'evt-1' });
// Stacks as they read in a deployed function, so the fixture names no path of the machine that recorded it.
const cause = new TypeError('inner failure');
cause.stack = 'TypeError: inner failure\n    at parse (/var/task/index.js:7:9)\n    at handler (/var/task/index.js:12:11)';
const error = new Error('outer failure', { cause });
error.stack = 'Error: outer failure\n    at handler (/var/task/index.js:14:13)';
logger.error('Handler failed', error);

const metrics = new Metrics({ singleMetric: false });
metrics.setFunctionName(inputs.functionName);
metrics.captureColdStartMetric();
metrics.addMetric('EventsProcessed', MetricUnit.Count, 1);
metrics.publishStoredMetrics();

process.stdout.write = write;
process.stderr.write = writeError;
const versionOf = (name) => JSON.parse(readFileSync(new URL(`./node_modules/${name}/package.json`, import.meta.url))).version;
const version = versionOf('@aws-lambda-powertools/logger');
const metricsVersion = versionOf('@aws-lambda-powertools/metrics');
process.stdout.write(JSON.stringify({
  source: `@aws-lambda-powertools/logger ${version} and @aws-lambda-powertools/metrics ${metricsVersion} (npm), run by tests/powertools-reference/reference.mjs`,
  inputs,
  initLine: lines[0],
  infoLine: lines[1],
  errorLine: lines[2],
  coldStartDocument: lines[3],
  metricDocument: lines[4],
}, null, 2) + '\n');
