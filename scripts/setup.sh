#!/usr/bin/env bash
# One-step set-up for a fresh Debian machine (Node 20 already there). Idempotent: run it as often as you like.
#   bash scripts/setup.sh             → npm packages + OCR language data + Chromium (for the demo)
#   bash scripts/setup.sh --services  → also PostgreSQL and Redis, started if not answering, and the test role
# Debian packages are installed only when missing, and only when running as root (otherwise it says what to install).
set -euo pipefail
cd "$(dirname "$0")/.."

want_services=0
[[ "${1:-}" == "--services" ]] && want_services=1

missing=()
need_pkg() { dpkg -s "$1" >/dev/null 2>&1 || missing+=("$1"); }
for p in tesseract-ocr tesseract-ocr-chi-sim tesseract-ocr-eng chromium fonts-noto-cjk; do need_pkg "$p"; done
if ((want_services)); then
  command -v pg_ctlcluster >/dev/null || missing+=(postgresql)
  command -v redis-server >/dev/null || missing+=(redis-server)
fi
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    echo "setup: installing Debian packages: ${missing[*]}"
    for i in 1 2 3 4 5 6; do   # another apt run may hold the dpkg lock for a while
      if apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null; then break; fi
      echo "setup: apt-get failed (attempt $i), retrying in 10 s"; sleep 10
    done
  else
    echo "setup: please install these Debian packages (as root): ${missing[*]}" >&2
  fi
fi

echo "setup: npm ci"
# onnxruntime-node's install script would try to download GPU files; the CPU build ships in the package.
ONNXRUNTIME_NODE_INSTALL=skip npm ci --loglevel=warn --no-fund --no-audit

if ((want_services)); then
  if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    ver=$(ls /etc/postgresql | sort -V | tail -1)
    pg_ctlcluster --skip-systemctl-redirect "$ver" main start || true   # exits 2 when already running
  fi
  for _ in $(seq 1 60); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  pg_isready -h 127.0.0.1 -p 5432
  # A password role works whether pg_hba says trust or scram-sha-256 for 127.0.0.1.
  psql_admin() { if [[ $(id -u) -eq 0 ]]; then su postgres -c "psql -qtAX -c \"$1\""; else psql -h 127.0.0.1 -U postgres -qtAX -c "$1"; fi; }
  psql_admin "SELECT 1 FROM pg_roles WHERE rolname='salespath'" | grep -q 1 \
    || psql_admin "CREATE ROLE salespath LOGIN CREATEDB PASSWORD 'salespath'"
  psql_admin "SELECT 1 FROM pg_database WHERE datname='salespath'" | grep -q 1 \
    || psql_admin "CREATE DATABASE salespath OWNER salespath"
  if ! redis-cli -h 127.0.0.1 -p 6379 ping >/dev/null 2>&1; then
    redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --save "" --appendonly no --maxmemory-policy noeviction
  fi
  for _ in $(seq 1 50); do redis-cli -h 127.0.0.1 ping >/dev/null 2>&1 && break; sleep 0.2; done
  redis-cli -h 127.0.0.1 ping
fi
echo "setup: done"
