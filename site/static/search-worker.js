// authcodes module worker: runs a WebAssembly module off the page's main
// thread. The page sends {type: "init", exec, wasm, data} once, then
// {id, fn, args} calls; the worker answers {type: "ready"} (or {type:
// "ready", error}) and {id, result}, where result is a plain object (or
// {error}), or bytes (a Uint8Array: the decoder's sanitized HAR). Files are
// passed as ArrayBuffers, moved rather than copied. data, when present, names the files the module reads at start
// ({catalog: url, index: url}); they are fetched beside the module, in
// parallel, and cached by the browser like any other asset.
"use strict";

let ready = null;

async function fetchBytes(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(url + ": HTTP " + res.status);
  return new Uint8Array(await res.arrayBuffer());
}

async function start(execURL, wasmURL, data) {
  importScripts(execURL); // defines Go, the JavaScript half of Go's wasm port
  const files = Object.entries(data || {}).map(async ([name, url]) => [name, await fetchBytes(url)]);
  const go = new Go();
  const opened = new Promise((resolve, reject) => {
    self.authcodesReady = (err) => (err ? reject(new Error(err)) : resolve());
  });
  const compiled = WebAssembly.instantiateStreaming(fetch(wasmURL), go.importObject);
  self.authcodesData = Object.fromEntries(await Promise.all(files));
  const { instance } = await compiled;
  go.run(instance);
  await opened;
  delete self.authcodesData; // the module has its own copy
}

self.onmessage = async (event) => {
  const msg = event.data;
  if (msg.type === "init") {
    ready = ready || start(msg.exec, msg.wasm, msg.data);
    ready.then(() => self.postMessage({ type: "ready" }),
      (err) => self.postMessage({ type: "ready", error: String((err && err.message) || err) }));
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
  if (result instanceof Uint8Array) self.postMessage({ id: msg.id, result }, [result.buffer]);
  else self.postMessage({ id: msg.id, result });
};
