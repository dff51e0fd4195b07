#!/usr/bin/env bash
# Make, or move forward, the branch `students`: the repository at REF (default HEAD) without the
# worked solutions, i.e. without notebooks/solutions/, notebooks/zh/solutions/ (the Chinese
# edition's) and source/ (the notebooks' sources and translations, which hold the solution cells). It is what an nbgitpuller link and the hub's image are made from.
#
# Each run adds one commit on top of `students` and never rewrites it, so the copies nbgitpuller
# made in the students' homes update by a merge that keeps their work. Neither the working tree
# nor the index is touched (a temporary index is used).
#
# Usage: tools/students_branch.sh [REF]      then: git push origin students
set -euo pipefail
ref=${1:-HEAD}
cd "$(git rev-parse --show-toplevel)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export GIT_INDEX_FILE="$tmp/index"
git read-tree "$ref"
git rm -r -q --cached --ignore-unmatch notebooks/solutions notebooks/zh/solutions source
tree=$(git write-tree)
parent=$(git rev-parse -q --verify refs/heads/students || true)
if [ -n "$parent" ] && [ "$(git rev-parse "$parent^{tree}")" = "$tree" ]; then
  echo "students already has $(git rev-parse --short "$ref") without the solutions"
  exit 0
fi
commit=$(git commit-tree "$tree" ${parent:+-p "$parent"} \
  -m "Student versions of $(git rev-parse --short "$ref"): no solutions, no source")
git update-ref refs/heads/students "$commit" ${parent:+"$parent"}
echo "students is now $(git rev-parse --short "$commit"); publish it with: git push origin students"
