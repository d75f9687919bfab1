// nianbao Worker entry module: one Go instance per isolate.
//
// syumai/workers' own worker.mjs starts a new Go instance for every request
// (Go runtime start-up and every package init, about 18 ms CPU each). This
// module instantiates app.wasm once, when the isolate gets its first
// request, and hands every later request to the same instance (a few ms
// CPU per check). The Go side (cmd/worker/main.go) sees `reuse: true` in
// its context and stays alive instead of exiting after one response.
// env is taken from the first request; nianbao reads only plain variables
// (ALLOWED_ORIGINS), which are the same for every request of a deployment.
// If the instance ever exits (a fatal Go error), the next request starts a
// fresh one.
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

let current; // { go, binding, ready }

function start(env, ctx) {
  const go = new Go();
  const binding = {};
  const inst = { go, binding, ready: null };
  inst.ready = new Promise((resolve, reject) => {
    const instance = new WebAssembly.Instance(mod, {
      ...go.importObject,
      workers: { ready: () => resolve() },
    });
    go.run(instance, { env, ctx, binding, reuse: true }).then(
      () => {
        if (current === inst) current = undefined;
        reject(new Error("Go instance exited"));
      },
      (err) => {
        if (current === inst) current = undefined;
        reject(err);
      },
    );
  });
  return inst;
}

const internalError = () =>
  new Response(
    JSON.stringify({
      error: {
        code: "internal",
        message: "服务内部错误，检查未完成。请稍后重试；如反复出现，请联系维护人员。",
      },
    }, null, 2) + "\n",
    {
      status: 500,
      headers: {
        "Content-Type": "application/json; charset=utf-8",
        "Cache-Control": "no-store",
        "X-Content-Type-Options": "nosniff",
      },
    },
  );

export default {
  async fetch(req, env, ctx) {
    if (!current || current.go.exited) current = start(env, ctx);
    const inst = current;
    try {
      await inst.ready;
      return await inst.binding.handleRequest(req);
    } catch (err) {
      // Never the request body: only what failed.
      console.error("nianbao: request failed:", String(err && err.message || err));
      if (inst.go.exited && current === inst) current = undefined;
      return internalError();
    }
  },
};
