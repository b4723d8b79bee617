#!/usr/bin/env python3
"""Renders docs/differences.md as the man page hadaemon-ha.cf(5), so `man hadaemon-ha.cf` says
what the package's README says, word for word, and never drifts from it.

    differences-man.py docs/differences.md DATE VERSION > hadaemon-ha.cf.5

Headings become sections; each table row of "Heartbeat 3.0.6 | hadaemon | why" becomes a tagged
paragraph; other paragraphs are kept. Only the Markdown the file uses is understood: `code`,
**bold**, tables, lists and paragraphs."""
import re
import sys


def inline(text):
    text = text.replace("\\", "\\e")
    text = re.sub(r"`([^`]*)`", lambda m: "\\fB" + m.group(1) + "\\fR", text)
    text = re.sub(r"\*\*([^*]*)\*\*", lambda m: "\\fB" + m.group(1) + "\\fR", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\*([^*]+)\*", lambda m: "\\fI" + m.group(1) + "\\fR", text)
    text = text.replace("\\e|", "|")
    # ASCII only: groff's own names where it has one (they render on every device), else the code point.
    return "".join(c if ord(c) < 128 else GLYPHS.get(c, "\\[u%04X]" % ord(c)) for c in text)


GLYPHS = {
    "\u2014": "\\(em", "\u2013": "\\(en", "\u2026": "...", "\u00d7": "\\(mu", "\u2192": "\\(->", "\u2264": "\\(<=",
    "\u2265": "\\(>=", "\u2248": "\\(~~", "\u201c": "\\(lq", "\u201d": "\\(rq", "\u2019": "\\(cq", "\u2018": "\\(oq",
    "\u00b1": "\\(+-", "\u2260": "\\(!=", "\u00b5": "\\(mc",
}


def roff_line(text):
    text = inline(text.strip())
    # A line starting with . or ' would be a request.
    return "\\&" + text if text[:1] in ".'" else text


def cells(row):
    row = row.strip().strip("|")
    return [c.strip() for c in re.split(r"(?<!\\)\|", row)]


def main():
    source, date, version = sys.argv[1], sys.argv[2], sys.argv[3]
    lines = open(source, encoding="utf-8").read().splitlines()
    out = [
        '.TH HADAEMON-HA.CF 5 "%s" "hadaemon %s" "File Formats"' % (date, version),
        ".SH NAME",
        "hadaemon-ha.cf \\- how hadaemon reads ha.cf, authkeys and haresources, and where it differs from Heartbeat 3.0.6",
        ".SH DESCRIPTION",
        "hadaemon reads the same three files in /etc/ha.d as Heartbeat 3.0.6, with the same rules,",
        "as described in Heartbeat's own",
        ".BR ha.cf (5)",
        "and",
        ".BR authkeys (5).",
        "Check a configuration with",
        ".B hadaemon config check --config-dir /etc/ha.d",
        "before deploying it. The differences below are deliberate; each is covered by a test.",
    ]
    header = None
    paragraph = []

    def flush():
        if paragraph:
            out.append(".PP")
            out.extend(roff_line(p) for p in paragraph)
            paragraph.clear()

    for line in lines[1:]:
        if line.startswith("#"):
            flush()
            level = len(line) - len(line.lstrip("#"))
            title = line.lstrip("#").strip()
            out.append((".SH " if level <= 2 else ".SS ") + ('"%s"' % inline(title).upper() if level <= 2 else '"%s"' % inline(title)))
            header = None
        elif line.startswith("|"):
            flush()
            row = cells(line)
            if all(re.fullmatch(r":?-+:?", c) for c in row if c):
                continue
            if header is None:
                header = row
                continue
            out.append(".TP")
            out.append(roff_line(row[0]) if row[0] else "(new)")
            for name, value in zip(header[1:], row[1:]):
                if value:
                    out.append(".br")
                    out.append(roff_line("%s: %s" % (name, value)))
        elif line.startswith("- "):
            flush()
            out.append(".IP \\(bu 2")
            out.append(roff_line(line[2:]))
        elif not line.strip():
            flush()
            header = None
        else:
            paragraph.append(line)
    flush()
    out += [".SH SEE ALSO", ".BR hadaemon (8),", ".BR haconsole (1),", ".BR cl_status (1),", ".BR ha.cf (5),", ".BR authkeys (5)"]
    print("\n".join(out))


main()
