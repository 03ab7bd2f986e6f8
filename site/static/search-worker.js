// authcodes search worker: runs the WebAssembly module off the page's main
// thread. The page sends {type: "init", exec, wasm} once, then {id, fn, args}
// calls; the worker answers {type: "ready"} and {id, result}, where result is
// the plain object the module's JSON describes (or {error}).
"use strict";

let ready = null;

async function start(execURL, wasmURL) {
  importScripts(execURL); // defines Go, the JavaScript half of Go's wasm port
  const go = new Go();
  const opened = new Promise((resolve) => { self.authcodesReady = resolve; });
  const { instance } = await WebAssembly.instantiateStreaming(fetch(wasmURL), go.importObject);
  go.run(instance);
  await opened;
  self.postMessage({ type: "ready" });
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    ready = ready || start(msg.exec, msg.wasm);
    return;
  }
  let result;
  try {
    await ready;
    const fn = self.authcodes && self.authcodes[msg.fn];
    result = fn ? JSON.parse(fn(...msg.args)) : { error: "unknown function " + msg.fn };
  } catch (err) {
    result = { error: String((err && err.message) || err) };
  }
  self.postMessage({ id: msg.id, result });
};
