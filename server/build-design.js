// Builds server/waypoint-design.json, the body of `_design/waypoint`, from
// server/waypoint-design.js. Deterministic: the same JS gives the same bytes.
//
//   node server/build-design.js          writes waypoint-design.json
//   node server/build-design.js --check  exits 1 when it is out of date
"use strict";

const fs = require("fs");
const path = require("path");

const SOURCE = path.join(__dirname, "waypoint-design.js");
const OUTPUT = path.join(__dirname, "waypoint-design.json");
const HEAD = "function validate_doc_update(newDoc, oldDoc, userCtx, secObj) {";

// The design document's text for the JS source `js`.
function build(js) {
  const mod = { exports: {} };
  new Function("module", js)(mod);
  const { version, validate_doc_update: fn } = mod.exports;
  if (typeof version !== "string" || !/^\d{4}-\d{2}-\d{2}\.\d+$/.test(version)) {
    throw new Error("waypoint-design.js: version must look like 2026-12-07.1");
  }
  // The function's own source text, verbatim, made anonymous as CouchDB's
  // documentation writes it: `function(newDoc, oldDoc, userCtx, secObj) {…}`.
  const src = fn.toString();
  if (!src.startsWith(HEAD)) {
    throw new Error("waypoint-design.js: the function must start with " + HEAD);
  }
  const ddoc = {
    _id: "_design/waypoint",
    language: "javascript",
    version,
    validate_doc_update: "function(" + src.slice("function validate_doc_update(".length),
  };
  return JSON.stringify(ddoc, null, 2) + "\n";
}

function main() {
  const text = build(fs.readFileSync(SOURCE, "utf8"));
  if (process.argv.includes("--check")) {
    const current = fs.existsSync(OUTPUT) ? fs.readFileSync(OUTPUT, "utf8") : "";
    if (current !== text) {
      console.error("server/waypoint-design.json is out of date: run node server/build-design.js");
      process.exit(1);
    }
    return;
  }
  fs.writeFileSync(OUTPUT, text);
  console.log("wrote " + path.relative(process.cwd(), OUTPUT));
}

module.exports = { build, SOURCE, OUTPUT };

if (require.main === module) main();
