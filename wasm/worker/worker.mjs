// Entry point of the authcodes edge worker on Cloudflare Workers.
//
// It replaces syumai/workers' generated glue, which starts a new Go instance
// for every request (~14 ms each, and the catalog opened again every time).
// Here Go starts once per isolate, when workerd evaluates this module: the
// module is instantiated and the Go program runs until it has registered its
// handler (through github.com/syumai/workers) and called workers.Ready, all
// before the isolate's first request arrives. A request only calls that
// handler. Only if the program has died (or could not start at isolate
// start) does a request start a new one.
//
// Every answer says where its Go instance started, in Server-Timing
// ("go-start;desc=isolate" or "go-start;desc=request"); the end-to-end tests
// check that a fresh isolate's first request finds Go already running.
//
// Routing: wrangler.toml sends /v1/*, /search/* and / here first; everything
// else is a static asset. /search/ without a query is the static search
// page, and / without ?code= the home page, so they go to the assets
// without touching Go.
import "./wasm_exec.js"; // Go's own glue, copied from GOROOT by the generator
import wasmModule from "./worker.wasm";

// binding is what the running Go program exports (handleRequest);
// syumai/workers reads it as globalThis.context.binding while the program
// initialises. startedAt is where that program started.
let binding;
let startedAt;

// startGo instantiates the module and runs the Go program until it is ready.
// Go's main registers the handler and calls workers.Ready without waiting on
// a timer or on I/O, so go.run returns with the program ready: nothing here
// needs a timeout or an await, which workerd forbids at isolate start.
function startGo(where) {
  const context = { binding: {} };
  globalThis.context = context;
  const go = new Go();
  const restoreCrypto = where === "isolate" ? seedWithoutCrypto(go) : () => {};
  let ready = false;
  const instance = new WebAssembly.Instance(wasmModule, {
    ...go.importObject,
    workers: { ready: () => (ready = true) },
  });
  // main blocks forever once ready, so run settles only if the program
  // dies; the next request then starts a new one.
  go.run(instance).finally(() => {
    if (binding === context.binding) {
      binding = undefined;
    }
  });
  restoreCrypto();
  if (!ready) {
    throw new Error("the Go program did not get ready");
  }
  binding = context.binding;
  startedAt = where;
}

// seedWithoutCrypto lets Go's runtime seed itself at isolate start, where
// workerd refuses crypto.getRandomValues ("Disallowed operation called within
// global scope"). The runtime reads random bytes once as it starts, for its
// hash seeds; those come from Math.random, which workerd seeds per isolate
// and allows there. Every later read (crypto/rand inside a request) gets
// crypto.getRandomValues again, once the program is ready.
function seedWithoutCrypto(go) {
  const getRandomData = go.importObject.gojs["runtime.getRandomData"];
  let starting = true;
  go.importObject.gojs["runtime.getRandomData"] = (sp) => {
    if (!starting) {
      return getRandomData(sp);
    }
    // func getRandomData(r []byte): the slice's pointer and length follow sp.
    const mem = new DataView(go._inst.exports.mem.buffer);
    const ptr = Number(mem.getBigInt64((sp >>> 0) + 8, true));
    const len = Number(mem.getBigInt64((sp >>> 0) + 16, true));
    const bytes = new Uint8Array(go._inst.exports.mem.buffer, ptr, len);
    for (let i = 0; i < len; i++) {
      bytes[i] = Math.floor(Math.random() * 256);
    }
  };
  return () => (starting = false);
}

// warmUp answers the same lookup twenty times at isolate start: V8 compiles
// each WebAssembly function on its first call and optimises what runs often,
// and Go's encoding/json caches each type's encoder on first use, so without
// it the isolate's first requests would pay for compiling, optimising and
// caching the code most requests run (the Request's conversion, routing, the
// lookup, JSON, the Response). Once: a first lookup of 29 ms of CPU in
// workerd; twenty times: 20 ms, for about 65 ms more at start; fifty do no
// better (BENCHMARKS.md). It asks with If-None-Match: * so that each answer
// is a 304: workerd refuses to make a Response with a body outside a request.
const warmUpRounds = 20;

function warmUp() {
  for (let i = 0; i < warmUpRounds; i++) {
    const request = new Request("https://isolate-start.invalid/v1/lookup?code=AADSTS50011", {
      headers: { "If-None-Match": "*" },
    });
    binding.handleRequest(request).catch((err) => console.error("authcodes: the warm-up lookup failed:", err));
  }
}

try {
  startGo("isolate");
  warmUp();
} catch (err) {
  // The first request tries again and reports what failed.
  console.error("authcodes: Go did not start at isolate start:", err);
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/search/") && !url.searchParams.has("q")) {
      return env.ASSETS.fetch(request);
    }
    if (url.pathname === "/" && !url.searchParams.get("code")) {
      return env.ASSETS.fetch(request);
    }
    if (binding === undefined) {
      startGo("request");
    }
    const response = await binding.handleRequest(request);
    response.headers.append("Server-Timing", `go-start;desc=${startedAt}`);
    return response;
  },
};
