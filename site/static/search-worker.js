// authcodes module worker: runs a WebAssembly module off the page's main
// thread. The page sends {type: "init", exec, wasm, data} once, then
// {id, fn, args} calls; the worker answers {type: "ready", phases} (or {type:
// "ready", error}) and {id, result}, where result is a plain object (or
// {error}), or bytes (a Uint8Array: the decoder's sanitized HAR). Files are
// passed as ArrayBuffers, moved rather than copied. data, when present,
// names the files the module reads at start ({catalog: url, index: url});
// they are fetched beside the module, in parallel, and cached by the
// browser like any other asset. It runs as a dedicated Worker or as a
// SharedWorker, whose pages each talk to it through a port of their own.
"use strict";

let ready = null;

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(url + ": HTTP " + res.status);
  return new Uint8Array(await res.arrayBuffer());
}

// phases is how long the module's start took, in milliseconds, step by
// step: the script of Go's port, the module's and its data's fetch and
// compile (in parallel), and Go's run until the module is open (the
// runtime's start, the catalog decode, the index open). Pages get it with
// the ready message; the start-up benchmark reports it.
const phases = {};

async function start(execURL, wasmURL, data) {
  let t = performance.now();
  const lap = (name) => { const now = performance.now(); phases[name] = now - t; t = now; };
  importScripts(execURL); // defines Go, the JavaScript half of Go's wasm port
  lap("script");
  const files = Object.entries(data || {}).map(async ([name, url]) => [name, await fetchBytes(url)]);
  const go = new Go();
  const opened = new Promise((resolve, reject) => {
    self.authcodesReady = (err) => (err ? reject(new Error(err)) : resolve());
  });
  const compiled = WebAssembly.instantiateStreaming(fetch(wasmURL), go.importObject);
  self.authcodesData = Object.fromEntries(await Promise.all(files));
  const { instance } = await compiled;
  lap("fetch_compile");
  go.run(instance);
  await opened;
  lap("run");
  delete self.authcodesData; // the module has its own copy
}

// answer handles one message from a page, and answers on to (the worker
// itself, or a SharedWorker's port to that page).
async function answer(msg, to) {
  if (msg.type === "init") {
    ready = ready || start(msg.exec, msg.wasm, msg.data);
    ready.then(() => to.postMessage({ type: "ready", phases }),
      (err) => to.postMessage({ type: "ready", error: String((err && err.message) || err) }));
    return;
  }
  let result;
  try {
    await ready;
    const fn = self.authcodes && self.authcodes[msg.fn];
    if (!fn) {
      result = { error: "unknown function " + msg.fn };
    } else {
      // The search module answers objects; the decoder's module JSON text,
      // or bytes. A file goes to the module as bytes.
      const args = msg.args.map((a) => (a instanceof ArrayBuffer ? new Uint8Array(a) : a));
      const out = fn(...args);
      result = typeof out === "string" ? JSON.parse(out) : out;
    }
  } catch (err) {
    result = { error: String((err && err.message) || err) };
  }
  if (result instanceof Uint8Array) to.postMessage({ id: msg.id, result }, [result.buffer]);
  else to.postMessage({ id: msg.id, result });
}

// As a SharedWorker every page of the visit connects with a port of its
// own, and all of them share the one module this worker started; as a
// dedicated Worker the page that created it is the only one.
if (typeof SharedWorkerGlobalScope !== "undefined" && self instanceof SharedWorkerGlobalScope) {
  self.onconnect = (event) => {
    const port = event.ports[0];
    port.onmessage = (e) => answer(e.data, port);
  };
} else {
  self.onmessage = (event) => answer(event.data, self);
}
