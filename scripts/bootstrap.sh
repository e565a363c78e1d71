#!/usr/bin/env bash
# Install everything Bianmin Kiosk needs on a Debian 12 machine, idempotently:
# system packages (as root, via apt) and a project virtual environment in .venv.
# Safe to run again; it only does work that is missing.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

APT_PACKAGES=(
  # smart cards: pcscd, vpcd, and what pyscard builds against
  pcscd vsmartcard-vpcd libpcsclite-dev swig
  # serial: socat for named pty pairs
  socat
  # scanner: SANE and the headers python-sane builds against
  sane-utils libsane1 libsane-dev
  # Qt offscreen and under Xvfb, CJK fonts
  fonts-noto-cjk libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6
  libglib2.0-0 libxkbcommon0 zlib1g libzstd1
  xvfb xauth libx11-xcb1 libxcb1 libxcb-cursor0 libxcb-glx0 libxcb-icccm4 libxcb-image0
  libxcb-keysyms1 libxcb-randr0 libxcb-render0 libxcb-render-util0 libxcb-shape0 libxcb-shm0
  libxcb-sync1 libxcb-util1 libxcb-xfixes0 libxcb-xkb1 libxkbcommon-x11-0 libgl1-mesa-dri
  libglx-mesa0 libegl-mesa0
  # voice guidance
  speech-dispatcher speech-dispatcher-espeak-ng libspeechd2 espeak-ng
  # systemd-analyze: the unit files' check (tests/test_unit_files.py, tests/appliance)
  systemd
  # the appliance's compositor (deploy/systemd/bianmin-kiosk-ui.service) and Qt's Wayland
  # platform plugin's libraries: tests/appliance/test_cage.py runs the kiosk under cage
  cage xwayland libwayland-cursor0 libwayland-egl1
  # support export to a USB drive: udisks2 and what its test starts (udev, a system bus,
  # polkitd; tests/core/udisks_rig.py), mkfs.ext4 for the drive image
  udisks2 udev dbus dbus-daemon dbus-bin polkitd e2fsprogs util-linux mount passwd
  # openssl: tests/core/test_seals.py checks the seal certificates with OpenSSL itself
  openssl
  # the A4 document printer: CUPS, the cups-pdf virtual printer (the simulator), the headers
  # pycups builds against, pdfinfo/pdftoppm to check what cups-pdf wrote
  cups printer-driver-cups-pdf libcups2-dev poppler-utils
  # build tools for packages that compile
  gcc pkg-config
)

missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "bootstrap: these system packages are missing and need root: ${missing[*]}" >&2
    exit 1
  fi
  echo "bootstrap: installing system packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The A4 printer simulator's CUPS backend (drivers/document_printer/bianmin-sim): CUPS runs a
# backend of mode 0700 as root, as it runs cups-pdf, which this one wraps.
backend=/usr/lib/cups/backend/bianmin-sim
if [ -d /usr/lib/cups/backend ] && ! cmp -s drivers/document_printer/bianmin-sim "$backend"; then
  if [ "$(id -u)" -eq 0 ]; then
    install -m 0700 drivers/document_printer/bianmin-sim "$backend"
  else
    echo "bootstrap: the A4 printer simulator's CUPS backend needs root: install -m 0700 drivers/document_printer/bianmin-sim $backend" >&2
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
stamp=.venv/.bianmin-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -e ".[test]"
  touch "$stamp"
fi
# Bytecode for the kiosk's own packages, as a non-editable pip install would have compiled
# it: without it every start compiles them again (and PYTHONDONTWRITEBYTECODE=1 environments
# never cache it). Quick when nothing changed; Python ignores a stale file.
.venv/bin/python -m compileall -q -j 0 kiosk ui drivers sync terminal >/dev/null
echo "bootstrap: ready (.venv)"
