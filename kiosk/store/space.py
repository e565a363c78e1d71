"""Free space on the data directory's file system: the reserve below which the terminal takes
no new applications and the sync agent deletes the scans of confirmed applications early.

One threshold for both, so that a terminal that stops taking applications for want of space is
also one whose agent is freeing it: 64 MiB, or a twentieth of a small file system.
"""

from __future__ import annotations

import os
from pathlib import Path

LOW_SPACE_BYTES = 64 * 1024 * 1024


def low_on_space(path: str | os.PathLike[str]) -> bool:
    """Whether the file system holding ``path`` is below the reserve (False if it cannot tell)."""
    try:
        st = os.statvfs(Path(path))
    except OSError:
        return False
    return st.f_bavail * st.f_frsize < min(LOW_SPACE_BYTES, st.f_blocks * st.f_frsize / 20)
