"""Find the line of a key path in TOML text, so that a kit error can say where to look.

tomllib gives values, not positions. This scanner follows table headers (``[a]``, ``[[a]]``, counting
array-of-tables entries) and ``key =`` lines well enough for the files of a kit: a key path such as
``("block", 3, "minutes")`` finds the line of ``minutes =`` under the fourth ``[[block]]``.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\"' ]+?)\s*\]\]?\s*(#.*)?$")
_KEY = re.compile(r"^\s*([A-Za-z0-9_\-]+|\"[^\"]*\")\s*=")

KeyPath = tuple[str | int, ...]


def line_of(text: str, path: KeyPath) -> int:
    """The 1-based line where ``path`` is written, or of its nearest written parent (1 if none)."""
    lines = text.splitlines()
    table: tuple[str | int, ...] = ()
    counts: dict[tuple[str | int, ...], int] = {}
    best, best_depth = 1, -1
    for number, line in enumerate(lines, start=1):
        header = _HEADER.match(line)
        if header:
            names = tuple(part.strip().strip("\"'") for part in header.group(2).split("."))
            if header.group(1) == "[[":
                index = counts.get(names, -1) + 1
                counts[names] = index
                table = (*names, index)
            else:
                table = names
            depth = _common(table, path)
            if depth == len(table) and depth > best_depth:
                best, best_depth = number, depth
            continue
        key = _KEY.match(line)
        if key:
            full = (*table, key.group(1).strip('"'))
            depth = _common(full, path)
            if depth == len(full) and depth > best_depth:
                best, best_depth = number, depth
                rest = path[depth:]
                if rest and isinstance(rest[0], int):
                    best = _inline_item(lines, number, rest) or best
    return best


def _inline_item(lines: list[str], start: int, rest: KeyPath) -> int | None:
    """In ``key = [ {…}, {…} ]`` written over several lines: the line of item ``rest[0]`` (and of its key
    ``rest[1]`` when that is on a line of its own)."""
    seen = -1
    for number in range(start, len(lines) + 1):
        line = lines[number - 1]
        seen += line.count("{")
        if seen >= rest[0]:
            if len(rest) > 1 and isinstance(rest[1], str):
                for later in range(number, min(len(lines), number + 20) + 1):
                    if re.search(rf"\b{re.escape(rest[1])}\s*=", lines[later - 1]):
                        return later
            return number
        if number > start and line.strip().startswith("]"):
            return None
    return None


def _common(a: KeyPath, b: KeyPath) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def format_path(path: KeyPath) -> str:
    """``("block", 3, "minutes")`` → ``block[4].minutes`` (1-based, as a facilitator counts)."""
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out
