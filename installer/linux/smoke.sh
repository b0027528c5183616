#!/usr/bin/env bash
# Smoke-test the BUILT bundle (not the venv): proves nothing is missing from it.
#   installer/linux/smoke.sh [BUNDLE_DIR]     (default: build/dist/casusregie)
# 1. `casusregie --version`;
# 2. `--demo --screenshots DIR` offscreen: every main screen renders;
# 3. a fresh encrypted profile (SQLCipher from the bundle), the demo family imported,
#    a veiligheidsplan PDF and a genogram PNG written by the bundle;
# 4. an office installed on its own (a venv with only locks/office.txt + ./office: no Qt,
#    SQLCipher, reportlab or keyring), started; the bundle enrols and syncs, and the office
#    holds the consented categories of the demo case.
# Every step prints one line; the first failure stops the script with its log.
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
bundle=$(cd "${1:-build/dist/casusregie}" && pwd)
app="$bundle/casusregie"
[ -x "$app" ] || { echo "smoke: geen bundel in $bundle" >&2; exit 1; }

work=$(mktemp -d)
office_pid=""
cleanup() {
  local rc=$?  # the script's own result: stopping the server must not replace it
  if [ -n "$office_pid" ]; then
    kill "$office_pid" 2>/dev/null || true
    wait "$office_pid" 2>/dev/null || true  # a server stopped by SIGTERM reports 143
  fi
  rm -rf "$work"
  exit "$rc"
}
trap cleanup EXIT

# The bundle must not see the repository's code or any venv: a clean environment.
export QT_QPA_PLATFORM=offscreen
export HOME="$work/home" XDG_DATA_HOME="$work/home/.local/share" XDG_CONFIG_HOME="$work/home/.config"
export PYTHON_KEYRING_BACKEND=keyring.backends.fail.Keyring
unset PYTHONPATH VIRTUAL_ENV CASUSREGIE_HOME
mkdir -p "$HOME" "$work/geen-programmas"  # an empty PATH: the bundle needs no OS program
cd "$work"
py=$(command -v python3.11 || command -v python3)

step() { printf 'smoke: %s\n' "$1"; }
fail() {
  echo "smoke: MISLUKT: $1" >&2
  [ -f "$work/log" ] && tail -n 40 "$work/log" >&2
  exit 1
}
bundled() { env -i HOME="$HOME" XDG_DATA_HOME="$XDG_DATA_HOME" XDG_CONFIG_HOME="$XDG_CONFIG_HOME" \
  PATH="$work/geen-programmas" QT_QPA_PLATFORM=offscreen LANG=C.UTF-8 \
  PYTHON_KEYRING_BACKEND="$PYTHON_KEYRING_BACKEND" CASUSREGIE_PASSPHRASE=smoke-wachtwoord-123 \
  "$app" "$@"; }

step "versie"
version=$(bundled --version) || fail "--version"
[[ $version == "casusregie "* ]] || fail "--version gaf: $version"

step "schermafbeeldingen van de demo (offscreen)"
bundled --demo --screenshots "$work/shots" >"$work/log" 2>&1 || fail "--demo --screenshots"
count=$(find "$work/shots" -name '*.png' -size +10k | wc -l)
[ "$count" -ge 10 ] || fail "maar $count schermafbeeldingen"

step "versleuteld profiel, demogezin, veiligheidsplan (PDF) en genogram (PNG)"
store="$work/profiel"
bundled --store "$store" store init --naam "Smoke Test" --geen-sleutelbos >"$work/log" 2>&1 ||
  fail "store init"
bundled --store "$store" store check >"$work/log" 2>&1 || fail "store check"
grep -qi "sqlcipher" "$work/log" || fail "store check noemt geen SQLCipher"
# The demo family the bundle ships (matches the bundle's schema, not the checkout's).
demo_json="$bundle/_internal/casusregie_resources/demo/familie-demo.json"
[ -f "$demo_json" ] || fail "de bundel mist casusregie_resources"
bundled --store "$store" case import "$demo_json" >"$work/log" 2>&1 ||
  fail "case import"
bundled --store "$store" report veiligheidsplan demo-bakker -o "$work/plan.pdf" >"$work/log" 2>&1 ||
  fail "report veiligheidsplan"
bundled --store "$store" report genogram demo-bakker -o "$work/genogram.png" >"$work/log" 2>&1 ||
  fail "report genogram"
"$py" - "$work/plan.pdf" "$work/genogram.png" <<'EOF' || fail "PDF of PNG niet goed"
import struct, sys, zlib
pdf = open(sys.argv[1], "rb").read()
assert pdf.startswith(b"%PDF-") and b"%%EOF" in pdf[-1024:], "no PDF"
assert pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 1, "no page"
assert b"/FontFile2" in pdf, "fonts not embedded"
png = open(sys.argv[2], "rb").read()
assert png[:8] == b"\x89PNG\r\n\x1a\n", "no PNG"
width, height = struct.unpack(">II", png[16:24])
assert width >= 400 and height >= 200, (width, height)
idat = b"".join(png[i + 8 : i + 8 + struct.unpack(">I", png[i:i + 4])[0]]
                for i in range(8, len(png)) if png[i + 4:i + 8] == b"IDAT")
assert len(set(zlib.decompress(idat)[: width * 64])) > 2, "blank picture"
EOF

step "kantoor installeren (alleen locks/office.txt en ./office)"
"$py" -m venv "$work/office-venv"
opip() { "$work/office-venv/bin/python" -m pip --disable-pip-version-check "$@"; }
rm -rf "$root/office/build"  # setuptools would pack stale files left there by an older build
{ opip install --require-hashes -r "$root/locks/office.txt" &&
  opip install --no-deps "$root/office"; } >"$work/log" 2>&1 || fail "kantoor installeren"
for foreign in PySide6 shiboken6 sqlcipher3 reportlab keyring; do
  if "$work/office-venv/bin/python" -c "import $foreign" 2>/dev/null; then
    fail "het kantoor heeft $foreign"
  fi
done
office() { "$work/office-venv/bin/casusregie-office" --data "$work/kantoor" "$@"; }

step "kantoor starten, koppelen en synchroniseren"
port=$("$py" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
# Started directly (not through the function), so that $! is the server and cleanup stops it.
"$work/office-venv/bin/casusregie-office" --data "$work/kantoor" serve --host 127.0.0.1 \
  --port "$port" >"$work/office.log" 2>&1 &
office_pid=$!
"$py" - "$port" <<'EOF' || { cp "$work/office.log" "$work/log"; fail "kantoor start niet"; }
import socket, ssl, sys, time
context = ssl.create_default_context()
context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
for _ in range(600):
    try:
        with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as raw:
            with context.wrap_socket(raw):
                sys.exit(0)
    except OSError:
        time.sleep(0.2)
sys.exit(1)
EOF
code=$(office device add "Smoke laptop" 2>"$work/log" | tail -n 1) || fail "device add"
bundled --store "$store" enroll "https://127.0.0.1:$port" "$code" >"$work/log" 2>&1 ||
  fail "enroll"
# The first send of a category waits until the regisseur has seen what goes.
bundled --store "$store" sync --voorbeeld >"$work/log" 2>&1 || fail "sync --voorbeeld"
grep -q "Er is niets verstuurd" "$work/log" || fail "sync --voorbeeld zegt niet dat er niets ging"
bundled --store "$store" sync >"$work/log" 2>&1 || fail "sync"
office case show demo-bakker >"$work/shown.json" 2>"$work/log" || fail "case show"
"$py" - "$work/shown.json" <<'EOF' || { cp "$work/shown.json" "$work/log"; fail "kantoor mist de casus"; }
import json, sys
shown = json.load(open(sys.argv[1], encoding="utf-8"))
assert "identiteit" in shown["categories"], shown["categories"]
assert "Bakker" in json.dumps(shown, ensure_ascii=False)
EOF
step "alles goed ($count schermafbeeldingen, $(du -sh "$bundle" | cut -f1) bundel)"
