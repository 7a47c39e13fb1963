// The JavaScript side of tests/couch3_double.py: runs design documents'
// `validate_doc_update` functions the way CouchDB 3's query server does
// (apache/couchdb share/server/*.js). One long-lived process, started by the
// double; one JSON line in, one JSON line out:
//
//   in:  {"key": K, "ddoc": {...}, "args": [newDoc, oldDoc, userCtx, secObj]}
//        ("ddoc" only the first time the double sends K: K names one revision
//        of one design document, as CouchDB's {DDocId, Rev} does)
//   out: {"ok": true} | {"forbidden": M} | {"unauthorized": M}
//        | {"error": ID, "reason": R}   what the query server reports as
//                                       ["error", ID, R], or {unknown_error, M}
//        | {"crash": TEXT}              a reply CouchDB cannot read (its
//                                       couch_query_servers.erl case_clause)
//
// It exits when its stdin closes.
"use strict";

const readline = require("readline");
const vm = require("vm");

const ddocs = new Map(); // key -> the design document, its function compiled on first use

// loop.js create_sandbox(): the globals a function sees.
function isArray(obj) {
  return Object.prototype.toString.call(obj) === "[object Array]"; // util.js isArray
}
function sum(values) {
  // views.js Views.sum
  let rv = 0;
  for (const i in values) rv += values[i];
  return rv;
}
function log(message) {
  // util.js log(): CouchDB writes it to its own log, the double to its stderr
  if (typeof message != "string") message = JSON.stringify(message);
  process.stderr.write("couch3_validate log: " + String(message) + "\n");
}

// util.js resolveModule(), for require() inside the design document.
function resolveModule(names, mod, root) {
  if (names.length == 0) {
    if (typeof mod.current != "string") {
      throw ["error", "invalid_require_path", "Must require a JavaScript string, not: " + typeof mod.current];
    }
    return { current: mod.current, parent: mod.parent, id: mod.id, exports: {} };
  }
  const n = names.shift();
  if (n == "..") {
    if (!(mod.parent && mod.parent.parent)) {
      throw ["error", "invalid_require_path", "Object has no parent " + JSON.stringify(mod.current)];
    }
    return resolveModule(names, {
      id: mod.id.slice(0, mod.id.lastIndexOf("/")),
      parent: mod.parent.parent,
      current: mod.parent.current,
    });
  } else if (n == ".") {
    if (!mod.parent) {
      throw ["error", "invalid_require_path", "Object has no parent " + JSON.stringify(mod.current)];
    }
    return resolveModule(names, { parent: mod.parent, current: mod.current, id: mod.id });
  } else if (root) {
    mod = { current: root };
  }
  if (mod.current[n] === undefined) {
    throw ["error", "invalid_require_path", 'Object has no property "' + n + '". ' + JSON.stringify(mod.current)];
  }
  return resolveModule(names, { current: mod.current[n], parent: mod, id: mod.id ? mod.id + "/" + n : n });
}

// util.js Couch.compileFunction(): the source evaluated as an expression in a
// sandbox of its own; anything but a function is a compilation_error.
function compileFunction(source, ddoc, name) {
  if (!source) throw ["error", "not_found", "missing function"];
  const sandbox = vm.createContext({ sum, log, toJSON: JSON.stringify, JSON, isArray });
  const require = function (name, module) {
    module = module || {};
    const newModule = resolveModule(name.split("/"), module.parent, ddoc);
    if (!Object.prototype.hasOwnProperty.call(ddoc._module_cache, newModule.id)) {
      ddoc._module_cache[newModule.id] = {};
      const s = "(function (module, exports, require) { " + newModule.current + "\n });";
      try {
        const func = vm.runInContext(s, sandbox, { filename: newModule.id });
        func.apply(sandbox, [newModule, newModule.exports, (n) => require(n, newModule)]);
      } catch (e) {
        throw ["error", "compilation_error", "Module require('" + name + "') raised error " + String(e)];
      }
      ddoc._module_cache[newModule.id] = newModule.exports;
    }
    return ddoc._module_cache[newModule.id];
  };
  sandbox.require = require;
  if (!ddoc._module_cache) ddoc._module_cache = {};
  let fun;
  try {
    fun = vm.runInContext("(" + source + ")", sandbox, { filename: name });
  } catch (err) {
    throw ["error", "compilation_error", String(err) + " (" + source + ")"];
  }
  if (typeof fun != "function") {
    throw ["error", "compilation_error", "Expression does not eval to a function. (" + String(source) + ")"];
  }
  return fun;
}

// loop.js handleError(): an error the function did not mean as a refusal.
function handleError(e) {
  if (e && (e[0] == "fatal" || e[0] == "error")) {
    return { error: String(e[1]), reason: e[2] === undefined ? null : e[2] };
  }
  if (e && e.name == "InternalError") return { error: e.name, reason: e.message };
  if (e && e.error && e.reason) return { error: String(e.error), reason: e.reason };
  if (e && e.name) return { error: String(e.name), reason: JSON.parse(JSON.stringify(e) || "null") };
  return { error: "unnamed_error", reason: String(e) };
}

// loop.js DDoc.ddoc(): find the function, compile it once (the compiled
// function replaces its source in the cached design document), then
// validate.js Validate.validate(): 1 when it returns, the thrown value when it
// throws anything but an Error (which goes on to handleError).
function run(ddoc, args) {
  let fun = ddoc.validate_doc_update;
  if (!fun) {
    throw ["error", "not_found", "missing validate_doc_update function validate_doc_update on design doc " + ddoc._id];
  }
  if (typeof fun != "function") {
    fun = compileFunction(fun, ddoc, "validate_doc_update");
    ddoc.validate_doc_update = fun;
  }
  try {
    fun.apply(ddoc, args);
    return 1;
  } catch (error) {
    if (error.name && error.stack) throw error; // `throw null` fails right here, a TypeError, as in CouchDB
    return error;
  }
}

// couch_query_servers.erl validate_doc_update/6: what the answer means.
function answer(msg) {
  const ddoc = ddocs.get(msg.key) || msg.ddoc;
  if (!ddoc) return { crash: "unknown design document key " + msg.key };
  ddocs.set(msg.key, ddoc);
  let out;
  try {
    out = run(ddoc, msg.args);
  } catch (e) {
    return handleError(e);
  }
  const text = JSON.stringify(out); // util.js respond(): what CouchDB reads back
  if (text === undefined) return { crash: "the query server printed undefined" };
  const v = JSON.parse(text);
  if (v === 1 || v === true) return { ok: true };
  if (typeof v == "string") return { error: "unknown_error", reason: v };
  if (v && typeof v == "object" && !Array.isArray(v) && Object.keys(v).length == 1) {
    const k = Object.keys(v)[0];
    if (k == "forbidden") return { forbidden: v[k] };
    if (k == "unauthorized") return { unauthorized: v[k] };
    return { error: "unknown_error", reason: v[k] };
  }
  return { crash: "case_clause " + text };
}

const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
lines.on("line", (line) => {
  let reply;
  try {
    reply = answer(JSON.parse(line));
  } catch (e) {
    reply = { crash: String((e && e.stack) || e) };
  }
  process.stdout.write(JSON.stringify(reply) + "\n");
});
lines.on("close", () => process.exit(0));
