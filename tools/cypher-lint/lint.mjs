#!/usr/bin/env node
// Neo4j's own Cypher 5 parser and semantic analysis over .cypher files.
//
// Usage: node lint.mjs [--strict] [--labels A,B] [--types R,S] FILE...
//
// Prints one line per diagnostic, `path:line:col: severity: message` (1-based line
// and column), and a summary on stderr. Exit status: 0 clean; 1 when any error or
// deprecation was found (with --strict: any warning at all); 2 on a usage or set-up
// problem. Why deprecations fail: a Neo4j 5 deprecation is a Neo4j 2025+/Cypher 25
// error. Why --strict exists: the other warnings (a cartesian product, a label that
// is not in --labels) are usually real mistakes in shipped queries, so the test
// suite fails on them too, while an ad-hoc run only reports them.
//
// What runs: @neo4j-cypher/language-support's lintCypherQuery, i.e. the ANTLR
// Cypher grammar plus Neo4j's front end (semantic analysis compiled to JavaScript),
// in CYPHER 5 mode. Parameters ($rows, $id, ...) are accepted: the "Parameter $x is
// not defined" diagnostics (raised because no database supplies values) are dropped.
// Functions and procedures are checked against the built-in ones (no APOC/GDS: the
// production server is not assumed to have plugins) from the function/procedure
// listing of a real server that the package ships as `testData.mockSchema`.
// --labels / --types, when given, turn on the "label not in the database" warnings.

import { readFileSync } from 'node:fs';
import * as cypher from '@neo4j-cypher/language-support';

const VERSION = 'CYPHER 5';
const SEVERITY = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };
const DEPRECATED_TAG = 2; // vscode-languageserver-types DiagnosticTag.Deprecated

function die(message) {
  process.stderr.write(`cypher-lint: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const opts = { strict: false, labels: null, types: null, files: [] };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--strict') opts.strict = true;
    else if (arg === '--labels' || arg === '--types') {
      const value = argv[++i];
      if (value === undefined) die(`${arg} needs a comma-separated list`);
      opts[arg.slice(2)] = value.split(',').filter(Boolean);
    } else if (arg === '--help' || arg === '-h') {
      process.stdout.write('usage: node lint.mjs [--strict] [--labels A,B] [--types R,S] FILE...\n');
      process.exit(0);
    } else if (arg.startsWith('--')) die(`unknown option ${arg}`);
    else opts.files.push(arg);
  }
  if (opts.files.length === 0) die('no files given');
  if ((opts.labels === null) !== (opts.types === null)) {
    die('--labels and --types go together (the package checks labels only when it has both)');
  }
  return opts;
}

function builtInSchema(opts) {
  const mock = cypher.testData?.mockSchema;
  const functions = mock?.functions?.[VERSION];
  const procedures = mock?.procedures?.[VERSION];
  if (!functions || !procedures) {
    die('this @neo4j-cypher/language-support no longer ships testData.mockSchema: update lint.mjs');
  }
  const keep = (registry, test) => Object.fromEntries(Object.entries(registry).filter(test));
  const schema = {
    defaultLanguage: VERSION,
    functions: { [VERSION]: keep(functions, ([, fn]) => fn.isBuiltIn === true) },
    procedures: { [VERSION]: keep(procedures, ([name]) => /^(db|dbms|tx)\./.test(name)) },
  };
  if (opts.labels !== null) {
    schema.labels = opts.labels;
    schema.relationshipTypes = opts.types;
  }
  return schema;
}

function isDeprecation(d) {
  return (d.tags ?? []).includes(DEPRECATED_TAG) || /deprecat/i.test(d.message);
}

function lint(text, schema) {
  const { diagnostics } = cypher.lintCypherQuery(text, schema, { consoleCommandsEnabled: false });
  return diagnostics.filter(cypher.isNotParamError);
}

// The package swallows any exception of its semantic analysis and then reports
// nothing, which would look like a clean file: prove that the analysis runs here.
function selfTest(schema) {
  const found = lint('MATCH (n) WHERE exists(n.p) RETURN m, id(n) AS i, $p AS p', schema);
  const has = (re) => found.some((d) => re.test(d.message));
  const missing = [
    [/Variable `m` not defined/, 'an undefined variable'],
    [/exists\(variable\.property\)/, 'Neo4j 4 property existence syntax'],
    [/deprecated/i, 'a deprecated function (id)'],
  ].filter(([re]) => !has(re));
  if (missing.length > 0 || has(/^Parameter /)) {
    const got = found.map((d) => d.message).join(' | ') || 'nothing';
    die(
      `self-test failed, Neo4j's semantic analysis is not working on node ${process.version} ` +
        `(missed: ${missing.map(([, what]) => what).join(', ') || 'none'}; got: ${got})`,
    );
  }
}

const opts = parseArgs(process.argv.slice(2));
const schema = builtInSchema(opts);
selfTest(schema);

const counts = { error: 0, deprecation: 0, warning: 0 };
let failed = false;
for (const path of opts.files) {
  let text;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    die(`cannot read ${path}: ${err.message}`);
  }
  for (const d of lint(text, schema)) {
    const severity = SEVERITY[d.severity] ?? 'error';
    const message = d.message.replace(/\s*\n\s*/g, ' ').trim();
    const { line, character } = d.range.start;
    process.stdout.write(`${path}:${line + 1}:${character + 1}: ${severity}: ${message}\n`);
    if (severity === 'error') counts.error++;
    else if (isDeprecation(d)) counts.deprecation++;
    else counts.warning++;
    if (severity === 'error' || isDeprecation(d) || opts.strict) failed = true;
  }
}
process.stderr.write(
  `cypher-lint: ${opts.files.length} file(s), ${counts.error} error(s), ` +
    `${counts.deprecation} deprecation(s), ${counts.warning} other warning(s)` +
    `${opts.strict ? ' (--strict: warnings fail)' : ''}\n`,
);
process.exit(failed ? 1 : 0);
