#!/usr/bin/env bash
# Install everything (system packages, .venv) and run the kiosk.
# With no configuration: simulated devices and a local platform simulator (embedded defaults).
# Extra arguments go to `kiosk run` (e.g. scripts/run.sh --offscreen).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"
bash scripts/bootstrap.sh
exec .venv/bin/kiosk run "$@"
