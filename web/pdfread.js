// nianbao PDF reader: pdf.js (Mozilla's PDF engine, pdfjs-dist's legacy
// build, see scripts/lib/pdfjs.sh) gives each page's characters and drawn
// lines; the checker (Go, core/input/pdflayout.go) rebuilds rows, columns
// and cells from them, the same code as the command line's, whose engine
// is PDFium. This file only extracts; it decides nothing.
//
// The engine is not started with the page: the single offline file
// carries it as base64(gzip) in <script type="application/octet-stream"
// id="pdfjs-gz">, the served site as pdfjs.js; the first PDF opened
// inflates (or fetches) it and runs it as an inline script, the one
// script the page's policy still allows after web/loader.js locks it (by
// its hash). It runs in the page's thread (no Worker: the policy has
// worker-src 'none'), never uses eval() (isEvalSupported: false), and
// loads nothing (no fonts, no CMaps: connect-src 'none').
//
// window.nianbaoPDF(bytes, maxPages, maxPageChars, maxChars) gives a
// promise of {pages: [{w, h, chars, paths}]} or {error, ...}:
//   chars  the bytes of a Float64Array, 8 numbers a character: code
//          point, box x0 x1 y0 y1, baseline origin x y, size (points)
//   paths  the bytes of a Float64Array: for each straight subpath of a
//          stroked or filled path, its number of points, then x y of each
//          in page space
//   error  "password", "format", "pages" (with pages: the count),
//          "page-chars" (page, chars), "chars", or "engine" (message).
(function () {
  "use strict";
  var engine = null;

  function source() {
    var el = document.getElementById("pdfjs-gz");
    if (!el) {
      return fetch("pdfjs.js").then(function (r) {
        if (!r.ok) throw new Error("pdfjs.js: HTTP " + r.status);
        return r.text();
      });
    }
    if (typeof DecompressionStream !== "function") {
      return Promise.reject(new Error("此浏览器不支持 DecompressionStream"));
    }
    var bin = atob(el.textContent), n = bin.length, gz = new Uint8Array(n);
    for (var i = 0; i < n; i++) gz[i] = bin.charCodeAt(i);
    return new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
      .then(function (text) {
        el.textContent = "";
        return text;
      });
  }

  function load() {
    if (engine) return engine;
    var t = window.nianbaoTimings || {};
    t.pdfStart = performance.now();
    engine = source().then(function (text) {
      var s = document.createElement("script");
      s.textContent = text;
      document.head.appendChild(s);
      document.head.removeChild(s);
      var lib = window.pdfjsLib;
      if (!lib || !window.pdfjsWorker) throw new Error("PDF 引擎未能启动");
      lib.GlobalWorkerOptions.workerSrc = "";
      t.pdfReady = performance.now();
      return lib;
    });
    engine.catch(function () { engine = null; });
    return engine;
  }

  function mul(m, n) { // m then n
    return [m[0] * n[0] + m[1] * n[2], m[0] * n[1] + m[1] * n[3],
      m[2] * n[0] + m[3] * n[2], m[2] * n[1] + m[3] * n[3],
      m[4] * n[0] + m[5] * n[2] + n[4], m[4] * n[1] + m[5] * n[3] + n[5]];
  }

  // wide: two columns, as core/input's runeWidth.
  function wide(r) {
    return r >= 0x1100 && (r <= 0x115f || r === 0x2329 || r === 0x232a ||
      (r >= 0x2e80 && r <= 0xa4cf && r !== 0x303f) || (r >= 0xac00 && r <= 0xd7a3) ||
      (r >= 0xf900 && r <= 0xfaff) || (r >= 0xfe30 && r <= 0xfe4f) || (r >= 0xff00 && r <= 0xff60) ||
      (r >= 0xffe0 && r <= 0xffe6) || (r >= 0x20000 && r <= 0x3fffd));
  }

  // textChars: each text item's characters with their boxes. An item is
  // a run drawn at one origin with one advance; its width is shared out
  // over its characters, a wide one twice a narrow one's share.
  function textChars(tc, out) {
    var items = tc.items;
    for (var i = 0; i < items.length; i++) {
      var it = items[i], str = it.str;
      if (!str || !/\S/.test(str)) continue;
      var t = it.transform;
      var size = Math.sqrt(t[2] * t[2] + t[3] * t[3]);
      var sx = Math.sqrt(t[0] * t[0] + t[1] * t[1]);
      var dx = sx ? t[0] / sx : 1, dy = sx ? t[1] / sx : 0;
      var st = tc.styles[it.fontName] || {};
      var asc = st.ascent, desc = st.descent;
      if (!(asc > 0) || !(asc <= 2)) asc = 0.88;
      if (!(desc <= 0) || !(desc >= -1)) desc = asc - 1;
      var cps = Array.from(str), units = 0, k;
      for (k = 0; k < cps.length; k++) units += wide(cps[k].codePointAt(0)) ? 2 : 1;
      var unit = units ? it.width / units : 0, pos = 0;
      for (k = 0; k < cps.length; k++) {
        var r = cps[k].codePointAt(0), adv = (wide(r) ? 2 : 1) * unit;
        var ox = t[4] + dx * pos, oy = t[5] + dy * pos;
        pos += adv;
        if (/\s/.test(cps[k])) continue;
        var ex = ox + dx * adv, ey = oy + dy * adv;
        out.push(r, Math.min(ox, ex), Math.max(ox, ex),
          Math.min(oy, ey) + desc * size, Math.max(oy, ey) + asc * size, ox, oy, size);
      }
    }
  }

  // pathPoints: the straight subpaths of every stroked or filled path,
  // in page space, as PDFium gives them to the command line (a rectangle
  // is its four corners and the first again).
  function pathPoints(lib, ops, out) {
    var O = lib.OPS, fn = ops.fnArray, args = ops.argsArray;
    var ctm = [1, 0, 0, 1, 0, 0], stack = [], pending = [];
    var paint = {};
    [O.stroke, O.closeStroke, O.fill, O.eoFill, O.fillStroke, O.eoFillStroke,
      O.closeFillStroke, O.closeEOFillStroke].forEach(function (op) { paint[op] = true; });
    for (var i = 0; i < fn.length; i++) {
      var op = fn[i], a = args[i];
      if (op === O.save) {
        stack.push(ctm);
      } else if (op === O.restore) {
        if (stack.length) ctm = stack.pop();
      } else if (op === O.transform) {
        ctm = mul(a, ctm);
      } else if (op === O.paintFormXObjectBegin) {
        stack.push(ctm);
        if (a && a[0] && a[0].length === 6) ctm = mul(a[0], ctm);
      } else if (op === O.paintFormXObjectEnd) {
        if (stack.length) ctm = stack.pop();
      } else if (op === O.constructPath) {
        pending.push({ ops: a[0], coords: a[1], m: ctm });
      } else if (paint[op]) {
        for (var p = 0; p < pending.length; p++) subpaths(O, pending[p], out);
        pending = [];
      } else if (op === O.endPath) {
        pending = [];
      }
    }
  }

  function subpaths(O, path, out) {
    var m = path.m, c = path.coords, j = 0, sub = [], curved = false;
    function pt(x, y) { sub.push(m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]); }
    function flush() {
      if (sub.length >= 4 && !curved) {
        out.push(sub.length / 2);
        for (var q = 0; q < sub.length; q++) out.push(sub[q]);
      }
      sub = [];
      curved = false;
    }
    for (var k = 0; k < path.ops.length; k++) {
      switch (path.ops[k]) {
        case O.moveTo: flush(); pt(c[j], c[j + 1]); j += 2; break;
        case O.lineTo: pt(c[j], c[j + 1]); j += 2; break;
        case O.curveTo: curved = true; pt(c[j + 4], c[j + 5]); j += 6; break;
        case O.curveTo2: case O.curveTo3: curved = true; pt(c[j + 2], c[j + 3]); j += 4; break;
        case O.closePath:
          if (sub.length) { sub.push(sub[0], sub[1]); flush(); }
          break;
        case O.rectangle:
          flush();
          var x = c[j], y = c[j + 1], w = c[j + 2], h = c[j + 3];
          j += 4;
          // As PDFium gives it: five points and, closed, the first again
          // (so a thin one is its two edges, as on the command line).
          pt(x, y); pt(x + w, y); pt(x + w, y + h); pt(x, y + h); pt(x, y);
          sub.push(sub[0], sub[1]);
          flush();
          break;
      }
    }
    flush();
  }

  function bytes(a) { return new Uint8Array(new Float64Array(a).buffer); }

  function readPages(lib, doc, limits) {
    var pages = [], total = 0, i = 0;
    function next() {
      if (i >= doc.numPages) return { pages: pages };
      i++;
      return doc.getPage(i).then(function (page) {
        return page.getTextContent({ disableCombineTextItems: true }).then(function (tc) {
          var chars = [];
          textChars(tc, chars);
          var n = chars.length / 8;
          if (n > limits.pageChars) return { error: "page-chars", page: i, chars: n };
          total += n;
          if (total > limits.chars) return { error: "chars" };
          return page.getOperatorList().then(function (ops) {
            var paths = [];
            pathPoints(lib, ops, paths);
            var v = page.view;
            pages.push({ w: v[2] - v[0], h: v[3] - v[1], chars: bytes(chars), paths: bytes(paths) });
            page.cleanup();
            return next();
          });
        });
      });
    }
    return next();
  }

  window.nianbaoPDF = function (data, maxPages, maxPageChars, maxChars) {
    return load().then(function (lib) {
      var task = lib.getDocument({
        data: data, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
        disableAutoFetch: true, disableStream: true, disableRange: true, verbosity: 0
      });
      return task.promise.then(function (doc) {
        var t = window.nianbaoTimings || {};
        if (doc.numPages > maxPages) return { error: "pages", pages: doc.numPages };
        var start = performance.now();
        return readPages(lib, doc, { pageChars: maxPageChars, chars: maxChars }).then(function (r) {
          t.pdfRead = performance.now() - start;
          return r;
        });
      }, function (e) {
        var name = e && e.name;
        if (name === "PasswordException") return { error: "password" };
        if (name === "InvalidPDFException" || name === "MissingPDFException") return { error: "format" };
        return { error: "engine", message: String(e && e.message || e) };
      }).then(function (r) {
        task.destroy();
        return r;
      }, function (e) {
        task.destroy();
        return { error: "engine", message: String(e && e.message || e) };
      });
    }, function (e) {
      return { error: "engine", message: String(e && e.message || e) };
    });
  };
})();
