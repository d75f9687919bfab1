#!/usr/bin/env python3
"""render_fixtures.py — turn plain-text 政府信息公开工作年度报告 into .fodt and .html with real tables.

Stdlib only. Used by scripts/make-fixtures, which converts the .fodt (and one .html) to
.docx with LibreOffice and pandoc, for the fixtures in testdata/files.

    python3 render_fixtures.py --src testdata --out OUT   # OUT/*.fodt, OUT/*.html, OUT/values/*.txt
    python3 render_fixtures.py --verify OUT               # values vs OUT/check/*.txt (docx -> txt)

Tables follow the format of 国办公开办函〔2021〕30号 (表二 4 columns with section rows,
表三 10 columns with a 3-row merged header and row labels spanning rows, 表四 15 columns
with 3 header rows). Numbers are taken from the source text by per-layout extraction and
must come out in the expected count (10, 7 x rows, 15) or the run fails; labels are the
template's, replaced by the source's own spelling of the same label where the source has
table cells (so ASCII "(一)" stays ASCII, "商业\\n企业" keeps its line break).
"""
import argparse
import html
import os
import re
import sys
import unicodedata

# ---------------------------------------------------------------- documents to make
# name -> (source file relative to --src, options)
DOCS = [
    ("000_bcc88cd11fb35c2f", "seeds/000_bcc88cd11fb35c2f.txt", {}),
    # Same report, section headings and （一） sub-headings numbered by Word list
    # numbering instead of typed numerals: paragraphs carry <w:numPr> themselves.
    ("000_bcc88cd11fb35c2f-numbered", "seeds/000_bcc88cd11fb35c2f.txt", {"numbering": "list"}),
    # ... and numbered through the paragraph styles Heading 1 / Heading 2 (numPr in styles.xml).
    ("000_bcc88cd11fb35c2f-numbered-style", "seeds/000_bcc88cd11fb35c2f.txt", {"numbering": "style"}),
    ("001_c7abf9ce6f9dda34", "seeds/001_c7abf9ce6f9dda34.txt", {}),
    ("002_38c9b2142ce29509", "seeds/002_38c9b2142ce29509.txt", {}),
    ("004_6bca9a975aea9322", "seeds/004_6bca9a975aea9322.txt", {}),
    ("hongze-2024", "real/hongze-2024-layout.txt", {}),
    # One BLANK cell (empty, not 0): 表三 四、结转下年度继续办理 / 总计 (as in the real
    # kewei-2024 report). Everything else equal to hongze-2024.
    ("hongze-2024-blank", "real/hongze-2024-layout.txt", {"blank": ("表三", -1, 6)}),
    # The five 法人或其他组织 columns of 表三 left EMPTY in every row (all 0 in the
    # source), as a unit whose applicants were all natural persons writes them.
    # Printed to PDF by Chromium (A4 and A5, so 表三 breaks over pages at other
    # rows) and by LibreOffice.
    ("004_6bca9a975aea9322-nolegal", "seeds/004_6bca9a975aea9322.txt", {"blank_columns": (1, 2, 3, 4, 5)}),
    ("hongze-2024-nolegal", "real/hongze-2024-layout.txt", {"blank_columns": (1, 2, 3, 4, 5)}),
]
# .html written for these (hongze-2024 also feeds the LibreOffice-HTML and pandoc
# routes); GBK_HTML_FOR also get a copy in GB18030 declared as gb2312, as old
# government sites serve them.
HTML_FOR = {"hongze-2024", "004_6bca9a975aea9322", "hongze-2024-blank",
            "004_6bca9a975aea9322-nolegal", "hongze-2024-nolegal"}
GBK_HTML_FOR = {"004_6bca9a975aea9322"}

SECTION_TITLES = [
    "总体情况",
    "主动公开政府信息情况",
    "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况",
    "其他需要报告的事项",
]
CN = "一二三四五六七八九十"

# ---------------------------------------------------------------- table templates
# A row is a list of cells; a cell is (kind, text, colspan, rowspan) with kind
# "h" (header/label) or "v" (value slot, filled in order). HTML-style: a row lists
# only the cells that start in it.
def H(t, cs=1, rs=1):
    return ("h", t, cs, rs)


V = ("v", "", 1, 1)


def VS(cs):
    return ("v", "", cs, 1)


def t2_template():
    rows = []
    rows.append([H("第二十条第（一）项", 4)])
    rows.append([H("信息内容"), H("本年制发件数"), H("本年废止件数"), H("现行有效件数")])
    rows.append([H("规章"), V, V, V])
    rows.append([H("行政规范性文件"), V, V, V])
    rows.append([H("第二十条第（五）项", 4)])
    rows.append([H("信息内容"), H("本年处理决定数量", 3)])
    rows.append([H("行政许可"), VS(3)])
    rows.append([H("第二十条第（六）项", 4)])
    rows.append([H("信息内容"), H("本年处理决定数量", 3)])
    rows.append([H("行政处罚"), VS(3)])
    rows.append([H("行政强制"), VS(3)])
    rows.append([H("第二十条第（八）项", 4)])
    rows.append([H("信息内容"), H("本年收费金额（单位：万元）", 3)])
    rows.append([H("行政事业性收费"), VS(3)])
    return rows, [5.1, 3.5, 3.5, 3.5]


T2_ROWNAMES = ["规章", "行政规范性文件", "行政许可", "行政处罚", "行政强制", "行政事业性收费"]

T3_GROUPS_2021 = [
    ("（三）不予公开", ["1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”",
                     "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
                     "7.属于行政执法案卷", "8.属于行政查询事项"]),
    ("（四）无法提供", ["1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
                     "3.补正后申请内容仍不明确"]),
    ("（五）不予处理", ["1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
                     "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息"]),
    ("（六）其他处理", ["1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
                     "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
                     "3.其他"]),
]


def t3_template(groups):
    """groups: list of (label, [sub-labels]); an empty sub-label list = a single row
    whose label spans the two inner label columns (2019-style （六）其他处理)."""
    rows = []
    rows.append([H("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
                 H("申请人情况", 7)])
    rows.append([H("自然人", 1, 2), H("法人或其他组织", 5), H("总计", 1, 2)])
    rows.append([H("商业企业"), H("科研机构"), H("社会公益组织"), H("法律服务机构"), H("其他")])
    rows.append([H("一、本年新收政府信息公开申请数量", 3)] + [V] * 7)
    rows.append([H("二、上年结转政府信息公开申请数量", 3)] + [V] * 7)
    nres = 2 + sum(max(1, len(s)) for _, s in groups) + 1
    rows.append([H("三、本年度办理结果", 1, nres), H("（一）予以公开", 2)] + [V] * 7)
    rows.append([H("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", 2)] + [V] * 7)
    for g, subs in groups:
        if not subs:
            rows.append([H(g, 2)] + [V] * 7)
            continue
        for i, s in enumerate(subs):
            rows.append(([H(g, 1, len(subs))] if i == 0 else []) + [H(s)] + [V] * 7)
    rows.append([H("（七）总计", 2)] + [V] * 7)
    rows.append([H("四、结转下年度继续办理", 3)] + [V] * 7)
    return rows, [1.6, 2.3, 4.3] + [1.06] * 7


def t3_rownames(groups):
    names = ["一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量",
             "三、本年度办理结果/（一）予以公开",
             "三、本年度办理结果/（二）部分公开（区分处理的，只计这一情形，不计其他情形）"]
    for g, subs in groups:
        names += ["三、本年度办理结果/" + g] if not subs else ["三、本年度办理结果/%s/%s" % (g, s) for s in subs]
    return names + ["三、本年度办理结果/（七）总计", "四、结转下年度继续办理"]


def t4_template():
    res = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    rows = [[H("行政复议", 5), H("行政诉讼", 10)],
            [H(x, 1, 2) for x in res] + [H("未经复议直接起诉", 5), H("复议后起诉", 5)],
            [H(x) for x in res] * 2,
            [V] * 15]
    return rows, [1.04] * 15


T3_COLS = ["自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
T4_COLS = ["复议:结果维持", "复议:结果纠正", "复议:其他结果", "复议:尚未审结", "复议:总计",
           "直接起诉:结果维持", "直接起诉:结果纠正", "直接起诉:其他结果", "直接起诉:尚未审结", "直接起诉:总计",
           "复议后起诉:结果维持", "复议后起诉:结果纠正", "复议后起诉:其他结果", "复议后起诉:尚未审结",
           "复议后起诉:总计"]

# ---------------------------------------------------------------- parsing helpers
NUM_RE = re.compile(r"\d+(?:\.\d+)?")
WS = " \t\u3000\xa0"


def key(s):
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


def is_num(s):
    return bool(NUM_RE.fullmatch(s.strip(WS)))


def heading_of(line):
    """(index 0..5, typed numeral prefix or '') if line is a section heading."""
    s = line.strip(WS)
    m = re.fullmatch(r"([一二三四五六七八九十]+、)?\s*(.+)", s)
    if m and m.group(2) in SECTION_TITLES:
        return SECTION_TITLES.index(m.group(2)), m.group(1) or ""
    return None


def cells_pipe(lines):
    """Cells of the '| one cell per line' layout (000, 002): a cell ends with '|'."""
    cells, acc = [], []
    for ln in lines:
        if ln.rstrip().endswith("|"):
            body = ln.rstrip()
            while body.endswith("|"):
                body = body[:-1].rstrip()
            parts = [p for p in body.split("|")]
            # '|||' lines hold only empty (covered) cells; 'x |' closes a cell
            if acc or parts[-1].strip():
                acc.append(parts[-1].rstrip() if len(parts) == 1 else parts[-1])
                txt = "\n".join(a.strip(" ") for a in acc).strip("\n")
                if txt.strip():
                    cells.append(txt)
                acc = []
        elif ln.strip():
            acc.append(ln)
    if acc:
        raise ValueError("text after the last table cell: %r" % acc)
    return cells


def cells_tab(lines):
    """Cells of the 'tab + one cell per line' layout (001, 004); a line without the
    leading tab continues the previous cell (line break inside the cell)."""
    cells = []
    for ln in lines:
        if ln.startswith("\t"):
            cells.append(ln[1:])
        elif cells and ln.strip():
            cells[-1] += "\n" + ln
    return [c.strip(WS) if is_num(c) else c.rstrip(WS) for c in cells if c.strip(WS)]


def table_start(line):
    s = line.strip(WS)
    return (line.startswith("|") or line.startswith("\t")
            or s.startswith(("第二十条第", "申请人情况", "行政复议")))


class Doc:
    def __init__(self, name, src):
        self.name, self.src = name, src
        self.blocks = []      # (kind, payload)
        self.tables = {}      # 表二/表三/表四 -> list of values (str, '' for blank)
        self.labels = {}      # 表X -> list of label cells of the source (for spelling)
        self.t3_groups = T3_GROUPS_2021
        self.label_override = {}
        self.notes = []


def parse_seed(name, path):
    """Seeds: one paragraph per line; tables as one cell per line ('|' or tab layout)."""
    d = Doc(name, path)
    lines = open(path, encoding="utf-8").read().split("\n")
    sec = None
    first_heading = next(i for i, l in enumerate(lines) if heading_of(l))
    # title: leading short lines without a full stop, before the first heading
    i = 0
    while i < first_heading and lines[i].strip() and len(lines[i]) <= 40 and "。" not in lines[i]:
        d.blocks.append(("title", lines[i].strip(WS)))
        i += 1
    tbl_lines = None
    tname = {1: "表二", 2: "表三", 3: "表四"}

    def close_table():
        if tbl_lines is not None:
            t = tname[sec]
            cells = cells_pipe(tbl_lines) if any("|" in x for x in tbl_lines) else cells_tab(tbl_lines)
            d.tables[t] = [c.strip(WS) for c in cells if is_num(c)]
            d.labels[t] = [c for c in cells if not is_num(c)]
            d.blocks.append(("table", t))

    for ln in lines[i:]:
        h = heading_of(ln)
        if h:
            close_table()
            tbl_lines = None
            sec = h[0]
            d.blocks.append(("h1", (h[0], h[1], ln.strip(WS)[len(h[1]):].strip(WS), ln.strip(WS))))
            continue
        if tbl_lines is not None:
            tbl_lines.append(ln)
            continue
        if sec in tname and table_start(ln):
            tbl_lines = [ln]
            continue
        if ln.strip(WS):
            d.blocks.append(("p", ln.rstrip(WS + "\r")))
    close_table()
    return d


def parse_layout(name, path):
    """pdftotext -layout text (hongze-2024): join wrapped lines into paragraphs (a
    paragraph ends with '。'), drop page numbers; table numbers are the numeric tokens."""
    d = Doc(name, path)
    raw = open(path, encoding="utf-8").read().split("\n")
    lines = [l for l in raw if l.strip() and not re.fullmatch(r"\s*-\d+-\s*", l)]
    d.blocks.append(("title", lines[0].strip()))
    d.blocks.append(("title", lines[1].strip()))
    sec, acc, tbl = None, [], None
    tname = {1: "表二", 2: "表三", 3: "表四"}

    def flush():
        nonlocal acc
        if acc:
            d.blocks.append(("p", "".join(acc)))
            acc = []

    def close_table():
        if tbl is not None:
            toks = [t for l in tbl for t in l.split() if is_num(t)]
            d.tables[tname[sec]] = toks
            d.blocks.append(("table", tname[sec]))

    for ln in lines[2:]:
        h = heading_of(ln)
        if h:
            flush()
            close_table()
            tbl = None
            sec = h[0]
            s = ln.strip()
            d.blocks.append(("h1", (h[0], h[1], s[len(h[1]):].strip(), s)))
            continue
        if tbl is not None:
            tbl.append(ln)
            continue
        if sec in tname and table_start(ln):
            flush()
            tbl = [ln]
            continue
        acc.append(ln.strip())
        if ln.rstrip().endswith("。"):
            flush()
    flush()
    close_table()
    return d


def load(name, rel, src, opts):
    path = os.path.join(src, rel)
    if rel.startswith("real/hongze-2024"):
        d = parse_layout(name, path)
        # hongze: 2019-style single （六）其他处理 row and the label typo of the PDF
        g = [x for x in T3_GROUPS_2021 if x[0] != "（六）其他处理"] + [("（六）其他处理", [])]
        d.t3_groups = g
        d.label_override = {"2.其他法律行政法规禁止公开": "2.其他法律行政止公开"}
        d.notes.append("表三: single 2019-style （六）其他处理 row and label typo "
                       "'2.其他法律行政止公开' as in the source PDF")
    else:
        d = parse_seed(name, path)
    d.opts = opts
    nres = len(t3_rownames(d.t3_groups))
    want = {"表二": 10, "表三": 7 * nres, "表四": 15}
    for t, n in want.items():
        got = len(d.tables.get(t, []))
        if got != n:
            sys.exit("%s: %s has %d numbers, want %d" % (name, t, got, n))
    if "blank" in opts:
        t, r, c = opts["blank"]
        ncol = 7 if t == "表三" else 15
        r = r % (len(d.tables[t]) // ncol)
        d.tables[t][r * ncol + c] = ""
        d.notes.append("BLANK cell: %s row %d (%s) column %s — empty, not 0" % (
            t, r + 1, t3_rownames(d.t3_groups)[r] if t == "表三" else "-", T3_COLS[c] if t == "表三" else T4_COLS[c]))
    if "blank_columns" in opts:
        v = d.tables["表三"]
        for r in range(len(v) // 7):
            for c in opts["blank_columns"]:
                if v[r * 7 + c] != "0":
                    sys.exit("%s: 表三 row %d column %d is %r, not 0: cannot be left empty" % (name, r + 1, c + 1, v[r * 7 + c]))
                v[r * 7 + c] = ""
        d.notes.append("BLANK columns of 表三 in every row: %s — empty, not 0" % ", ".join(T3_COLS[c] for c in opts["blank_columns"]))
    return d


def spelled(d, tname, rows):
    """Replace template labels by the source's spelling (NFKC/whitespace-insensitive
    match, in order); apply per-document overrides."""
    src = d.labels.get(tname, [])
    pos = 0
    out = []
    for row in rows:
        nr = []
        for kind, text, cs, rs in row:
            if kind == "h":
                text = d.label_override.get(text, text)
                for j in range(pos, len(src)):
                    if key(src[j]) == key(text):
                        text, pos = src[j], j + 1
                        break
            nr.append((kind, text, cs, rs))
        out.append(nr)
    return out


# ---------------------------------------------------------------- grid layout
def layout(rows, ncols):
    """HTML table algorithm: place origin cells, return per row a list of ncols slots:
    ('cell', cell) | ('covered', None)."""
    occ = {}
    grid = []
    for r, row in enumerate(rows):
        slots = [None] * ncols
        c = 0
        for cell in row:
            while (r, c) in occ:
                c += 1
            _, _, cs, rs = cell
            for dr in range(rs):
                for dc in range(cs):
                    occ[(r + dr, c + dc)] = (r, c)
            slots[c] = ("cell", cell)
            c += cs
        for c in range(ncols):
            if slots[c] is None:
                if (r, c) not in occ:
                    raise ValueError("row %d col %d empty" % (r, c))
                slots[c] = ("covered", None)
        grid.append(slots)
    return grid


def filled(rows, values):
    it = iter(values)
    out = [[(k, next(it) if k == "v" else t, cs, rs) for k, t, cs, rs in row] for row in rows]
    rest = list(it)
    assert not rest, rest
    return out


def tables_of(d):
    t2, w2 = t2_template()
    t3, w3 = t3_template(d.t3_groups)
    t4, w4 = t4_template()
    res = {}
    for name, (rows, widths) in {"表二": (t2, w2), "表三": (t3, w3), "表四": (t4, w4)}.items():
        rows = filled(spelled(d, name, rows), d.tables[name])
        res[name] = (rows, widths)
    return res


# ---------------------------------------------------------------- values file
def write_values(d, path):
    v = d.tables
    L = ["# %s — table values used in %s.docx / .fodt" % (d.name, d.name),
         "# source: %s" % d.src,
         "# format: section header, then one row per line: label<TAB>values; (blank) = empty cell"]
    L += ["# note: " + n for n in d.notes]
    L.append("[表二]\t(规章/行政规范性文件: 本年制发件数 本年废止件数 现行有效件数; others: one number)")
    vals = iter(v["表二"])
    for nm, n in zip(T2_ROWNAMES, [3, 3, 1, 1, 1, 1]):
        L.append(nm + "\t" + "\t".join(next(vals) or "(blank)" for _ in range(n)))
    L.append("[表三]\t" + "\t".join(T3_COLS))
    names = t3_rownames(d.t3_groups)
    rows3 = [v["表三"][7 * i:7 * i + 7] for i in range(len(names))]
    for nm, r in zip(names, rows3):
        L.append(nm + "\t" + "\t".join(x or "(blank)" for x in r))
    L.append("[表四]\t" + "\t".join(T4_COLS))
    L.append("-\t" + "\t".join(x or "(blank)" for x in v["表四"]))
    # identities, for the reader only (values are never changed)
    L.append("# identities (informational; the source's own numbers are kept even where they fail):")
    def n(x):
        return int(x) if x and x.isdigit() else None
    for nm, r in zip(names, rows3):
        xs = [n(x) for x in r]
        if None not in xs and sum(xs[:6]) != xs[6]:
            L.append("#   row sum differs: %s: %s != 总计 %s" % (nm, sum(xs[:6]), xs[6]))
    for c in range(7):
        col = [n(r[c]) for r in rows3]
        if None in col:
            continue
        a = col[0] + col[1]
        b = col[-2] + col[-1]
        res = sum(col[2:-2])
        if a != b or res != col[-2]:
            L.append("#   column %s: 新收+结转=%d, (七)总计+结转下年度=%d, sum of results=%d, (七)总计=%d"
                     % (T3_COLS[c], a, b, res, col[-2]))
    f4 = [n(x) for x in v["表四"]]
    for k in range(3):
        g = f4[5 * k:5 * k + 5]
        if None not in g and sum(g[:4]) != g[4]:
            L.append("#   表四 group %d: sum %d != 总计 %d" % (k + 1, sum(g[:4]), g[4]))
    with open(path, "w", encoding="utf-8") as f:
        f.write("\n".join(L) + "\n")


# ---------------------------------------------------------------- FODT writer
NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
      'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
      'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
      'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
      'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
      'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
      'xmlns:dc="http://purl.org/dc/elements/1.1/" '
      'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"')

FONTS = ["仿宋_GB2312", "黑体", "楷体_GB2312", "方正小标宋简体", "Times New Roman"]


def font_props(cjk, size, bold=False):
    b = ' fo:font-weight="bold" style:font-weight-asian="bold"' if bold else ""
    return ('<style:text-properties style:font-name="Times New Roman" fo:font-size="%spt" '
            'style:font-name-asian="%s" style:font-size-asian="%spt" '
            'fo:language="zh" fo:country="CN" style:language-asian="zh" style:country-asian="CN"%s/>'
            % (size, cjk, size, b))


def level_props(level):
    # label at the paragraph's usual first-line indent of two characters (32pt)
    return ('<style:list-level-properties text:list-level-position-and-space-mode="label-alignment">'
            '<style:list-level-label-alignment text:label-followed-by="nothing" '
            'fo:text-indent="32pt" fo:margin-left="0cm"/></style:list-level-properties>')


def fodt_styles(mode):
    ff = "".join('<style:font-face style:name="%s" svg:font-family="&apos;%s&apos;"/>' % (f, f) for f in FONTS)
    ind = 'fo:text-indent="32pt"'  # two 16pt characters
    para = lambda name, disp, cjk, size, extra="", bold=False, pp="": (
        '<style:style style:name="%s" style:display-name="%s" style:family="paragraph" '
        'style:parent-style-name="Standard"%s><style:paragraph-properties %s/>%s</style:style>'
        % (name, disp, extra, pp, font_props(cjk, size, bold)))
    numlev = lambda tag, lvl, fmt_pre, fmt_suf: (
        '<text:%s text:level="%d" text:style-name="NumChar" style:num-format="一, 二, 三, ..." '
        'style:num-prefix="%s" style:num-suffix="%s">%s</text:%s>'
        % (tag, lvl, fmt_pre, fmt_suf, level_props(lvl), tag))
    return (
        '<office:font-face-decls>%s</office:font-face-decls>' % ff +
        '<office:styles>'
        '<style:default-style style:family="paragraph">'
        '<style:paragraph-properties fo:line-height="28pt"/>' + font_props("仿宋_GB2312", 16) +
        '</style:default-style>'
        '<style:style style:name="Standard" style:family="paragraph" style:class="text"/>'
        # NumChar: zh-CN makes LibreOffice write chineseCountingThousand instead of
        # taiwaneseCountingThousand for the "一, 二, 三, ..." format.
        '<style:style style:name="NumChar" style:display-name="Numbering Symbols" style:family="text">'
        + font_props("仿宋_GB2312", 16) + '</style:style>'
        + para("ReportTitle", "Report Title", "方正小标宋简体", 22, pp='fo:text-align="center" fo:line-height="36pt"')
        + para("Body", "Body Text Indent", "仿宋_GB2312", 16, pp='fo:text-align="justify" ' + ind)
        + para("SectionHeading", "Section Heading", "黑体", 16, pp=ind)
        + para("SubHeading", "Sub Heading", "楷体_GB2312", 16, pp=ind)
        + (para("Heading_20_1", "Heading 1", "黑体", 16, extra=' style:default-outline-level="1"', pp=ind)
           + para("Heading_20_2", "Heading 2", "楷体_GB2312", 16, extra=' style:default-outline-level="2"', pp=ind)
           if mode == "style" else "")
        + '<style:style style:name="Cell" style:display-name="Table Contents" style:family="paragraph">'
          '<style:paragraph-properties fo:text-align="center" fo:line-height="100%"/>'
        + font_props("仿宋_GB2312", 10.5) + '</style:style>'
        # numbering definitions only where used, so the other documents carry none
        + ('<text:list-style style:name="ReportNumbering">'
           + numlev("list-level-style-number", 1, "", "、")
           + numlev("list-level-style-number", 2, "（", "）")
           + '</text:list-style>' if mode == "list" else "")
        + ('<text:outline-style style:name="Outline">'
           + numlev("outline-level-style", 1, "", "、")
           + numlev("outline-level-style", 2, "（", "）")
           + '</text:outline-style>' if mode == "style" else "")
        + '</office:styles>'
        '<office:automatic-styles>'
        '<style:style style:name="TCell" style:family="table-cell"><style:table-cell-properties '
        'fo:border="0.5pt solid #000000" fo:padding="0.05cm" style:vertical-align="middle"/></style:style>'
        '<style:page-layout style:name="A4"><style:page-layout-properties fo:page-width="21cm" '
        'fo:page-height="29.7cm" fo:margin-top="3.7cm" fo:margin-bottom="3.5cm" fo:margin-left="2.8cm" '
        'fo:margin-right="2.6cm"/></style:page-layout>'
        '</office:automatic-styles>'
        '<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="A4"/>'
        '</office:master-styles>')


def odf_text(s):
    """Escape text; keep runs of spaces, line breaks and '[bookmark: X]' markers."""
    out = []
    pos = 0
    for m in re.finditer(r"\[bookmark: ([^\]]+)\]", s):
        out.append(_odf_plain(s[pos:m.start()]))
        out.append('<text:bookmark text:name="%s"/>' % html.escape(m.group(1)))
        pos = m.end()
    out.append(_odf_plain(s[pos:]))
    return "".join(out)


def _odf_plain(s):
    s = html.escape(s, quote=False)
    s = s.replace("\n", "<text:line-break/>").replace("\t", "<text:tab/>")
    # ODF collapses spaces: a leading space or any run after the first needs <text:s/>
    s = re.sub(r"(?<=[^ ]) ( +)", lambda m: " <text:s text:c=\"%d\"/>" % len(m.group(1)), s)
    s = re.sub(r"^( +)", lambda m: '<text:s text:c="%d"/>' % len(m.group(1)), s)
    return s


def fodt_table(name, rows, widths):
    ncols = len(widths)
    grid = layout(rows, ncols)
    o = ['<table:table table:name="%s" table:style-name="%s">' % (name, "T_" + name)]
    o += ['<table:table-column table:style-name="%s_c%d"/>' % ("T_" + name, i) for i in range(ncols)]
    for slots in grid:
        o.append("<table:table-row>")
        for kind, cell in slots:
            if kind == "covered":
                o.append("<table:covered-table-cell/>")
                continue
            k, text, cs, rs = cell
            span = ""
            if cs > 1:
                span += ' table:number-columns-spanned="%d"' % cs
            if rs > 1:
                span += ' table:number-rows-spanned="%d"' % rs
            o.append('<table:table-cell table:style-name="TCell" office:value-type="string"%s>'
                     '<text:p text:style-name="Cell">%s</text:p></table:table-cell>' % (span, odf_text(text)))
        o.append("</table:table-row>")
    o.append("</table:table>")
    st = ['<style:style style:name="T_%s" style:family="table"><style:table-properties '
          'style:width="%.2fcm" table:align="center"/></style:style>' % (name, sum(widths))]
    st += ['<style:style style:name="T_%s_c%d" style:family="table-column"><style:table-column-properties '
           'style:column-width="%.2fcm"/></style:style>' % (name, i, w) for i, w in enumerate(widths)]
    return "".join(o), "".join(st)


SUB_RE = re.compile(r"^([（(])([一二三四五六七八九十]+)([)）])\s*")


def render_fodt(d):
    tables = tables_of(d)
    mode = d.opts.get("numbering")
    body, auto = [], []
    sec = None
    h1_count = 0
    sub_count = 0
    first_list = True

    def listed(level, style, text):
        nonlocal first_list
        attrs = 'xml:id="report-list"' if first_list else 'text:continue-list="report-list"'
        first_list = False
        p = '<text:p text:style-name="%s">%s</text:p>' % (style, odf_text(text))
        if level == 2:
            p = '<text:list><text:list-item>%s</text:list-item></text:list>' % p
        return ('<text:list %s text:style-name="ReportNumbering"><text:list-item>%s'
                '</text:list-item></text:list>' % (attrs, p))

    for kind, x in d.blocks:
        if kind == "title":
            body.append('<text:p text:style-name="ReportTitle">%s</text:p>' % odf_text(x))
        elif kind == "h1":
            idx, numeral, bare, full = x
            sec, sub_count = idx, 0
            h1_count += 1
            if mode and numeral:
                assert numeral == CN[h1_count - 1] + "、", (numeral, h1_count)
            if mode == "list":
                body.append(listed(1, "SectionHeading", bare))
            elif mode == "style":
                body.append('<text:h text:style-name="Heading_20_1" text:outline-level="1">%s</text:h>' % odf_text(bare))
            else:
                body.append('<text:p text:style-name="SectionHeading">%s</text:p>' % odf_text(full))
        elif kind == "p":
            m = SUB_RE.match(x.lstrip(WS))
            short = m and len(x.strip(WS)) <= 30
            style = "SubHeading" if short else "Body"
            if mode and m and sec is not None:
                sub_count += 1
                assert m.group(2) == CN[sub_count - 1], (x, sub_count)
                bare = x.lstrip(WS)[m.end():]
                if mode == "list":
                    body.append(listed(2, style, bare))
                else:
                    # a long run-in paragraph keeps the look of body text but is a Heading 2
                    body.append('<text:h text:style-name="Heading_20_2" text:outline-level="2">%s</text:h>' % odf_text(bare))
            else:
                body.append('<text:p text:style-name="%s">%s</text:p>' % (style, odf_text(x)))
        elif kind == "table":
            rows, widths = tables[x]
            t, st = fodt_table(x, rows, widths)
            body.append(t)
            auto.append(st)
    title = " ".join(x for k, x in d.blocks if k == "title") or d.name
    styles = fodt_styles(mode).replace("</office:automatic-styles>", "".join(auto) + "</office:automatic-styles>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            '<office:document %s office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">'
            '<office:meta><dc:title>%s</dc:title><meta:generator>render.py</meta:generator></office:meta>'
            '%s<office:body><office:text>%s</office:text></office:body></office:document>\n'
            % (NS, html.escape(title), styles, "\n".join(body)))


# ---------------------------------------------------------------- HTML writer
def html_text(s):
    s = re.sub(r"\[bookmark: ([^\]]+)\]", lambda m: "\0%s\0" % m.group(1), s)
    parts = s.split("\0")
    out = []
    for i, p in enumerate(parts):
        if i % 2:
            out.append('<a name="%s"></a>' % html.escape(p))
        else:
            out.append(html.escape(p, quote=False).replace("\n", "<br>"))
    return "".join(out)


def render_html(d):
    tables = tables_of(d)
    o = ['<!DOCTYPE html>', '<html lang="zh-CN"><head><meta charset="utf-8">',
         '<title>%s</title>' % html.escape(" ".join(x for k, x in d.blocks if k == "title") or d.name),
         '<style>body{font-family:"仿宋_GB2312";font-size:16pt} .title{text-align:center;'
         'font-family:"方正小标宋简体";font-size:22pt} h2{font-family:"黑体";font-size:16pt;'
         'font-weight:normal} table{border-collapse:collapse;margin:auto} td,th{border:1px solid #000;'
         'font-size:10.5pt;text-align:center;padding:2px}</style></head><body>']
    for kind, x in d.blocks:
        if kind == "title":
            o.append('<p class="title">%s</p>' % html_text(x))
        elif kind == "h1":
            o.append("<h2>%s</h2>" % html_text(x[3]))
        elif kind == "p":
            o.append("<p>%s</p>" % html_text(x))
        elif kind == "table":
            rows, widths = tables[x]
            o.append('<table border="1" cellspacing="0" cellpadding="2">')
            # percentages: pandoc reads only relative column widths
            o.append("<colgroup>%s</colgroup>" % "".join('<col width="%.1f%%">' % (100 * w / sum(widths)) for w in widths))
            for row in rows:
                cells = []
                for k, text, cs, rs in row:
                    a = (' colspan="%d"' % cs if cs > 1 else "") + (' rowspan="%d"' % rs if rs > 1 else "")
                    cells.append("<td%s>%s</td>" % (a, html_text(text)))
                o.append("<tr>%s</tr>" % "".join(cells))
            o.append("</table>")
    o.append("</body></html>")
    return "\n".join(o) + "\n"


# ---------------------------------------------------------------- verify
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_tables(path):
    """Top-level tables of word/document.xml as grids: per row a dict
    col -> (text, gridSpan, vMerge) for each w:tc, placed by gridBefore/gridSpan."""
    import zipfile
    import xml.etree.ElementTree as ET
    root = ET.fromstring(zipfile.ZipFile(path).read("word/document.xml"))
    out = []
    for tbl in root.iter(W + "tbl"):
        rows = []
        for tr in tbl.findall(W + "tr"):
            c = 0
            gb = tr.find(W + "trPr/" + W + "gridBefore")
            if gb is not None:
                c = int(gb.get(W + "val"))
            row = {}
            for tc in tr.findall(W + "tc"):
                pr = tc.find(W + "tcPr")
                span, vm = 1, None
                if pr is not None:
                    g = pr.find(W + "gridSpan")
                    if g is not None:
                        span = int(g.get(W + "val"))
                    v = pr.find(W + "vMerge")
                    if v is not None:
                        vm = v.get(W + "val") or "continue"
                paras = []
                for p in tc.iter(W + "p"):
                    t = []
                    for el in p.iter():
                        if el.tag == W + "t":
                            t.append(el.text or "")
                        elif el.tag in (W + "br", W + "cr"):
                            t.append("\n")
                        elif el.tag == W + "tab":
                            t.append("\t")
                    paras.append("".join(t))
                row[c] = ("\n".join(paras), span, vm)
                c += span
            rows.append(row)
        out.append(rows)
    return out


def base_doc(dn):
    names = [n for n, _, _ in DOCS]
    if dn in names:
        return dn
    return max((n for n in names if dn.startswith(n + "-")), key=len)


def verify(out, src):
    """Compare every table of every OUT/*.docx with the model: each origin cell at its
    grid position with its gridSpan, its rowspan as vMerge restart + continue cells, and
    its text (labels and values; a blank cell must be empty). Then check the LibreOffice
    text export OUT/check/<name>.txt lists the values in order."""
    bad = 0
    spec = {n: (r, o) for n, r, o in DOCS}
    for f in sorted(os.listdir(out)):
        if not f.endswith(".docx"):
            continue
        dn = f[:-5]
        bn = base_doc(dn)
        rel, opts = spec[bn]
        d = load(bn, rel, src, opts)
        want = tables_of(d)
        got = docx_tables(os.path.join(out, f))
        errs = []
        if len(got) != 3:
            errs.append("%d tables, want 3" % len(got))
        for (tname, (rows, widths)), g in zip(sorted(want.items(), key=lambda t: "表二表三表四".index(t[0])), got):
            grid = layout(rows, len(widths))
            if len(g) != len(grid):
                errs.append("%s: %d rows, want %d" % (tname, len(g), len(grid)))
                continue
            for r, row in enumerate(rows):
                c = 0
                # origin cells with their columns
                placed = [(c, cell) for c, (k, cell) in enumerate(grid[r]) if k == "cell"]
                for c, (k, text, cs, rs) in placed:
                    tc = g[r].get(c)
                    where = "%s r%d c%d" % (tname, r + 1, c + 1)
                    if tc is None:
                        errs.append("%s: no cell starts here (want %r)" % (where, text))
                        continue
                    gt, gspan, gvm = tc
                    if gspan != cs:
                        errs.append("%s: gridSpan %d, want %d" % (where, gspan, cs))
                    if key(gt) != key(text) or (k == "v" and gt.strip() != text):
                        errs.append("%s: text %r, want %r" % (where, gt, text))
                    if rs > 1 and gvm != "restart":
                        errs.append("%s: vMerge %r, want restart (rowspan %d)" % (where, gvm, rs))
                    if rs == 1 and gvm is not None:
                        errs.append("%s: unexpected vMerge %r" % (where, gvm))
                    for dr in range(1, rs):
                        cont = g[r + dr].get(c)
                        if cont is None or cont[2] != "continue" or cont[1] != cs:
                            errs.append("%s: row %d should be a vMerge continue cell of span %d, is %r"
                                        % (where, r + dr + 1, cs, cont))
        # text round trip: values in order among the lines of the text export
        txtf = os.path.join(out, "check", dn + ".txt")
        txt_ok = "no txt"
        if os.path.exists(txtf):
            lines = [l.strip(WS) for l in open(txtf, encoding="utf-8-sig").read().split("\n")]
            vals = [v for t in ("表二", "表三", "表四") for v in d.tables[t]]
            j = next(i for i, l in enumerate(lines) if key(l).startswith(key("第二十条第")))
            nums = [l for l in lines[j:] if is_num(l)]
            txt_ok = "txt values in order" if nums == [v for v in vals if v] else "TXT MISMATCH"
            if txt_ok != "txt values in order":
                errs.append("text export: numbers %s... != values %s..." % (nums[:12], vals[:12]))
        print("%-38s %s; %s" % (dn, "tables OK (spans, merges, labels, values)" if not errs
                                 else "%d table differences" % len(errs), txt_ok))
        for e in errs[:15]:
            print("    " + e)
        bad += bool(errs)
    return bad


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--src", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "testdata"))
    ap.add_argument("--out", required=False)
    ap.add_argument("--verify", metavar="OUT")
    a = ap.parse_args()
    if a.verify:
        sys.exit(1 if verify(a.verify, a.src) else 0)
    os.makedirs(os.path.join(a.out, "values"), exist_ok=True)
    for name, rel, opts in DOCS:
        d = load(name, rel, a.src, opts)
        with open(os.path.join(a.out, name + ".fodt"), "w", encoding="utf-8") as f:
            f.write(render_fodt(d))
        write_values(d, os.path.join(a.out, "values", name + ".txt"))
        if name in HTML_FOR:
            page = render_html(d)
            with open(os.path.join(a.out, name + ".html"), "w", encoding="utf-8") as f:
                f.write(page)
            if name in GBK_HTML_FOR:
                gbk = re.sub(r'<meta charset="utf-8">', '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', page, flags=re.I)
                assert gbk != page, "no charset declaration to replace"
                with open(os.path.join(a.out, name + "-gbk.html"), "wb") as f:
                    f.write(gbk.encode("gb18030"))
        print("wrote %s (%s)" % (name, ", ".join("%s %d" % (t, len(v)) for t, v in sorted(d.tables.items()))))


if __name__ == "__main__":
    main()
