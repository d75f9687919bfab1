// nianbao PDF reader: pdf.js (Mozilla's PDF engine, pdfjs-dist's legacy
// build, see scripts/lib/pdfjs.sh) gives each page's characters and drawn
// lines; the checker (Go, core/input/pdflayout.go) rebuilds rows, columns
// and cells from them, the same code as the command line's, whose engine
// is PDFium. This file only extracts; it decides nothing.
//
// The engine is not started with the page: the single offline file
// carries it as base64(gzip) in <template id="pdfjs-gz">, the served
// site as pdfjs.js; the first PDF opened
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
//          in page space; or, for a thin path on the page itself, 0 and
//          its bounds x0 y0 x1 y1
//   error  "password", "format", "pages" (with pages: the count),
//          "page-chars" (page), "chars", "font" (page, message: a font
//          pdf.js cannot read), or "engine" (message).
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
    var bin = atob((el.content || el).textContent), n = bin.length, gz = new Uint8Array(n);
    for (var i = 0; i < n; i++) gz[i] = bin.charCodeAt(i);
    return new Response(new Blob([gz]).stream().pipeThrough(new DecompressionStream("gzip"))).text()
      .then(function (text) {
        (el.content || el).textContent = "";
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

  // The graphics and text state the operators change, as pdf.js's own
  // canvas renderer keeps it (display/canvas.js): the current transform,
  // the text matrix and the position in it, the font and the spacings.
  function state() {
    return { ctm: [1, 0, 0, 1, 0, 0], tm: [1, 0, 0, 1, 0, 0], x: 0, y: 0, lineX: 0, lineY: 0,
      font: null, size: 0, dir: 1, tc: 0, tw: 0, th: 1, leading: 0, rise: 0, lw: 1, form: 0 };
  }

  function copy(g) {
    var c = {};
    for (var k in g) c[k] = g[k];
    return c;
  }

  // walk reads a page's operators: each glyph drawn is a character with
  // its box (chars, 8 numbers each) and each straight subpath of a
  // stroked or filled path its points (paths), both in page space. It
  // stops adding characters past maxChars (the page is then refused) and
  // paths past maxPathNumbers (a drawing, not a table: PDFium's engine
  // keeps 5,000 lines a page).
  function walk(O, ops, fonts, chars, paths, maxChars) {
    var fn = ops.fnArray, args = ops.argsArray;
    var g = state(), stack = [], pending = [];
    var paint = {}, stroke = {};
    [O.fill, O.eoFill].forEach(function (op) { paint[op] = true; });
    [O.stroke, O.closeStroke, O.fillStroke, O.eoFillStroke, O.closeFillStroke,
      O.closeEOFillStroke].forEach(function (op) { paint[op] = stroke[op] = true; });
    function moveText(x, y) {
      g.x = g.lineX += x;
      g.y = g.lineY += y;
    }
    for (var i = 0; i < fn.length && chars.length <= 8 * maxChars; i++) {
      var op = fn[i], a = args[i] || [];
      switch (op) {
        case O.save: stack.push(copy(g)); break;
        case O.restore: if (stack.length) g = stack.pop(); break;
        case O.transform: g.ctm = mul(a, g.ctm); break;
        case O.paintFormXObjectBegin:
          stack.push(copy(g));
          if (a[0] && a[0].length === 6) g.ctm = mul(a[0], g.ctm);
          g.form++;
          break;
        case O.setLineWidth: g.lw = a[0]; break;
        case O.setGState:
          (a[0] || []).forEach(function (kv) { if (kv[0] === "LW") g.lw = kv[1]; });
          break;
        case O.paintFormXObjectEnd: if (stack.length) g = stack.pop(); break;
        case O.beginText:
          g.tm = [1, 0, 0, 1, 0, 0];
          g.x = g.lineX = g.y = g.lineY = 0;
          break;
        case O.setTextMatrix:
          g.tm = a.length === 6 ? a.slice() : a[0].slice();
          g.x = g.lineX = g.y = g.lineY = 0;
          break;
        case O.moveText: moveText(a[0], a[1]); break;
        case O.setLeadingMoveText: g.leading = a[1]; moveText(a[0], a[1]); break;
        case O.setLeading: g.leading = -a[0]; break;
        case O.nextLine: moveText(0, g.leading); break;
        case O.setCharSpacing: g.tc = a[0]; break;
        case O.setWordSpacing: g.tw = a[0]; break;
        case O.setHScale: g.th = a[0] / 100; break;
        case O.setTextRise: g.rise = a[0]; break;
        case O.setFont:
          g.font = fonts[a[0]] || null;
          g.dir = a[1] < 0 ? -1 : 1;
          g.size = Math.abs(a[1]);
          break;
        case O.showText: case O.showSpacedText: show(g, a[0], chars); break;
        case O.nextLineShowText: moveText(0, g.leading); show(g, a[0], chars); break;
        case O.nextLineSetSpacingShowText:
          g.tw = a[0];
          g.tc = a[1];
          moveText(0, g.leading);
          show(g, a[2], chars);
          break;
        case O.constructPath:
          if (a[0].length <= 4 * 5000) pending.push({ ops: a[0], coords: a[1], m: g.ctm });
          break;
        case O.endPath: pending = []; break;
        default:
          if (paint[op] && pending.length) {
            // A path drawn on the page itself (not in a form) that is
            // a thin bar or line: its bounds, as PDFium gives them (a
            // stroke's reach included); Go's input.BoundsRule reads them
            // as the command line does.
            var b = g.form ? null : bounds(O, pending, stroke[op], g.lw);
            if (b && Math.min(b[2] - b[0], b[3] - b[1]) <= 3) {
              paths.push(0, b[0], b[1], b[2], b[3]);
            } else {
              for (var p = 0; p < pending.length && paths.length < maxPathNumbers; p++) subpaths(O, pending[p], paths);
            }
            pending = [];
          }
      }
    }
  }

  // show: the characters of one shown string. Each glyph's origin is
  // where the text position is when it is drawn; across, its box is its
  // advance (PDFium's is the glyph's ink: the same but for the side
  // bearings); up and down, the font's ascent and descent.
  function show(g, glyphs, chars) {
    var font = g.font, size = g.size;
    if (!font || !size || !glyphs) return;
    var fm = font.fontMatrix || [0.001, 0, 0, 0.001, 0, 0];
    var m = mul(g.tm, g.ctm), hs = g.th * g.dir, vertical = !!font.vertical;
    var sz = size * Math.sqrt(m[2] * m[2] + m[3] * m[3]);
    var asc = font.ascent, desc = font.descent;
    if (!(asc > 0) || !(asc <= 2)) asc = 0.88;
    if (!(desc <= 0) || !(desc >= -1)) desc = asc - 1;
    var upright = Math.abs(m[1]) < 1e-9 && Math.abs(m[2]) < 1e-9;
    var x = 0;
    for (var i = 0; i < glyphs.length; i++) {
      var gl = glyphs[i];
      if (typeof gl === "number") {
        x += (vertical ? 1 : -1) * gl * size / 1000;
        continue;
      }
      if (!gl) continue;
      var was = size * fm[0], w = gl.width || 0, vx = 0, vy = 0;
      if (vertical) {
        // As pdf.js's canvas draws it: the glyph hangs from the text
        // position by its vertical origin (by default half its width
        // across and 880/1000 down), and advances down.
        var vm = gl.vmetric || font.defaultVMetrics;
        vx = -(gl.vmetric ? vm[1] : w * 0.5) * was;
        vy = (vm ? vm[2] : 880) * was;
        if (vm) w = -vm[0];
      }
      var adv = w * was;
      var spacing = (gl.isSpace ? g.tw : 0) + g.tc;
      var u = gl.unicode || "";
      if (/\S/.test(u)) {
        var cps = Array.from(u), n = cps.length;
        for (var k = 0; k < n; k++) {
          if (/\s/.test(cps[k])) continue;
          var t0, t1, ty = g.y + g.rise;
          if (vertical) {
            t0 = [g.x + vx, g.y - x - vy];
            t1 = [g.x + vx + (gl.width || 0) * was, t0[1]];
          } else {
            t0 = [g.x + (x + adv * k / n) * hs, ty];
            t1 = [g.x + (x + adv * (k + 1) / n) * hs, ty];
          }
          var o = apply(m, t0[0], t0[1]), e = apply(m, t1[0], t1[1]);
          var lo = apply(m, t0[0], t0[1] + desc * size), hi = apply(m, t1[0], t1[1] + asc * size);
          var x0, x1, y0, y1;
          if (upright) {
            x0 = Math.min(o[0], e[0]); x1 = Math.max(o[0], e[0]);
            y0 = Math.min(lo[1], hi[1]); y1 = Math.max(lo[1], hi[1]);
            // Curly quotes drawn a full em wide (as Chinese fonts do):
            // their ink is the half next to the quoted text, which is
            // where PDFium's box is; the layout tells a gap after ” from
            // the boxes.
            if (x1 - x0 > 0.75 * sz && !vertical) {
              if (cps[k] === "\u201c" || cps[k] === "\u2018") x0 = x1 - sz / 2;
              else if (cps[k] === "\u201d" || cps[k] === "\u2019") x1 = x0 + sz / 2;
            }
          } else {
            var c2 = apply(m, t1[0], t1[1] + desc * size), c3 = apply(m, t0[0], t0[1] + asc * size);
            x0 = Math.min(lo[0], hi[0], c2[0], c3[0]); x1 = Math.max(lo[0], hi[0], c2[0], c3[0]);
            y0 = Math.min(lo[1], hi[1], c2[1], c3[1]); y1 = Math.max(lo[1], hi[1], c2[1], c3[1]);
          }
          chars.push(cps[k].codePointAt(0), x0, x1, y0, y1, o[0], o[1], sz);
        }
      }
      x += vertical ? adv - spacing * g.dir : adv + spacing * g.dir;
    }
    if (vertical) g.y -= x;
    else g.x += x * hs;
  }

  function apply(m, x, y) {
    return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
  }

  // bounds: the bounding box of a path object in page space, as PDFium
  // computes it (CPDF_PathObject): every point of its own space, control
  // points included, widened by half the line width when it is stroked,
  // then transformed; a stroke of width 0 widens it by half a point.
  function bounds(O, pending, stroked, lw) {
    var out = null;
    for (var i = 0; i < pending.length; i++) {
      var e = pending[i], c = e.coords, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity, j = 0;
      for (var k = 0; k < e.ops.length; k++) {
        var n = 0, op = e.ops[k];
        if (op === O.moveTo || op === O.lineTo) n = 2;
        else if (op === O.curveTo) n = 6;
        else if (op === O.curveTo2 || op === O.curveTo3) n = 4;
        else if (op === O.rectangle) {
          x0 = Math.min(x0, c[j], c[j] + c[j + 2]); x1 = Math.max(x1, c[j], c[j] + c[j + 2]);
          y0 = Math.min(y0, c[j + 1], c[j + 1] + c[j + 3]); y1 = Math.max(y1, c[j + 1], c[j + 1] + c[j + 3]);
          j += 4;
          continue;
        }
        for (var q = 0; q < n; q += 2) {
          x0 = Math.min(x0, c[j + q]); x1 = Math.max(x1, c[j + q]);
          y0 = Math.min(y0, c[j + q + 1]); y1 = Math.max(y1, c[j + q + 1]);
        }
        j += n;
      }
      if (!(x0 <= x1 && y0 <= y1)) continue;
      if (stroked && lw) {
        var h = Math.abs(lw) / 2;
        x0 -= h; y0 -= h; x1 += h; y1 += h;
      }
      var m = e.m, pts = [apply(m, x0, y0), apply(m, x1, y0), apply(m, x1, y1), apply(m, x0, y1)];
      var r = [Infinity, Infinity, -Infinity, -Infinity];
      pts.forEach(function (p) {
        r[0] = Math.min(r[0], p[0]); r[1] = Math.min(r[1], p[1]);
        r[2] = Math.max(r[2], p[0]); r[3] = Math.max(r[3], p[1]);
      });
      if (stroked && !lw) r = [r[0] - 0.5, r[1] - 0.5, r[2] + 0.5, r[3] + 0.5];
      out = out ? [Math.min(out[0], r[0]), Math.min(out[1], r[1]), Math.max(out[2], r[2]), Math.max(out[3], r[3])] : r;
    }
    return out;
  }

  // subpaths: the straight subpaths of a stroked or filled path, in
  // page space, as PDFium gives them to the command line.
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

  var maxPathNumbers = 2000000;

  function bytes(a) { return new Uint8Array(new Float64Array(a).buffer); }

  // fontsOf: the fonts a page's operators use, once pdf.js has them. A
  // font pdf.js could not load (it gives its error instead: a Chinese
  // font not embedded whose encoding needs one of Adobe's CMaps, which
  // the page does not carry, or a broken font) is marked failed: its text
  // would be missing, and a check of the rest would be wrong.
  function fontsOf(O, page, ops) {
    var names = {}, list = [];
    for (var i = 0; i < ops.fnArray.length; i++) {
      if (ops.fnArray[i] === O.setFont) names[ops.argsArray[i][0]] = true;
    }
    var fonts = {};
    Object.keys(names).forEach(function (n) {
      list.push(new Promise(function (resolve) {
        if (page.commonObjs.has(n)) {
          fonts[n] = page.commonObjs.get(n);
          resolve();
          return;
        }
        page.commonObjs.get(n, function (f) { fonts[n] = f; resolve(); });
        setTimeout(resolve, 5000); // a font pdf.js never gives: its text is left out
      }));
    });
    return Promise.all(list).then(function () {
      for (var n in fonts) {
        if (!fonts[n] || typeof fonts[n] !== "object") fonts.failed = String(fonts[n]);
      }
      return fonts;
    });
  }

  function readPages(lib, doc, limits) {
    var O = lib.OPS, pages = [], total = 0, i = 0;
    function next() {
      if (i >= doc.numPages) return { pages: pages };
      i++;
      return doc.getPage(i).then(function (page) {
        return page.getOperatorList().then(function (ops) {
          return fontsOf(O, page, ops).then(function (fonts) {
            if (fonts.failed) return { error: "font", page: i, message: fonts.failed };
            var chars = [], paths = [];
            walk(O, ops, fonts, chars, paths, limits.pageChars);
            var n = chars.length / 8;
            if (n > limits.pageChars) return { error: "page-chars", page: i };
            total += n;
            if (total > limits.chars) return { error: "chars" };
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
