// Profiles the edge worker's start-up and first requests in WebAssembly
// under Node, the same module and glue as under workerd: compiling the
// module, instantiating it, running Go until it is ready (what worker.mjs
// does at isolate start), and the first requests. It prints each phase's
// CPU time and the functions that took the most of Go's start, by their own
// time (a sampling profile through node:inspector).
//
//   GOOS=js GOARCH=wasm go build -trimpath -o /tmp/worker.wasm ./wasm/worker   # keeps the names
//   node --no-wasm-lazy-compilation wasm/worker/e2e/testdata/profile/start.mjs /tmp/worker.wasm "$(go env GOROOT)/lib/wasm/wasm_exec.js"
//
// Build the worker's inputs first (go run ./build). Without
// --no-wasm-lazy-compilation, V8 compiles each function on its first call
// and that compiling lands in whichever phase calls it first.
import fs from "node:fs";
import inspector from "node:inspector/promises";

const [wasm, wasmExec, top = "25"] = process.argv.slice(2);
await import(wasmExec);
// Node loads its fetch API lazily; workerd has it built in.
await new Response(new Uint8Array(1)).arrayBuffer();
new Request("http://x/", { method: "POST", body: "x" });

const session = new inspector.Session();
session.connect();
await session.post("Profiler.enable");
await session.post("Profiler.setSamplingInterval", { interval: 100 });
const cpu = (since) => {
  const u = process.cpuUsage(since);
  return ((u.user + u.system) / 1000).toFixed(1) + " ms";
};

let t = process.cpuUsage();
const module = new WebAssembly.Module(fs.readFileSync(wasm));
console.log("compile the module:", cpu(t));

globalThis.context = { binding: {} };
const go = new Go();
let ready = false;
await session.post("Profiler.start");
t = process.cpuUsage();
const instance = new WebAssembly.Instance(module, { ...go.importObject, workers: { ready: () => (ready = true) } });
console.log("instantiate:", cpu(t));
t = process.cpuUsage();
go.run(instance);
console.log("Go's start until Ready:", cpu(t), ready ? "" : "(not ready!)");
const { profile } = await session.post("Profiler.stop");

for (const path of ["/v1/lookup?code=AADSTS50011", "/v1/lookup?code=AADSTS50011", "/v1/search?q=reply+url+does+not+match", "/v1/search?q=reply+url+does+not+match"]) {
  t = process.cpuUsage();
  const resp = await context.binding.handleRequest(new Request("http://127.0.0.1" + path));
  await resp.arrayBuffer();
  console.log(path, resp.status, cpu(t));
}

// Own time per function, and time under each Go package's functions.
const self = new Map();
const under = new Map();
const byID = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
profile.samples.forEach((id, i) => {
  const us = profile.timeDeltas[i + 1] ?? 0;
  const name = byID.get(id).callFrame.functionName || "(anonymous)";
  self.set(name, (self.get(name) ?? 0) + us);
  const seen = new Set();
  for (let n = id; n !== undefined; n = parent.get(n)) {
    const f = byID.get(n).callFrame.functionName;
    if (f && !seen.has(f)) {
      seen.add(f);
      under.set(f, (under.get(f) ?? 0) + us);
    }
  }
});
const total = [...self.values()].reduce((a, b) => a + b, 0);
console.log(`\nown time in the start's profile (${(total / 1000).toFixed(1)} ms sampled):`);
for (const [name, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
}
console.log("\ntime under each function (itself and what it calls):");
for (const [name, us] of [...under].sort((a, b) => b[1] - a[1]).slice(0, Number(top))) {
  console.log(`${(us / 1000).toFixed(1).padStart(8)} ms  ${name}`);
}
process.exit(0);
