#!/usr/bin/env bash
# factbeat quick start: set up everything, load the real data, print the figures reporters quote.
#
#   ./quickstart.sh            # from a clean clone, with ../shared/data beside the repository
#
# Safe to run again: installs are skipped when present and ingesting the same file twice stores nothing.
set -euo pipefail
cd "$(dirname "$0")"

MIRROR="${FACTBEAT_MIRROR:-../shared/data}"
export FACTBEAT_DB="${FACTBEAT_DB:-$PWD/factbeat.duckdb}"

# 1. Python environment with factbeat and its test tools (versions pinned in pyproject.toml).
if [ ! -x .venv/bin/python ]; then
  python3 -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]"

# 2. Chromium for the browser tests (Debian's package; Playwright drives it).  Needs root/apt.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's chromium for the browser tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "note: /usr/bin/chromium is missing and this user cannot apt-get it; browser tests will be skipped." >&2
  fi
fi

# 3. Java 17 for the Spark engine of check-archive and its tests (Debian's package).  Needs root/apt.
if ! command -v java >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian's openjdk-17-jre-headless for the Spark tests..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jre-headless >/dev/null
  else
    echo "note: java is missing and this user cannot apt-get it; Spark tests will be skipped." >&2
  fi
fi

# 4. The main job: load the official data from the local mirror and print sourced figures.
.venv/bin/factbeat download all --mirror "$MIRROR"
.venv/bin/factbeat figure Barnet "violence against the person" 2016
.venv/bin/factbeat rank "violence against the person" 2016 --by rate --order asc
