#!/usr/bin/env bash
# Set up ivrkit on a fresh machine: a virtual environment in .venv with ivrkit installed,
# and the Debian packages the tools and tests use (Graphviz for `ivrkit graph | dot`,
# espeak-ng for speech, Voikko for Finnish words, tmux for the terminal test).
# Safe to run again: it only installs what is missing.
#
#   scripts/bootstrap.sh          # ivrkit itself
#   scripts/bootstrap.sh --dev    # plus the test dependencies
set -euo pipefail
cd "$(dirname "$0")/.."

extra=""
[ "${1:-}" = "--dev" ] && extra="[dev]"

missing=()
command -v dot >/dev/null 2>&1 || missing+=(graphviz)
command -v espeak-ng >/dev/null 2>&1 || missing+=(espeak-ng libespeak-ng1)
[ -e /usr/lib/voikko ] || [ -e /usr/share/voikko ] || missing+=(libvoikko1 voikko-fi)  # Finnish lemmas and spelling
command -v tmux >/dev/null 2>&1 || missing+=(tmux)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then apt=(apt-get); elif command -v sudo >/dev/null 2>&1; then apt=(sudo apt-get); else apt=(); fi
  if [ ${#apt[@]} -gt 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bootstrap: installing ${missing[*]}"
    "${apt[@]}" update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y -qq "${missing[@]}" >/dev/null
  else
    echo "bootstrap: please install ${missing[*]} with your package manager" >&2
  fi
fi

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install -q --disable-pip-version-check --upgrade pip >/dev/null
.venv/bin/python -m pip install -q --disable-pip-version-check -e ".${extra}"
if [ -n "$extra" ]; then
  # frslint checks FreeSWITCH exports (tests/exporters/test_freeswitch_frslint.py). It installs top-level
  # packages named `lint`, `log`, `debug`, ..., so it gets a virtual environment of its own.
  if [ ! -x .venv-frslint/bin/frslint ]; then
    "$python" -m venv .venv-frslint
    .venv-frslint/bin/python -m pip install -q --disable-pip-version-check "frslint==0.1.0"
  fi
fi
echo "bootstrap: ready ($(.venv/bin/ivrkit --version))"
