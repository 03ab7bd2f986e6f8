// authcodes pages: search as you type, keyboard shortcuts and copy buttons.
// Everything here is an enhancement: with JavaScript off the pages and the
// search form work on their own. Strings from the module are only ever put in
// the page as text, never as HTML.
"use strict";

const authcodes = (() => {
  const data = document.body.dataset;
  let worker = null;
  let ready = null;
  let loaded = false;
  let phases = {};
  let seq = 0;
  const pending = new Map();

  // connect opens the module's worker. The search module runs in a
  // SharedWorker where the browser has one, named after the module, so that
  // the pages of a visit open at the same time share one started instance
  // rather than each paying for Go's start, the catalog decode and the
  // index open; elsewhere, and for the decoder's module, in a Worker of the
  // page's own. Either way the page talks to it through postMessage and
  // onmessage, of the worker or of its port.
  function connect() {
    if (window.SharedWorker && data.catalog) {
      const shared = new SharedWorker(data.worker, { name: data.wasm, extendedLifetime: true });
      return shared.port;
    }
    return new Worker(data.worker);
  }

  // start fetches and compiles the module in a worker, once. Pages call
  // it on intent (a focus or a keystroke in a search box, a paste, the
  // decoder page), never on idle: a page left alone fetches no module.
  function start() {
    if (worker || !data.worker || !window.Worker) return ready;
    worker = connect();
    document.documentElement.dataset.module = "loading";
    ready = new Promise((resolve) => {
      worker.onmessage = (event) => {
        const msg = event.data;
        if (msg.type === "ready") {
          phases = msg.phases || {};
          loaded = !msg.error;
          document.documentElement.dataset.module = msg.error ? "failed" : "ready";
          resolve(msg.error);
          return;
        }
        const done = pending.get(msg.id);
        pending.delete(msg.id);
        if (done) done(msg.result);
      };
    });
    const files = data.catalog && data.index ? { catalog: data.catalog, index: data.index } : null;
    worker.postMessage({ type: "init", exec: data.exec, wasm: data.wasm, data: files });
    return ready;
  }

  // call runs one function of the module and resolves with its plain object;
  // a call made while the module is on its way waits for it.
  function call(fn, ...args) {
    const started = start();
    if (!started) return Promise.resolve({ error: "unavailable" });
    return started.then((failed) => failed ? { error: "The search engine did not load: " + failed } : new Promise((resolve) => {
      const id = ++seq;
      pending.set(id, resolve);
      // Files' bytes are moved to the worker, not copied.
      worker.postMessage({ id, fn, args }, args.filter((a) => a instanceof ArrayBuffer));
    }));
  }

  return {
    start, call,
    available: () => Boolean(data.worker && window.Worker),
    loaded: () => loaded,
    // How long the module's start took, step by step (search-worker.js); a
    // page that joined a running SharedWorker gets the start it joined.
    phases: () => phases,
    eager: () => data.load === "now",
  };
})();

// edge asks the same-origin API (/v1/search, the edge worker's, or `build
// serve`'s) while the module is on its way: the same Go ranking, so its
// answers are those the module gives once ready. Only search queries go
// there, never what is pasted into the decoder. Where no API is deployed
// (a static host: 404, or no answer at all) it stops asking and the page
// waits for the module, as it would without it.
const edge = (() => {
  let absent = false;
  let inflight = null;

  function cancel() {
    if (inflight) inflight.abort();
    inflight = null;
  }

  // search resolves with the API's answer in the module's shape, or with
  // null when there is none to show (no API, an error, a newer request).
  async function search(query, limit) {
    cancel();
    if (absent) return null;
    const ctl = new AbortController();
    inflight = ctl;
    try {
      const res = await fetch("/v1/search?limit=" + limit + "&q=" + encodeURIComponent(query),
        { signal: ctl.signal, headers: { Accept: "application/json" } });
      if (res.status === 404 || !(res.headers.get("Content-Type") || "").includes("json")) absent = true;
      return res.ok && !absent ? await res.json() : null;
    } catch (err) {
      if (!ctl.signal.aborted) absent = true; // no answer at all: nobody is there
      return null;
    } finally {
      if (inflight === ctl) inflight = null;
    }
  }

  return { search, cancel };
})();

// el builds an element with text content; children may be elements or strings.
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) node.setAttribute(k, v);
  for (const c of children) node.append(c);
  return node;
}

// snippet renders fragments as text, with matched words in <mark>.
function snippet(fragments) {
  const p = el("p", { class: "snippet" });
  for (const f of fragments || []) p.append(f.match ? el("mark", {}, f.text) : f.text);
  return p;
}

// typeahead turns a search input into a combobox with live results.
function typeahead(input) {
  const form = input.form;
  const list = el("ul", { id: input.id + "-results", class: "typeahead", role: "listbox", "aria-label": "Search results" });
  list.hidden = true;
  form.classList.add("has-typeahead");
  form.append(list);
  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  let latest = 0;
  let active = -1;
  const options = () => Array.from(list.querySelectorAll("[role=option]"));

  function close() {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  }

  function select(i) {
    const opts = options();
    if (!opts.length) return;
    active = (i + opts.length) % opts.length;
    opts.forEach((o, j) => o.setAttribute("aria-selected", String(j === active)));
    input.setAttribute("aria-activedescendant", opts[active].id);
    opts[active].scrollIntoView({ block: "nearest" });
  }

  // shown identifies what the list shows, so that the module's answer to a
  // query the API answered first is laid out again only if it differs.
  let shown = "";

  function render(query, res, source) {
    const key = JSON.stringify([query, res.error, res.total, Boolean(res.capped), res.unknown_code && [res.unknown_code.code, res.unknown_code.provider_name, res.unknown_code.lookup_url],
      (res.hits || []).map((h) => [h.url, h.code, h.provider_name, h.title, (h.snippet || []).map((f) => [f.text, Boolean(f.match)])])]);
    list.dataset.source = source; // who answered: "edge" or "module"
    if (key === shown && !list.hidden) return;
    shown = key;
    list.replaceChildren();
    list.dataset.query = query; // which query the list answers (tests wait on it)
    active = -1;
    const u = res.unknown_code;
    if (res.error) {
      list.append(el("li", { class: "note" }, res.error));
    } else if (u) {
      list.append(el("li", { class: "note unknown" }, el("code", {}, u.code),
        " is not in the catalog. It has the shape of a " + u.provider_name + " code: ",
        el("a", { href: u.lookup_url, rel: "external noopener" }, "look it up at " + u.provider_name),
        res.hits.length ? ". Nearest entries, not the same code:" : "."));
    } else if (!res.hits.length) {
      list.append(el("li", { class: "note" }, "No code matches. Press Enter to search the full text."));
    }
    (res.hits || []).forEach((h, i) => {
      // An option holds no link (nothing interactive inside an option):
      // picking it, by pointer or by Enter, goes to its data-href.
      const hit = el("span", { class: "hit" },
        el("code", {}, h.code), el("span", { class: "prov" }, h.provider_name), el("span", { class: "t" }, h.title));
      const li = el("li", { id: list.id + "-" + i, role: "option", "aria-selected": "false", "data-href": h.url }, hit, snippet(h.snippet));
      li.addEventListener("mousedown", (e) => { e.preventDefault(); location.href = h.url; });
      list.append(li);
    });
    if (res.total > (res.hits || []).length) {
      const more = "/search/?q=" + encodeURIComponent(query);
      const li = el("li", { id: list.id + "-all", role: "option", class: "all", "aria-selected": "false", "data-href": more },
        el("span", { class: "hit" }, "All " + res.total + (res.capped ? "+" : "") + " results"));
      li.addEventListener("mousedown", (e) => { e.preventDefault(); location.href = more; });
      list.append(li);
    }
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  // note shows one line in place of results (a status, not an option).
  function note(text) {
    shown = "";
    list.replaceChildren(el("li", { class: "note", role: "presentation" }, text));
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
  }

  // While the module loads, a pause in typing asks the API (edge); the
  // module's answer replaces it once ready. Until an answer comes, the
  // list keeps what it shows, or says that the engine is loading.
  let pause = 0;
  const current = (n, query) => n === latest && input.value.trim() === query;
  input.addEventListener("input", () => {
    const query = input.value.trim();
    const n = ++latest;
    clearTimeout(pause);
    if (!query) { edge.cancel(); close(); return; }
    if (!authcodes.loaded()) {
      if (list.hidden || !list.querySelector("[role=option]")) note("Loading the search engine…");
      pause = setTimeout(() => {
        edge.search(query, 8).then((res) => {
          if (res && !authcodes.loaded() && current(n, query)) render(query, res, "edge");
        });
      }, 100);
    }
    authcodes.call("search", query, "", "", 8, 0).then((res) => {
      if (!current(n, query)) return;
      clearTimeout(pause);
      edge.cancel();
      render(query, res, "module");
    });
  });
  input.addEventListener("keydown", (e) => {
    if (e.key === "ArrowDown") { e.preventDefault(); if (list.hidden) input.dispatchEvent(new Event("input")); else select(active + 1); }
    else if (e.key === "ArrowUp") { e.preventDefault(); select(active - 1); }
    // Esc on open suggestions closes them and keeps the query; a search
    // input's own Esc, which empties it, is left for a second press.
    else if (e.key === "Escape" && !list.hidden) { e.preventDefault(); close(); }
    else if (e.key === "Enter" && active >= 0) { e.preventDefault(); open(); }
  });
  // A picked result wins over submitting the form, however Enter arrives.
  form.addEventListener("submit", (e) => { if (active >= 0) { e.preventDefault(); open(); } });
  function open() {
    location.href = options()[active].dataset.href;
  }
  input.addEventListener("focus", () => authcodes.start());
  input.addEventListener("paste", () => authcodes.start());
  input.addEventListener("blur", () => setTimeout(close, 150));
}

// copyButtons adds "copy" buttons to an entry page.
function copyButtons(box) {
  const add = (label, text) => {
    const b = el("button", { type: "button", class: "copy" }, label);
    b.addEventListener("click", async () => {
      try {
        await navigator.clipboard.writeText(text);
        b.textContent = "Copied";
      } catch {
        b.textContent = "Copy failed";
      }
      setTimeout(() => { b.textContent = label; }, 1500);
    });
    box.prepend(b);
  };
  add("Copy link", location.origin + location.pathname);
  add("Copy code", box.dataset.code);
}

document.addEventListener("keydown", (e) => {
  const t = e.target;
  const typing = t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName);
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) {
    e.preventDefault();
    const q = document.getElementById("q");
    if (q) q.focus();
  }
});

// The 404 page offers the lookup of the code its address names
// (/entra/AADSTS999123/ gives AADSTS999123), filled in as text.
const notFoundLookup = document.getElementById("nq");
if (notFoundLookup) {
  const last = location.pathname.split("/").filter(Boolean).pop() || "";
  try {
    notFoundLookup.value = decodeURIComponent(last).trim();
  } catch {
    notFoundLookup.value = last;
  }
}

if (authcodes.available()) {
  document.querySelectorAll("form.search input[type=search]").forEach(typeahead);
  // The decoder page is intent enough: it needs its module at once.
  if (authcodes.eager()) authcodes.start();
}
document.querySelectorAll(".actions[data-code]").forEach(copyButtons);

// decoderPage explains what is pasted or dropped into /decode/, in the
// browser. The input goes to the module in the Web Worker and nowhere else; a
// file is read in the page, never uploaded; a share link carries the masked
// input in the URL fragment, which browsers never send to a server.
function decoderPage() {
  const input = document.getElementById("input");
  const result = document.getElementById("result");
  const status = document.getElementById("status");
  const buttons = ["explain", "share", "clear"].map((id) => document.getElementById(id));
  const [explain, share, clear] = buttons;
  const sanitize = document.getElementById("sanitize");
  const fileInput = document.getElementById("file");
  const expectBox = document.getElementById("expect");
  buttons.forEach((b) => { b.hidden = false; });
  document.getElementById("drop").hidden = false;
  expectBox.hidden = false;
  const maxFile = 20 * 1024 * 1024; // the module's MaxHARBytesInPage
  let latest = 0;
  let timer = 0;
  let file = null; // the file chosen or dropped, read again for each use

  // expect is what the app is configured with, as JSON for the module.
  function expect() {
    const out = {};
    for (const i of expectBox.querySelectorAll("input[data-expect]")) {
      if (i.value.trim()) out[i.dataset.expect] = i.value.trim();
    }
    return Object.keys(out).length ? JSON.stringify(out) : "";
  }

  async function run() {
    const n = ++latest;
    let res;
    if (file) {
      if (file.size > maxFile) {
        res = { error: "This file has " + Math.ceil(file.size / 1048576) + " MB; the page reads up to 20 MB. Export only the failing sign-in (clear the network log, sign in again, export), or run authcodes decode FILE.har, which reads up to 50 MB." };
      } else {
        status.textContent = "Reading " + file.name + "…";
        res = await authcodes.call("decodeFile", await file.arrayBuffer(), expect());
      }
    } else {
      const text = input.value;
      if (!text.trim()) { result.replaceChildren(); status.textContent = ""; sanitize.hidden = true; return; }
      status.textContent = "Explaining…";
      res = await authcodes.call("decode", text, expect());
    }
    if (n !== latest) return;
    status.textContent = "";
    sanitize.hidden = !(file && res.kind === "har");
    result.replaceChildren(render(res));
  }

  function useFile(f) {
    if (!f) return;
    file = f;
    input.value = "";
    input.placeholder = "File: " + f.name + " (" + Math.ceil(f.size / 1024) + " KB), read in this page only. Type or paste here to explain text instead.";
    history.replaceState(null, "", location.pathname);
    run();
  }

  input.addEventListener("input", () => {
    file = null;
    clearTimeout(timer);
    timer = setTimeout(run, 120);
  });
  expectBox.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(run, 300); });
  fileInput.addEventListener("change", () => useFile(fileInput.files[0]));
  const zone = document.getElementById("decoder");
  zone.addEventListener("dragover", (e) => { e.preventDefault(); zone.classList.add("dragging"); });
  zone.addEventListener("dragleave", () => zone.classList.remove("dragging"));
  zone.addEventListener("drop", (e) => {
    e.preventDefault();
    zone.classList.remove("dragging");
    useFile(e.dataTransfer && e.dataTransfer.files[0]);
  });
  explain.addEventListener("click", run);
  clear.addEventListener("click", () => {
    input.value = "";
    file = null;
    fileInput.value = "";
    input.placeholder = input.dataset.placeholder || "";
    history.replaceState(null, "", location.pathname);
    run();
    input.focus();
  });
  input.dataset.placeholder = input.placeholder;
  const keepPersonal = document.getElementById("keep-personal");
  keepPersonal.closest("label").hidden = false;
  share.addEventListener("click", async () => {
    if (file) { status.textContent = "A file is not shared by link; download the sanitized HAR instead."; return; }
    const keep = keepPersonal.checked;
    const res = await authcodes.call("mask", input.value, keep);
    if (res.error) { status.textContent = res.error; return; }
    const hash = "#" + encodeURIComponent(res.masked);
    history.replaceState(null, "", hash);
    const what = keep ? "secrets in it are masked; personal data is kept." : "secrets and personal data in it are masked.";
    try {
      await navigator.clipboard.writeText(location.origin + location.pathname + hash);
      status.textContent = "Share link copied; " + what;
    } catch {
      status.textContent = "The share link is in the address bar; " + what;
    }
  });
  // The sanitized HAR is made here and saved from memory (a blob: URL):
  // nothing goes over the network.
  sanitize.addEventListener("click", async () => {
    if (!file) return;
    status.textContent = "Sanitizing…";
    const keep = keepPersonal.checked;
    const res = await authcodes.call("sanitizeHAR", await file.arrayBuffer(), keep);
    if (!(res instanceof Uint8Array)) { status.textContent = res.error || "The HAR could not be sanitized."; return; }
    const url = URL.createObjectURL(new Blob([res], { type: "application/json" }));
    const a = el("a", { href: url, download: file.name.replace(/(\.har)?$/i, "-sanitized.har"), id: "sanitized" });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status.textContent = "Sanitized HAR saved: cookies, credentials, tokens and passwords are masked" + (keep ? "; personal data is kept." : ", and personal data too.");
  });
  if (location.hash.length > 1) {
    try { input.value = decodeURIComponent(location.hash.slice(1)); } catch { input.value = ""; }
    run();
  }
}

// render lays a decode result out for a person.
function render(res) {
  const out = el("div", { class: "explain" });
  if (res.error) {
    out.append(el("div", { class: "card warn" }, el("p", { class: "error" }, res.error)));
    return out;
  }
  const card = (title, ...children) => el("div", { class: "card" }, el("h2", {}, title), ...children);
  if (res.provider_name || res.provider) {
    const why = (res.evidence || []).map((e) => e.detail).join("; ");
    out.append(el("p", { class: "provider" }, "Provider: ", el("strong", {}, res.provider_name || res.provider),
      why ? el("span", { class: "why" }, " (" + why + ")") : ""));
  }
  if ((res.steps || []).length) {
    const list = el("ol", { class: "steps" });
    for (const st of res.steps) {
      const where = st.url.split("?")[0];
      const item = el("li", st.failed ? { class: "failed" } : {}, el("strong", {}, st.role), " " + st.method + " " + where + " → " + st.status);
      if (st.location) item.append(" → " + st.location.split("?")[0]);
      if ((st.codes || []).length) item.append(" ", el("code", {}, st.codes.join(", ")));
      if (st.failed) item.append(el("span", { class: "why" }, " (it failed here)"));
      list.append(item);
    }
    const head = res.failed_step ? "The sign-in, step by step: it failed at step " + res.failed_step : "The sign-in, step by step";
    out.append(card(head, list, res.failed_step ? el("p", { class: "why" }, "What follows is step " + res.failed_step + ", decoded.") : ""));
  }
  if ((res.diagnosis || []).length) {
    const list = el("ul", {});
    for (const d of res.diagnosis) {
      const item = el("li", {}, el("strong", {}, d.expect + " (" + d.differences.join(", ") + "): "), d.message);
      if (d.rule) item.append(el("br"), el("span", { class: "why" }, d.rule + " "), el("a", { href: d.rule_url, rel: "noopener noreferrer" }, "(the rule)"));
      list.append(item);
    }
    const box = card("Compared with your configuration", list);
    box.classList.add("warn");
    out.append(box);
  }
  const first = res.first;
  // Entries found by searching with the message's words are guesses, and say so.
  const likely = (res.matches || []).length > 0 && res.matches[0].relation === "message";
  if (likely) {
    out.append(el("p", { class: "likely" }, "No code or known message was found. These entries are likely, by the message's words:"));
  }
  if (first) {
    const fix = el("ol", {});
    for (const step of first.fix || []) fix.append(el("li", {}, step));
    // The entry's causes that this input's evidence points at, and why.
    const causes = el("ol", { class: "causes" });
    for (const c of (res.matches[0].causes || []).filter((c) => (c.cause_evidence || []).length)) {
      const why = el("ul", {});
      for (const e of c.cause_evidence) why.append(el("li", { class: "why" }, e));
      causes.append(el("li", {}, c.text, why));
    }
    out.append(card((likely ? "Likely: " : "") + first.code + ": " + first.title,
      el("p", {}, first.summary),
      el("p", {}, el("strong", {}, "Who acts: "), (first.who_acts || []).join(", ")),
      causes.childElementCount ? el("h3", {}, "Likely here, by the evidence") : "", causes.childElementCount ? causes : "",
      el("h3", {}, "Fix"), fix,
      el("p", {}, el("a", { href: first.url }, "The full guide for " + first.code + " →"))));
  } else if (!(res.fields && Object.keys(res.fields).length)) {
    out.append(card("Nothing recognised", el("p", {}, "No error code or response shape was found. Try pasting the whole callback URL or the error body, or search for the code.")));
  }
  const others = (res.matches || []).slice(1);
  if (others.length) {
    const list = el("ul", {});
    for (const m of others) {
      const provider = (res.provider_names || {})[m.provider] || m.provider;
      list.append(el("li", {}, el("a", { href: "/" + m.id + "/" }, el("code", {}, m.code)), " " + m.title + " (" + provider + ")"));
    }
    const also = card(likely ? "Also likely" : "Also relevant", list);
    also.classList.add("also");
    out.append(also);
  }
  if ((res.warnings || []).length) {
    const list = el("ul", {});
    for (const w of res.warnings) list.append(el("li", {}, w.message));
    const box = card("Warnings", list);
    box.classList.add("warn");
    out.append(box);
  }
  // Each JWT's header and payload as JSON, the way jwt.io shows them;
  // put in the page as text, like everything else.
  for (const tok of res.tokens || []) {
    const box = card(tok.field ? tok.field + " as JSON" : "The token as JSON",
      el("h3", {}, "Header"), el("pre", { class: "json" }, tok.header));
    box.append(tok.claims ? el("h3", {}, "Payload") : "", tok.claims ? el("pre", { class: "json" }, tok.claims) : "");
    box.classList.add("token");
    out.append(box);
  }
  const names = Object.keys(res.fields || {});
  if (names.length) {
    const body = el("tbody", {});
    for (const name of names) body.append(el("tr", {}, el("td", {}, name), fieldValue(res.fields[name])));
    out.append(card("Fields found", el("p", { class: "why" }, "Secrets are masked."), el("table", { class: "fields" }, body)));
  }
  return out;
}

// fieldValue is the cell for a field's value. A value still percent-encoded
// after the decoder read it (a log line's pairs, a URL inside a JSON body)
// is shown decoded, with how it was written beneath; as text, like the rest.
function fieldValue(value) {
  const decoded = percentDecoded(value);
  const cell = el("td", {}, el("span", { class: "value" }, decoded));
  if (decoded !== value) cell.append(el("span", { class: "sent" }, "percent-encoded in the input: " + value));
  return cell;
}

// percentDecoded undoes one layer of percent-encoding ("+" for a space, as
// in a form) when the value has an escape; otherwise, or when it does not
// decode (a lone "%" in a sentence), it returns the value as it is.
function percentDecoded(value) {
  if (!/%[0-9A-Fa-f]{2}/.test(value)) return value;
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return value;
  }
}

if (document.getElementById("decoder") && authcodes.available()) decoderPage();
