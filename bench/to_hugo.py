#!/usr/bin/env python3
"""Converts a gazette seeds/ folder into Hugo content, story for story, for bench/run.sh.

Plain-text seeds become Markdown with TOML front matter (title, date from a YYYY-MM-DD-
file name prefix, the dek as a param); Markdown seeds keep their TOML front matter, which
Hugo reads as it is. Paths are kept, so both generators see the same folders.
Usage: to_hugo.py SEEDS_DIR HUGO_CONTENT_DIR
"""
import os
import re
import sys

DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})-")


def toml_string(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def plain_text_to_markdown(name, text):
    lines = [line.strip() for line in text.splitlines()]
    while lines and not lines[0]:
        lines.pop(0)
    headline, rest = lines[0], lines[1:]
    front = ["+++", f"title = {toml_string(headline)}"]
    if rest and rest[0]:
        front.append(f"dek = {toml_string(rest[0])}")
        rest = rest[1:]
    found = DATE.match(name)
    if found:
        front.append(f"date = {found.group(1)}")
    front.append("+++")
    body = "\n\n".join(line for line in rest if line)
    return "\n".join(front) + "\n\n" + body + "\n"


def main(seeds, content):
    for folder, _, files in os.walk(seeds):
        for name in sorted(files):
            source = os.path.join(folder, name)
            relative = os.path.relpath(source, seeds)
            target = os.path.join(content, os.path.splitext(relative)[0] + ".md")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(source, encoding="utf-8") as f:
                text = f.read()
            if name.endswith(".txt"):
                text = plain_text_to_markdown(name, text)
            elif not name.endswith(".md"):
                continue
            with open(target, "w", encoding="utf-8") as f:
                f.write(text)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
