#!/usr/bin/env bash
# Grade what a learner's pull request changes, in a course repository. Called by
# .github/workflows/grade.yml (copy both files into the course repository); grade's own tests
# run this very file in a simulated course.
#
# What it grades: every week folder (weekN/ or assignments/weekN/) holding a changed file, as
# one learner's submission; each other changed .py or .ipynb with `grade auto`, when it is an
# assignment of some week. For each: `::error` annotations on the lines of the functions that
# lost points, the Markdown report appended to $GITHUB_STEP_SUMMARY, an HTML report in
# $GRADE_REPORTS (the workflow keeps it as an artifact).
#
# Answers: with GRADE_SOLUTIONS (the instructor's private solutions folder, checked out by the
# workflow with a secret) the references grade, on hidden cases when GRADE_SEED is set too;
# without it, the public cases inside the installed package grade, and GRADE_SEED is ignored
# (hidden cases need the references).
#
# Course: the one GRADE_COURSE names (a course folder the workflow checked out), else the
# course built into grade (with any installed course package): never a grade.toml found in the
# learners' repository, whose specs grade would run.
#
# Environment: BASE (the pull request's base commit; empty or unknown: every file of the
#   branch), THRESHOLD (percent, default 60), GRADE_REPORTS (default grade-reports),
#   GITHUB_STEP_SUMMARY, GITHUB_OUTPUT (both optional), GRADE_SOLUTIONS, GRADE_SEED,
#   GRADE_COURSE.
# Exit code: 0 when everything graded reaches the threshold (or nothing is to be graded);
#   1 when a score is below it, or a target could not be graded.
set -uo pipefail

threshold="${THRESHOLD:-60}"
reports="${GRADE_REPORTS:-grade-reports}"
summary="${GITHUB_STEP_SUMMARY:-/dev/null}"

if [ -n "${GRADE_SOLUTIONS:-}" ] && [ -d "$GRADE_SOLUTIONS" ]; then
  cases="the instructor's references"
  if [ -n "${GRADE_SEED:-}" ]; then cases="hidden cases (the instructor's references)"; fi
else
  unset GRADE_SOLUTIONS GRADE_SEED
  cases="the public cases of the installed grade"
fi

if [ -z "${GRADE_COURSE:-}" ]; then
  if ! GRADE_COURSE="$(python -c 'from grader.courses.registry import BUILT_IN; print(BUILT_IN)')"
  then
    echo "::error title=grade::grade is not installed for this Python"
    exit 1
  fi
  export GRADE_COURSE
fi

changed() {
  # File names from git, NUL-separated: any name is safe.
  if [ -n "${BASE:-}" ] && git cat-file -e "$BASE^{commit}" 2>/dev/null; then
    git diff --name-only -z --diff-filter=d "$BASE"...HEAD
  else
    git ls-files -z  # a manual run: every file of the branch
  fi
}

targets() {
  # One line per thing to grade, "WEEK<TAB>PATH", sorted, each once.
  local file
  while IFS= read -r -d '' file; do
    if [[ "$file" == *[$'\t\r\n%']* ]]; then
      continue  # such a name would break the list and the workflow commands
    elif [[ "$file" =~ ^((assignments/)?(week[0-9]+))/ ]]; then
      if [ -d "${BASH_REMATCH[1]}" ]; then
        printf '%s\t%s\n' "${BASH_REMATCH[3]}" "${BASH_REMATCH[1]}"
      fi
    elif [[ "$file" == *.py || "$file" == *.ipynb ]] && [[ "$file" != .* ]]; then
      printf 'auto\t%s\n' "$file"
    fi
  done < <(changed) | sort -u
}

list="$(targets)"
count=0
[ -n "$list" ] && count="$(printf '%s\n' "$list" | wc -l | tr -d ' ')"
[ -n "${GITHUB_OUTPUT:-}" ] && echo "count=$count" >> "$GITHUB_OUTPUT"
if [ "$count" -eq 0 ]; then
  echo "grade: this pull request changes no assignment"
  printf 'grade: this pull request changes no assignment.\n' >> "$summary"
  exit 0
fi
echo "grade: $count to grade, with $cases:"
printf '%s\n' "$list"
printf '_Graded with %s; threshold %s%%._\n\n' "$cases" "$threshold" >> "$summary"

mkdir -p "$reports"
failed=0
while IFS=$'\t' read -r week target; do
  report="$reports/$(printf '%s' "$target" | tr -c 'A-Za-z0-9._-' '_').html"
  single=()
  [ "$week" != auto ] && single=(--single)  # a learner's folder is one submission
  grade "$week" "$target" "${single[@]}" --format github --format html --output - \
    --output "$report" --fail-under "$threshold"
  code=$?
  if [ "$code" -eq 2 ] && [ "$week" = auto ]; then
    echo "::notice title=grade::$target is not an assignment of any week; not graded"
  elif [ "$code" -eq 1 ]; then
    echo "::error title=grade::$target scores below the threshold ($threshold percent)"
    failed=1
  elif [ "$code" -ne 0 ]; then
    echo "::error title=grade::$target could not be graded (exit code $code)"
    printf -- '- `%s` could not be graded (exit code %s): see the log.\n' "$target" "$code" \
      >> "$summary"
    failed=1
  fi
done <<< "$list"
exit "$failed"
