#!/usr/bin/env python3
"""Turns a README.md of statengeneraal/laws-markdown into plain text the way the shared corpus
and ../shared/real-grs/ were made: the <meta> line goes, markdown heading marks (#) and
emphasis marks (*, **) are removed, a link keeps its words and loses its target, trailing
spaces go. Words, numbering and line structure stay untouched: every other line, blank ones
included, is kept as it stands.

Usage: tools/laws-markdown-to-txt.py README.md > NAME_BWBRxxxxxxx.txt"""
import re
import sys

# A target may hold one pair of parentheses itself ("wet/luchtvaart/(inrichting/...").
LINK = re.compile(r"\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")
# Emphasis marks around words ("*de minister:*", "**Let op**"); a lone star (a footnote
# mark, "5*") has no partner on its line and stays.
EMPHASIS = re.compile(r"(\*{1,2})(?=\S)([^*\n]*?\S)\1")
HEADING = re.compile(r"^\s*#+\s*")


def convert(md: str) -> str:
    lines = md.split("\n")
    if lines and lines[0].startswith("<meta"):
        lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    out = []
    for line in lines:
        line = HEADING.sub("", line)
        line = LINK.sub(r"\1", line)
        line = EMPHASIS.sub(r"\2", line)
        out.append(line.rstrip())
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(convert(open(sys.argv[1], encoding="utf-8").read()))
