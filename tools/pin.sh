#!/usr/bin/env bash
# Re-pin the environment: resolve the direct dependencies in a throw-away venv and
# write every package, pinned, to requirements.txt (and its Binder copy).
# Usage: tools/pin.sh   (then run `make test` and commit the result)
set -euo pipefail
cd "$(dirname "$0")/.."
direct="numpy scipy matplotlib ipywidgets anywidget jupyterlab ipykernel scikit-learn voila nbgitpuller"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/pip" install -q $direct
{
  echo "# The series' runtime environment, every package pinned (Binder rebuilds from this file)."
  echo "# Regenerate with tools/pin.sh; never loosen a pin by hand."
  "$tmp/venv/bin/pip" freeze
} > requirements.txt
cp requirements.txt binder/requirements.txt
echo "requirements.txt and binder/requirements.txt re-pinned; now run make test."
