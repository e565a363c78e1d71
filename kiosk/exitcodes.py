"""Exit codes shared by every ``kiosk`` command (architecture.md, "Command line")."""

from enum import IntEnum


class Exit(IntEnum):
    OK = 0
    UNEXPECTED = 1
    USAGE = 2
    NOTHING = 3  # no card, no code before the timeout, no paper fed
    DEVICE = 4  # device or protocol failure, reason on stderr
    CONFIG = 5  # configuration invalid
    PLATFORM = 6  # platform unreachable or refused our credentials
    STORE = 7  # store unusable: data key missing or wrong, database unrecoverable, disk full
    WORK_REMAINS = 10  # e.g. sync --once left rows for a later retry
