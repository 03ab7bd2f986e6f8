// Entry point of the authcodes edge worker on Cloudflare Workers.
//
// It replaces syumai/workers' generated glue, which starts a new Go instance
// for every request (~14 ms each, and the catalog and search index opened
// again every time). Here the WebAssembly module is instantiated once per
// isolate, on its first request, and every later request reuses the
// handleRequest function the running Go program registered.
//
// Routing: wrangler.toml sends /v1/*, /search/* and / here first; everything
// else is a static asset. /search/ without a query is the static search
// page, and / without ?code= the home page, so they go to the assets
// without touching Go.
import "./wasm_exec.js"; // Go's own glue, copied from GOROOT by the generator
import wasmModule from "./worker.wasm";

// binding receives what the Go program exports; syumai/workers reads it
// as globalThis.context.binding while the program initialises.
let binding;
let starting;

function start(env, ctx) {
  starting ??= (async () => {
    const context = { env, ctx, binding: {} };
    globalThis.context = context;
    const go = new Go();
    let ready;
    const isReady = new Promise((resolve) => {
      ready = resolve;
    });
    const instance = new WebAssembly.Instance(wasmModule, {
      ...go.importObject,
      workers: { ready: () => ready() },
    });
    // main blocks forever once ready, so run settles only if the program
    // dies; the next request then starts a new one.
    const exited = go.run(instance).finally(() => {
      binding = undefined;
      starting = undefined;
    });
    await Promise.race([
      isReady,
      exited.then(() => {
        throw new Error("the Go program exited before it was ready");
      }),
    ]);
    binding = context.binding;
  })().catch((err) => {
    starting = undefined;
    throw err;
  });
  return starting;
}

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (url.pathname.startsWith("/search/") && !url.searchParams.has("q")) {
      return env.ASSETS.fetch(request);
    }
    if (url.pathname === "/" && !url.searchParams.get("code")) {
      return env.ASSETS.fetch(request);
    }
    if (binding === undefined) {
      await start(env, ctx);
    }
    return binding.handleRequest(request);
  },
};
