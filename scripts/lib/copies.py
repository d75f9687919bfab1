#!/usr/bin/env python3
"""Make the copy fixtures of testdata/copies from the .html fixtures of
testdata/files (see testdata/copies/SOURCES).

  paragraphs SRC.html OUT.txt   a browser's copy of a page whose table cells
      are paragraphs (<td><p>…</p></td>, an empty cell <p>&nbsp;</p>): Chromium
      (headless, --dump-dom) computes document.body.innerText, which is what
      选择全部 → 复制 puts on the clipboard as text: each cell its own paragraph
      with an empty line after it, a tab line between cells, NBSP for an
      empty cell.
  oneline SRC.html OUT.txt SEED  a page's text scraped into one line (a
      scraper's textContent of a page whose source puts some cells on lines
      of their own): the cells glued to their labels and to each other, a
      stray space where the source had white space between two tags (drawn
      with the seeded random generator: 40 % between cells, 50 % between rows).
"""
import html
import os
import random
import re
import subprocess
import sys
import tempfile


def paragraphs(src, dst):
    s = open(src, encoding="utf-8").read()

    def td(m):
        body = m.group(2)
        if body.strip() == "":
            body = "&nbsp;"
        return "<td%s><p>%s</p></td>" % (m.group(1), body)

    s = re.sub(r"<td([^>]*)>(.*?)</td>", td, s, flags=re.S)
    s = s.replace("</body>", '<script>document.body.setAttribute("data-text", document.body.innerText);</script></body>')
    with tempfile.TemporaryDirectory() as d:
        page = os.path.join(d, "page.html")
        open(page, "w", encoding="utf-8").write(s)
        dom = subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--dump-dom", "file://" + page],
                             capture_output=True, text=True, check=True).stdout
    m = re.search(r'<body data-text="(.*?)"', dom, flags=re.S)
    open(dst, "w", encoding="utf-8").write(html.unescape(m.group(1)))


def oneline(src, dst, seed):
    rnd = random.Random(seed)
    s = open(src, encoding="utf-8").read()
    s = s[s.index("<body>") + 6:s.index("</body>")]
    s = re.sub(r"</td>\s*<td", lambda m: "</td>" + (" " if rnd.random() < 0.4 else "") + "<td", s)
    s = re.sub(r"</tr>\s*<tr>", lambda m: "</tr>" + (" " if rnd.random() < 0.5 else "") + "<tr>", s)
    t = html.unescape(re.sub(r"<[^>]+>", "", s))
    t = re.sub(r"\s+", " ", t).strip()
    open(dst, "w", encoding="utf-8").write(t + "\n")


if __name__ == "__main__":
    if len(sys.argv) >= 4 and sys.argv[1] == "paragraphs":
        paragraphs(sys.argv[2], sys.argv[3])
    elif len(sys.argv) >= 5 and sys.argv[1] == "oneline":
        oneline(sys.argv[2], sys.argv[3], int(sys.argv[4]))
    else:
        sys.exit(__doc__)
