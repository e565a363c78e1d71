#!/usr/bin/env bash
# Set a fresh Debian 12 box up as a Bianmin Kiosk appliance (docs/fleet.md, "The appliance"),
# from a release's wheels, idempotently: run it again and it changes only what is missing or
# different, and says "ok" for the rest.
#
#   sudo scripts/install-appliance.sh --wheels DIR            # install (asks for the key backup)
#   scripts/install-appliance.sh --wheels DIR --dry-run       # print what it would do; change nothing
#   scripts/install-appliance.sh --wheels DIR --root STAGE    # files only, into a staging root
#
# What it sets up:
#   - the system packages the kiosk needs at run time (cage and xwayland among them);
#   - the unprivileged user `kiosk` (no login shell; device groups: video input render dialout
#     lp scanner) and the data directory /var/lib/bianmin (kiosk, 0700);
#   - the release: /opt/bianmin/releases/<version>/ (a venv), built offline from the wheels
#     only (pip --no-index) on the system Python, `current` pointing at it, and the stable
#     /opt/bianmin/bin/kiosk the units run. Everything under /opt/bianmin is root's: the kiosk
#     user cannot change the code that the root-owned update unit runs;
#   - /etc/bianmin/kiosk.toml (the installed configuration; never overwritten) and its working
#     copy under the data directory, which the technician edits (BIANMIN_CONFIG in the units);
#   - the PAM service bianmin-kiosk (a logind session on tty1 gives cage the seat) and the
#     polkit rule that lets the kiosk user mount a USB drive for the support export;
#   - the units from deploy/systemd, enabled: bianmin-kiosk-sync.service,
#     bianmin-kiosk-ui.service (graphical.target becomes the default) and
#     bianmin-kiosk-update.timer;
#   - the data key's backup: the key is made now and the script asks for the backup
#     (`kiosk store key backup`) and its confirmation before it enables the units.
#
# Options:
#   --wheels DIR          the release's wheelhouse (the kiosk's wheel and its pinned dependencies)
#   --version V           the release's version (default: from the kiosk's wheel file name)
#   --dry-run             print every step it would take; change nothing
#   --root DIR            install the files under DIR (an image being built); users, packages,
#                         the key backup and running services are left to the first boot
#   --key-backup-to FILE  write the key backup there (e.g. a USB stick) instead of asking where
#   --key-backup-confirmed  the backup is made and kept off the terminal (no question asked)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

WHEELS="" VERSION="" DRY=0 ROOT="" BACKUP_TO="" CONFIRMED=0
while [ $# -gt 0 ]; do
  case "$1" in
    --wheels) WHEELS="$2"; shift 2 ;;
    --version) VERSION="$2"; shift 2 ;;
    --dry-run) DRY=1; shift ;;
    --root) ROOT="$(realpath -m "$2")"; shift 2 ;;
    --key-backup-to) BACKUP_TO="$2"; shift 2 ;;
    --key-backup-confirmed) CONFIRMED=1; shift ;;
    -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "install-appliance: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
done

DATA=/var/lib/bianmin
OPT=/opt/bianmin
ETC=/etc/bianmin
UNITS=(bianmin-kiosk-sync.service bianmin-kiosk-ui.service bianmin-kiosk-confirm.service
  bianmin-kiosk-update.service bianmin-kiosk-update.timer)
ENABLE=(bianmin-kiosk-sync.service bianmin-kiosk-ui.service bianmin-kiosk-update.timer)
RUNTIME_PACKAGES=(python3 python3-venv cage xwayland libwayland-cursor0 libwayland-egl1
  libpam-systemd pcscd socat sane-utils libsane1 cups fonts-noto-cjk libegl1 libgl1
  libxkbcommon0 libfontconfig1 libdbus-1-3 speech-dispatcher speech-dispatcher-espeak-ng
  espeak-ng udisks2 openssl)
GROUPS_WANTED=(video input render dialout lp scanner)

if [ -z "$WHEELS" ]; then
  echo "install-appliance: --wheels DIR is required (the release's wheelhouse)" >&2
  exit 2
fi
if [ -z "$VERSION" ]; then
  wheel="$(find "$WHEELS" -maxdepth 1 -name 'bianmin_kiosk-*.whl' 2>/dev/null | sort | tail -1)"
  if [ -z "$wheel" ]; then
    echo "install-appliance: no bianmin_kiosk-*.whl in $WHEELS (give --version to name it)" >&2
    exit 2
  fi
  VERSION="$(basename "$wheel" | cut -d- -f2)"
fi
if [ "$DRY" -eq 0 ] && [ -z "$ROOT" ] && [ "$(id -u)" -ne 0 ]; then
  echo "install-appliance: run as root (or with --dry-run / --root DIR)" >&2
  exit 1
fi

R="$ROOT"  # every path the script writes is "$R/…"
step() { printf '%s\n' "$*"; }
ok() { step "ok: $*"; }
# do CMD…: run it (printed), or only print it in a dry run
do_() {
  if [ "$DRY" -eq 1 ]; then step "would: $*"; else step "+ $*"; "$@"; fi
}
system_only() {  # a step that needs the real system (not a staging root)
  if [ -n "$ROOT" ]; then step "skipped under --root (first boot): $*"; return 1; fi
  return 0
}

# 1. packages
missing=()
for p in "${RUNTIME_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
  ok "system packages installed"
elif system_only "apt-get install ${missing[*]}"; then
  do_ apt-get update -qq
  do_ env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# 2. the kiosk user and its groups
if getent passwd kiosk >/dev/null; then
  ok "user kiosk exists"
elif system_only "useradd kiosk"; then
  do_ useradd --system --user-group --home-dir "$DATA" --no-create-home \
    --shell /usr/sbin/nologin --comment "Bianmin Kiosk" kiosk
fi
for g in "${GROUPS_WANTED[@]}"; do
  getent group "$g" >/dev/null || continue
  if id -nG kiosk 2>/dev/null | tr ' ' '\n' | grep -qx "$g"; then
    ok "kiosk is in group $g"
  elif system_only "usermod -aG $g kiosk"; then
    do_ usermod -aG "$g" kiosk
  fi
done

# 3. directories
ensure_dir() {  # PATH MODE OWNER
  local path="$R$1" mode="$2" owner="$3" have
  [ -n "$ROOT" ] && owner="$(id -u):$(id -g)"  # a staging root keeps the builder's owner
  if [ -d "$path" ]; then
    have="$(stat -c '%a %U:%G' "$path")"
    if [ "$have" = "$mode $owner" ] || [ "$(stat -c '%a %u:%g' "$path")" = "$mode $owner" ]; then
      ok "$1 ($mode $owner)"
      return
    fi
  fi
  do_ install -d -m "$mode" -o "${owner%%:*}" -g "${owner##*:}" "$path"
}
ensure_dir "$OPT" 755 root:root
ensure_dir "$OPT/releases" 755 root:root
ensure_dir "$OPT/bin" 755 root:root
ensure_dir "$OPT/docs" 755 root:root
ensure_dir "$ETC" 755 root:root
ensure_dir "$DATA" 700 kiosk:kiosk

# 4. the release, built offline from the wheels only, on the system Python, laid out as
# `kiosk update` lays its releases out (sync/update/release.py): the release directory is the
# venv, its wheels beside, release.json written last (the release is complete)
rel="$OPT/releases/$VERSION"
if [ -f "$R$rel/release.json" ]; then
  ok "release $VERSION installed"
else
  do_ rm -rf "$R$rel"  # an earlier attempt, cut short
  do_ install -d -m 755 "$R$rel/wheels"
  do_ cp -a "$WHEELS/." "$R$rel/wheels/"
  do_ python3 -m venv "$R$rel"
  do_ "$R$rel/bin/python" -m pip --isolated --disable-pip-version-check install --no-index \
    --find-links "$R$rel/wheels" --only-binary :all: "bianmin-kiosk==$VERSION"
  if [ "$DRY" -eq 1 ]; then
    step "would: write $rel/release.json"
  else
    step "+ write $rel/release.json"
    printf '{"version": "%s", "installed_by": "install-appliance.sh"}\n' "$VERSION" > "$R$rel/release.json"
  fi
fi
link() {  # TARGET LINKNAME: an atomic symlink (made beside it, then renamed over it)
  if [ "$(readlink "$R$2" 2>/dev/null)" = "$1" ]; then ok "$2 -> $1"; return; fi
  do_ ln -sfn "$1" "$R$2.new"
  do_ mv -T "$R$2.new" "$R$2"
}
if [ -L "$R$OPT/releases/current" ]; then
  ok "a current release is set ($(readlink "$R$OPT/releases/current")); updates move it"
else
  link "$VERSION" "$OPT/releases/current"
fi
link "$OPT/releases/current/bin/kiosk" "$OPT/bin/kiosk"
install_file() {  # SOURCE DEST MODE: copy when missing or different
  if cmp -s "$1" "$R$2"; then ok "$2"; return; fi
  do_ install -m "$3" "$1" "$R$2"
}
install_file "$here/docs/fleet.md" "$OPT/docs/fleet.md" 644

# 5. configuration: the installed one (never overwritten) and the technician's working copy
if [ -e "$R$ETC/kiosk.toml" ]; then
  ok "$ETC/kiosk.toml (kept as it is)"
else
  install_file "$here/config/kiosk.toml" "$ETC/kiosk.toml" 644
  # the updater, where this release has one: releases under /opt (root's) and the services
  # it restarts (scripts/install-appliance.sh leaves the rest to the technician)
  do_ sed -i \
    -e "s|^# releases_dir = .*|releases_dir = \"$OPT/releases\"|" \
    -e 's|^# restart_command = .*|restart_command = "systemctl restart bianmin-kiosk-sync.service bianmin-kiosk-ui.service"|' \
    "$R$ETC/kiosk.toml"
fi
if [ -e "$R$DATA/kiosk.toml" ]; then
  ok "$DATA/kiosk.toml (the technician's, kept)"
else
  owner=kiosk; [ -n "$ROOT" ] && owner="$(id -u)"
  do_ install -m 600 -o "$owner" -g "$owner" "$R$ETC/kiosk.toml" "$R$DATA/kiosk.toml"
fi

# 6. PAM: the UI unit's logind session on tty1
PAM_TEXT="# Bianmin Kiosk: the touch interface's session on tty1 (bianmin-kiosk-ui.service)
account  required pam_unix.so
session  required pam_unix.so
session  required pam_systemd.so"
if [ "$(cat "$R/etc/pam.d/bianmin-kiosk" 2>/dev/null)" = "$PAM_TEXT" ]; then
  ok "/etc/pam.d/bianmin-kiosk"
elif [ "$DRY" -eq 1 ]; then
  step "would: write /etc/pam.d/bianmin-kiosk"
else
  step "+ write /etc/pam.d/bianmin-kiosk"
  install -d "$R/etc/pam.d"
  printf '%s\n' "$PAM_TEXT" > "$R/etc/pam.d/bianmin-kiosk"
fi

# the support export's USB drives: udisks2 mounts them for the user kiosk (polkit rule)
[ "$DRY" -eq 1 ] || install -d -m 755 "$R/etc/polkit-1/rules.d"
install_file "$here/config/50-bianmin-udisks.rules" /etc/polkit-1/rules.d/50-bianmin-udisks.rules 644

# 7. the units
changed=0
[ "$DRY" -eq 1 ] || install -d "$R/etc/systemd/system"
for u in "${UNITS[@]}"; do
  if cmp -s "$here/deploy/systemd/$u" "$R/etc/systemd/system/$u"; then
    ok "/etc/systemd/system/$u"
  else
    do_ install -m 644 "$here/deploy/systemd/$u" "$R/etc/systemd/system/$u"
    changed=1
  fi
done
if [ "$changed" -eq 1 ] && [ -z "$ROOT" ]; then
  do_ systemctl daemon-reload
fi
SYSTEMCTL=(systemctl); [ -n "$ROOT" ] && SYSTEMCTL=(systemctl "--root=$ROOT")

# 8. the data key and its backup, before the units are enabled
confirmed_file="$DATA/.key-backup-confirmed"
if [ -e "$R$confirmed_file" ]; then
  ok "the data key's backup was confirmed ($(cat "$R$confirmed_file"))"
elif system_only "the data key's backup (kiosk store key backup)"; then
  if [ "$DRY" -eq 1 ]; then
    step "would: make the data key and ask for its backup (kiosk store key backup --to FILE)"
  else
    kiosk_as_kiosk=(runuser -u kiosk -- env "BIANMIN_CONFIG=$DATA/kiosk.toml" "BIANMIN_DATA=$DATA" "$OPT/bin/kiosk")
    if [ "$CONFIRMED" -eq 0 ]; then
      if [ -z "$BACKUP_TO" ] && [ -t 0 ]; then
        read -r -p "Where should the data key's backup go (a file on a USB stick)? " BACKUP_TO
      fi
      if [ -n "$BACKUP_TO" ]; then
        step "+ kiosk store key backup --to $BACKUP_TO"
        tmp="$(mktemp -d)"; chown kiosk "$tmp"
        "${kiosk_as_kiosk[@]}" store key backup --to "$tmp/kiosk-key.backup"
        install -m 600 "$tmp/kiosk-key.backup" "$BACKUP_TO"; rm -rf "$tmp"
      fi
      answer=""
      if [ -t 0 ]; then
        read -r -p "Is the backup and its passphrase kept apart, off this terminal? [y/N] " answer
      fi
      case "$answer" in y|Y|yes|YES) CONFIRMED=1 ;; esac
    fi
    if [ "$CONFIRMED" -ne 1 ]; then
      echo "install-appliance: not finished: the data key's backup is not confirmed." >&2
      echo "  Make it (kiosk store key backup --to FILE, as user kiosk), then run again with" >&2
      echo "  --key-backup-confirmed. A lost key cannot be replaced: the queued data is lost with it." >&2
      exit 1
    fi
    date -u +%Y-%m-%dT%H:%M:%SZ > "$confirmed_file"
    chown kiosk:kiosk "$confirmed_file"
    step "+ the data key's backup is confirmed"
  fi
fi

# 9. enable the units (they start at the next boot, or now: systemctl start …)
for u in "${ENABLE[@]}"; do
  if "${SYSTEMCTL[@]}" is-enabled --quiet "$u" 2>/dev/null; then
    ok "$u enabled"
  else
    do_ "${SYSTEMCTL[@]}" enable "$u"
  fi
done
# the default target: what `systemctl set-default graphical.target` writes
link /lib/systemd/system/graphical.target /etc/systemd/system/default.target
step "done: release $VERSION; start it with: systemctl start bianmin-kiosk-ui.service (or reboot)"
