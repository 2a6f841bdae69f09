#!/usr/bin/env bash
# The GitHub Action's work (action.yml runs it; so can any CI job): expand the
# scenario globs, run `tollgate check` with annotations for the log, then
# `tollgate comment github` (compare against the base branch, post or update
# the comment). Exits 3 when a scenario is over budget and the policy is fail,
# after the comment is posted; any other failure keeps its own exit code.
set -uo pipefail

tollgate=(${TOLLGATE_BIN:-tollgate})
policy="${TOLLGATE_ON_OVER_BUDGET:-fail}"
behavior="${TOLLGATE_BEHAVIOR:-update}"
case "$policy" in fail|comment) ;; *) echo "::error::on-over-budget must be fail or comment, got '$policy'"; exit 2 ;; esac

shopt -s nullglob globstar
files=()
for pattern in ${TOLLGATE_SCENARIOS:-scenarios/*.yaml}; do
  matched=($pattern)
  if [ ${#matched[@]} -eq 0 ]; then echo "::warning::no scenario matches $pattern"; fi
  files+=("${matched[@]}")
done
if [ ${#files[@]} -eq 0 ]; then
  echo "::error::no scenario files match '${TOLLGATE_SCENARIOS:-scenarios/*.yaml}'"
  exit 2
fi

# The base commit of the pull request must be in the clone for git show; a
# shallow checkout (actions/checkout's default depth 1) lacks it: fetch just it.
if [ -n "${GITHUB_EVENT_PATH:-}" ] && [ -f "$GITHUB_EVENT_PATH" ]; then
  base=$(node -e 'const e = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); process.stdout.write(e.pull_request?.base?.sha ?? "")' "$GITHUB_EVENT_PATH")
  if [ -n "$base" ] && ! git cat-file -e "$base^{commit}" 2>/dev/null; then
    git fetch --no-tags --depth=1 origin "$base" || echo "::warning::could not fetch the base commit $base"
  fi
fi

"${tollgate[@]}" check "${files[@]}" --format github-annotations
check=$?
"${tollgate[@]}" comment github "${files[@]}" --behavior "$behavior" --on-over-budget comment
comment=$?

if [ "$comment" -ne 0 ]; then exit "$comment"; fi
if [ "$check" -ne 0 ] && [ "$check" -ne 3 ]; then exit "$check"; fi
if [ "$check" -eq 3 ] && [ "$policy" = fail ]; then
  echo "::error::a scenario is over budget (on-over-budget: fail)"
  exit 3
fi
exit 0
