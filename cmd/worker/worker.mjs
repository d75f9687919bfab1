// nianbao Worker entry module: one Go instance per isolate.
//
// syumai/workers' own worker.mjs starts a new Go instance for every request
// (Go runtime start-up and every package init: about 20 ms CPU each). This
// module instantiates app.wasm once, when the isolate gets its first
// request, and hands every later request to the same instance. The Go side
// (cmd/worker/main.go) sees `reuse: true` in its context and stays alive
// instead of exiting after one response.
//
// It also reads each request body here, at most maxBodyBytes + 1 bytes
// (the Go handler answers 413 above the limit), and lends it to Go by id
// (binding.takeBody), so that Go never reads a JavaScript stream: syumai's
// stream reader leaks a callback per read, which a long-lived instance
// cannot afford.
//
// Go runs one request at a time here (gate below): the Go instance is one
// thread, and a request handed to it runs to its end before Go returns to
// JavaScript. Handed over all at once, the requests would run as
// goroutines in one stretch and every answer would wait for the last
// (200 requests finished together after seconds). Waiting requests go in
// by body size, smallest first (a request that has waited AGE_MS goes
// first of all), so an ordinary report waits for at most the one check
// already running, which core bounds by its step budget (edge.MaxSteps).
// Too many waiting, one waiting too long, or more than MAX_HELD_BYTES of
// bodies held: 503 busy with Retry-After.
//
// env is taken from the first request; nianbao reads only plain variables
// (ALLOWED_ORIGINS), which are the same for every request of a deployment.
// If the instance ever exits (a fatal Go error), the next request starts a
// fresh one. Nothing here logs or keeps a request body beyond its request.
import "./wasm_exec.js";
import mod from "./app.wasm";

// wasm_exec.js of syumai/workers expects this helper on globalThis.
globalThis.tryCatch = (fn) => {
  try {
    return { result: fn() };
  } catch (e) {
    return { error: e };
  }
};

const BODY_HEADER = "x-nianbao-body"; // cmd/worker/jsbody.go
const MAX_WAITING = 64; // requests waiting for Go beyond this: 503
// Bodies held in JavaScript (read, or being read, and not yet done with)
// beyond this: 503. The isolate has 128 MB for everything, the Go
// instance up to 64 MB of it; 64 bodies of 2 MiB waiting would not fit.
const MAX_HELD_BYTES = 24 << 20;
let heldBytes = 0;
const MAX_WAIT_MS = 20000; // waited longer than this for Go: 503
const AGE_MS = 10000; // waited longer than this: goes before smaller bodies
const RETRY_AFTER = "30"; // seconds, as edge.RetryAfterSeconds
const bodies = new Map(); // id -> Uint8Array, only while its request runs
let nextId = 0;
let current; // { go, binding, ready, pending }

function start(env, ctx) {
  const go = new Go();
  const binding = {
    takeBody(id) {
      const b = bodies.get(id);
      bodies.delete(id);
      return b;
    },
  };
  // pending: the rejecters of requests in flight. If the Go program exits
  // while one of them waits on a promise it would never settle, it fails
  // at once with a JSON 500 (nianbao's handler waits on nothing, so this is
  // a guard, not a path the tests can reach).
  const inst = { go, binding, ready: null, pending: new Set() };
  inst.ready = new Promise((resolve, reject) => {
    const exit = (err) => {
      if (current === inst) current = undefined;
      reject(err);
      for (const fail of inst.pending) fail(err);
      inst.pending.clear();
    };
    const instance = new WebAssembly.Instance(mod, {
      ...go.importObject,
      workers: { ready: () => resolve() },
    });
    go.run(instance, { env, ctx, binding, reuse: true }).then(
      () => exit(new Error("Go instance exited")),
      (err) => exit(err),
    );
  });
  return inst;
}

// The gate: at most one request inside Go. enterGo resolves true when the
// caller may call Go (it must then call leaveGo), false when it must
// answer 503 instead.
let inGo = false;
const waiting = []; // { size, seq, since, resolve }
let seq = 0;

function enterGo(size) {
  if (!inGo) {
    inGo = true;
    return Promise.resolve(true);
  }
  if (waiting.length >= MAX_WAITING) return Promise.resolve(false);
  return new Promise((resolve) => waiting.push({ size, seq: ++seq, since: Date.now(), resolve }));
}

function leaveGo() {
  const now = Date.now();
  while (waiting.length > 0) {
    let k = 0;
    for (let i = 1; i < waiting.length; i++) {
      const a = waiting[i], b = waiting[k];
      const aOld = now - a.since > AGE_MS, bOld = now - b.since > AGE_MS;
      if (aOld !== bOld ? aOld : aOld ? a.seq < b.seq : a.size < b.size || (a.size === b.size && a.seq < b.seq)) k = i;
    }
    const w = waiting.splice(k, 1)[0];
    if (now - w.since > MAX_WAIT_MS) {
      w.resolve(false);
      continue;
    }
    // inGo stays true: the gate passes to w, on a new task, so that the
    // answer just made is sent first (a promise would continue in this
    // task's microtasks, and a queue of checks would run back to back
    // before any answer went out).
    setTimeout(() => w.resolve(true), 0);
    return;
  }
  inGo = false;
}

function callGo(inst, request) {
  return new Promise((resolve, reject) => {
    inst.pending.add(reject);
    inst.binding.handleRequest(request).then(resolve, reject).finally(() => inst.pending.delete(reject));
  });
}

// readBody returns the body, cut at max + 1 bytes, or null when there is
// none or when Content-Length alone already says it is too large.
async function readBody(req, max) {
  if (req.body === null) return null;
  const declared = Number(req.headers.get("content-length"));
  if (declared > max) {
    req.body.cancel().catch(() => {});
    return null;
  }
  const reader = req.body.getReader();
  const chunks = [];
  let n = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    n += value.byteLength;
    if (n > max) {
      reader.cancel().catch(() => {});
      break;
    }
  }
  if (chunks.length === 1) return chunks[0];
  const out = new Uint8Array(n);
  let off = 0;
  for (const c of chunks) {
    out.set(c, off);
    off += c.byteLength;
  }
  return out;
}

// A percent sign not followed by two hex digits: net/url refuses it.
const BAD_ESCAPE = /%(?![0-9A-Fa-f]{2})/;
const ROUTES = new Set(["/v1/check", "/v1/rules", "/healthz"]);

const jsonError = (status, code, message, extra) =>
  new Response(JSON.stringify({ error: { code, message } }, null, 2) + "\n", {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
      ...extra,
    },
  });

const BUSY_MESSAGE =
  "服务繁忙：同时提交的检查过多，本次请求未能在时限内开始检查，未给出结果。请 " + RETRY_AFTER + " 秒后重试（报告本身没有问题）。";

const INTERNAL_MESSAGE = "服务内部错误，检查未完成。请稍后重试；如反复出现，请联系维护人员。";

// liveInstance returns the isolate's Go instance, started if need be.
async function liveInstance(env, ctx) {
  if (!current || current.go.exited) current = start(env, ctx);
  const inst = current;
  try {
    await inst.ready;
  } catch (err) {
    console.error("nianbao: the Go instance did not start:", String((err && err.message) || err));
    return null;
  }
  return inst;
}

export default {
  async fetch(req, env, ctx) {
    let inst = await liveInstance(env, ctx);
    if (inst === null) return jsonError(500, "internal", INTERNAL_MESSAGE);
    // The Go side parses the URL strictly (net/url): a target it would
    // refuse (a bad percent escape, a bad Host, "OPTIONS *") is answered
    // here with 400. Only the path and query go on, under a fixed host:
    // the handler needs nothing else of the URL.
    let target;
    try {
      const u = new URL(req.url);
      target = "https://worker.invalid" + u.pathname + u.search;
    } catch (err) {
      target = undefined;
    }
    if (target === undefined || BAD_ESCAPE.test(target) || req.url.endsWith("*")) {
      return jsonError(400, "bad-url", "请求地址无效（如含有 %zz 之类的错误编码）。可用的接口：POST /v1/check、GET /v1/rules、GET /healthz。");
    }
    // Only the headers the Go program reads, when it names them
    // (binding.requestHeaders, from edge.RequestHeaders): each one costs
    // about 10 µs of CPU to bring into Go, and Cloudflare adds a dozen of
    // its own. A client's own X-Nianbao-Body never passes.
    let headers;
    const names = inst.binding.requestHeaders;
    if (Array.isArray(names)) {
      headers = new Headers();
      for (const name of names) {
        const v = req.headers.get(name);
        if (v !== null) headers.set(name, v);
      }
    } else {
      headers = new Headers(req.headers);
    }
    headers.delete(BODY_HEADER);
    let id;
    let size = 0;
    let held = 0; // bytes of heldBytes this request accounts for
    const release = () => {
      heldBytes -= held;
      held = 0;
    };
    if (req.body !== null) {
      // Reserved before reading when the length is declared (at most the
      // limit: a larger one is refused by Go without reading), counted as
      // read otherwise.
      const declared = Math.min(Number(req.headers.get("content-length")) || 0, inst.binding.maxBodyBytes + 1);
      if (heldBytes + declared > MAX_HELD_BYTES) {
        req.body.cancel().catch(() => {});
        return jsonError(503, "busy", BUSY_MESSAGE, { "Retry-After": RETRY_AFTER });
      }
      held = declared;
      heldBytes += held;
      let body;
      try {
        body = await readBody(req, inst.binding.maxBodyBytes);
      } catch (err) {
        release();
        return jsonError(400, "bad-body", "未能读完请求正文（连接中断或正文不完整），请重新提交。");
      }
      if (body !== null) {
        size = body.byteLength;
        heldBytes += size - held;
        held = size;
        if (heldBytes > MAX_HELD_BYTES) {
          release();
          return jsonError(503, "busy", BUSY_MESSAGE, { "Retry-After": RETRY_AFTER });
        }
        id = String(++nextId);
        bodies.set(id, body);
        headers.set(BODY_HEADER, id);
      }
    }
    if (!(await enterGo(size))) {
      if (id !== undefined) bodies.delete(id);
      release();
      return jsonError(503, "busy", BUSY_MESSAGE, { "Retry-After": RETRY_AFTER });
    }
    try {
      // The instance may have exited while this request waited.
      if (inst.go.exited && (inst = await liveInstance(env, ctx)) === null) {
        return jsonError(500, "internal", INTERNAL_MESSAGE);
      }
      return await callGo(inst, { url: target, method: req.method, headers, body: null });
    } catch (err) {
      // Never the request's body or URL (its query may name the report):
      // the method, the route when it is one of ours, and that it failed.
      const route = ROUTES.has(new URL(target).pathname) ? new URL(target).pathname : "(other path)";
      console.error("nianbao: internal error on " + req.method + " " + route);
      if (inst.go.exited && current === inst) current = undefined;
      return jsonError(500, "internal", INTERNAL_MESSAGE);
    } finally {
      if (id !== undefined) bodies.delete(id);
      release();
      leaveGo();
    }
  },
};
