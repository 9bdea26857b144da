/**
 * Plays the Azure Functions Node.js worker for one app entry, in its own process:
 * `@azure/functions-core` (the module the worker provides to apps; without it @azure/functions
 * runs in "test mode" and registers nothing) records every registerFunction(metadata, callback),
 * then the entry is required. Prints one JSON line: the registrations (the binding metadata the
 * host receives) and, for each invocation read from the JSON file in argv[3], what the callback
 * did. Invocations: [{ "function": name, "input": ..., "triggerMetadata": {...} }], or for HTTP
 * [{ "function": name, "http": { method, url, headers, body } }] (made into an HttpRequest).
 * Plain CommonJS so it runs with `node` alone, next to a bundle with no node_modules.
 */
'use strict';
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');

const registrations = [];
const callbacks = new Map();
const core = {
  version: '4.0.0-emulator',
  hostVersion: '4.0.0-emulator',
  setProgrammingModel() {},
  getProgrammingModel() { return undefined; },
  registerHook() { return { dispose() {} }; },
  registerFunction(metadata, callback) {
    registrations.push(metadata);
    callbacks.set(metadata.name, callback);
    return { dispose() {} };
  },
  log() {},
  Disposable: class { dispose() {} },
};
const load = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === '@azure/functions-core') return core;
  return load.call(this, request, parent, isMain);
};

const stderrLines = [];
const origError = console.error;
console.error = (...args) => { stderrLines.push(args.join(' ')); origError(...args); };

async function main() {
  const entry = path.resolve(process.argv[2]);
  require(entry);
  const invocations = process.argv[3] ? JSON.parse(fs.readFileSync(process.argv[3], 'utf8')) : [];
  // The InvocationContext class of the @azure/functions next to the entry (the bundle carries its own).
  const { InvocationContext, HttpRequest } = require(require.resolve('@azure/functions', { paths: [path.dirname(entry), __dirname] }));
  const results = [];
  for (const inv of invocations) {
    const logs = [];
    const callback = callbacks.get(inv.function);
    if (!callback) { results.push({ function: inv.function, error: 'not registered' }); continue; }
    const ctx = new InvocationContext({
      invocationId: `inv-${results.length}`,
      functionName: inv.function,
      triggerMetadata: inv.triggerMetadata ?? {},
      logHandler: (level, ...args) => logs.push(`${level}: ${args.join(' ')}`),
    });
    try {
      const input = inv.http ? new HttpRequest({ method: inv.http.method, url: inv.http.url, headers: inv.http.headers ?? {}, ...(inv.http.body !== undefined ? { body: { string: inv.http.body } } : {}) }) : inv.input;
      const output = await callback(input, ctx);
      // A raw body (the console's pages) is reported as text.
      const body = output && output.body instanceof Uint8Array ? Buffer.from(output.body).toString('utf8') : output && output.body;
      // What the function put in its extra output bindings (e.g. messages for a queue), by binding.
      const reg = registrations.find((r) => r.name === inv.function);
      const extraOutputs = {};
      for (const [key, b] of Object.entries(reg.bindings)) if (b.direction === 'out' && key !== '$return') extraOutputs[b.queueName ?? key] = ctx.extraOutputs.get(key) ?? null;
      results.push({ function: inv.function, ok: true, output: output === undefined ? null : { ...output, ...(body !== undefined ? { body } : {}) }, extraOutputs, logs });
    } catch (error) {
      results.push({ function: inv.function, ok: false, error: error instanceof Error ? error.message : String(error), logs });
    }
  }
  // Exit only once the (large) report is flushed: process.exit right after a write to a pipe cuts it short.
  await new Promise((resolve) => process.stdout.write(`${JSON.stringify({ registrations, results, stderr: stderrLines })}\n`, resolve));
}

main().then(
  () => process.exit(0),
  (error) => { origError(error); process.exit(3); },
);
