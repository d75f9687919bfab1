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

const jsonError = (status, code, message) =>
  new Response(JSON.stringify({ error: { code, message } }, null, 2) + "\n", {
    status,
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });

export default {
  async fetch(req, env, ctx) {
    if (!current || current.go.exited) current = start(env, ctx);
    const inst = current;
    try {
      await inst.ready;
    } catch (err) {
      console.error("nianbao: the Go instance did not start:", String((err && err.message) || err));
      return jsonError(500, "internal", "服务内部错误，检查未完成。请稍后重试；如反复出现，请联系维护人员。");
    }
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
    const headers = new Headers(req.headers);
    headers.delete(BODY_HEADER);
    let id;
    if (req.body !== null) {
      let body;
      try {
        body = await readBody(req, inst.binding.maxBodyBytes);
      } catch (err) {
        return jsonError(400, "bad-body", "未能读完请求正文（连接中断或正文不完整），请重新提交。");
      }
      if (body !== null) {
        id = String(++nextId);
        bodies.set(id, body);
        headers.set(BODY_HEADER, id);
      }
    }
    try {
      return await callGo(inst, { url: target, method: req.method, headers, body: null });
    } catch (err) {
      // Never the request's body or URL (its query may name the report):
      // the method, the route when it is one of ours, and that it failed.
      const route = ROUTES.has(new URL(target).pathname) ? new URL(target).pathname : "(other path)";
      console.error("nianbao: internal error on " + req.method + " " + route);
      if (inst.go.exited && current === inst) current = undefined;
      return jsonError(500, "internal", "服务内部错误，检查未完成。请稍后重试；如反复出现，请联系维护人员。");
    } finally {
      if (id !== undefined) bodies.delete(id);
    }
  },
};
