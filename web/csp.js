// nianbao CSP bootstrap: the page's first script, run before any other.
//
// Compiling the checker (WebAssembly) needs 'wasm-unsafe-eval' in the
// Content-Security-Policy, a keyword that only Chrome/Edge 97+, Firefox 102+
// and Safari 16+ know. The kernels of 360安全浏览器, 奇安信可信浏览器 and
// their kind (Chromium 80–96) ignore it and allow WebAssembly only with
// 'unsafe-eval', which also allows eval(). A meta tag cannot depend on the
// browser, so the page's policy lists both, and this script takes back what
// the browser does not need: policies only ever add up (a request must pass
// every one), so a policy added later can forbid, never allow.
//
//  - A browser that knows 'wasm-unsafe-eval' gets the same policy again
//    without 'unsafe-eval', here, before any other script runs: eval() is
//    never allowed in it.
//  - An older kernel keeps 'unsafe-eval' until the checker is compiled, a
//    moment in which only the page's own scripts (locked by their hashes)
//    run and no text has been pasted yet; then loader.js adds
//    script-src 'none' in every browser: no eval(), no new script and no new
//    WebAssembly from then on.
//
// <html data-wasm-csp> says which keyword compiled the checker.
(function () {
  "use strict";
  var meta = document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  var mode = "unsafe-eval";
  if (meta && (chromiumMajor() >= 97 || knowsWasmUnsafeEval())) {
    mode = "wasm-unsafe-eval";
    addPolicy(document, meta.content.replace(/\s+'unsafe-eval'/g, ""));
  }
  document.documentElement.setAttribute("data-wasm-csp", mode);

  function addPolicy(doc, policy) {
    var m = doc.createElement("meta");
    m.httpEquiv = "Content-Security-Policy";
    m.content = policy;
    (doc.head || doc.documentElement).appendChild(m);
  }

  // chromiumMajor is the Chromium version the engine itself names in
  // navigator.userAgentData (Chromium 90+, secure contexts such as file://
  // and https; the page cannot change it), 0 when it names none. Chromium
  // 97 and later know 'wasm-unsafe-eval': they are spared the probe below,
  // which costs 10-30 ms of the start in Chromium 156 (issue 20).
  function chromiumMajor() {
    var d = navigator.userAgentData, b = d && d.brands;
    for (var i = 0; b && i < b.length; i++) {
      if (b[i].brand === "Chromium") return parseInt(b[i].version, 10) || 0;
    }
    return 0;
  }

  // knowsWasmUnsafeEval asks the browser itself, in an empty frame of this
  // page (it inherits the page's policy; nothing is loaded): with
  // script-src 'wasm-unsafe-eval' added there, does WebAssembly still
  // compile? eval() must fail there first, or the added policy is not in
  // force and the answer would mean nothing. (That refusal is the one
  // console message this costs in new browsers.) Any doubt keeps
  // 'unsafe-eval': the checker must start.
  function knowsWasmUnsafeEval() {
    if (typeof WebAssembly !== "object") return false;
    var f = document.createElement("iframe");
    f.setAttribute("aria-hidden", "true");
    f.hidden = true;
    document.documentElement.appendChild(f);
    try {
      var w = f.contentWindow;
      addPolicy(f.contentDocument, "script-src 'wasm-unsafe-eval'");
      try {
        w.eval("0");
        return false;
      } catch (e) { /* refused: the frame's policy is in force */ }
      // The smallest module: the magic number and version 1.
      new w.WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return true;
    } catch (e) {
      return false;
    } finally {
      f.parentNode.removeChild(f);
    }
  }
})();
