"""Putting a written file in its place: the helpers the PDF writer and the spreadsheet export share (a leaf
module, as ``errors``: it imports nothing of ours)."""

from __future__ import annotations

import os
import time
from functools import cache
from pathlib import Path


@cache
def process_umask() -> int:
    """The process's umask, read without changing it where the system allows (threads are running)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def replace_file(temporary: str, target: Path, tries: int = 10, pause: float = 0.2) -> None:
    """Put the written file in the target's place. On Windows a virus scan or a preview holds a file for a
    moment, and the replace is refused: tried again for two seconds before another program is blamed."""
    for attempt in range(tries):
        try:
            os.replace(temporary, target)
            return
        except PermissionError:
            if attempt == tries - 1:
                raise
            time.sleep(pause)
