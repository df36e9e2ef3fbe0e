#!/usr/bin/env bash
# `shortlist schema` checked with a real JSON Schema validator, ajv (npm's
# ajv-cli, which README.md's test command installs): the schema is a valid
# draft 2020-12 schema; every rules file the project ships (rules/, samples/,
# the examples of `shortlist init`), a file of every form of value the loader
# reads, and every complete rules file in docs/, tests/corpus/rules_loader/
# and the Catch2 tests' raw strings that the loader accepts passes it; files the
# loader refuses for a misspelt key, an unknown choice or operator, or a
# broken condition are refused by the schema too. YAML is read as an editor's
# YAML 1.2 language server reads it (tests/yaml_to_json.py).
# Skips (exit 77) when ajv or python3's yaml module is missing.
# Usage: schema_test.sh SHORTLIST SOURCE_DIR (ctest passes them).
set -uo pipefail
# shellcheck source=tests/install_test_support.sh
source "$(dirname "$0")/install_test_support.sh"
binary=$1 source_dir=$2
to_json="$source_dir/tests/yaml_to_json.py"

if ! command -v ajv >/dev/null; then
  echo "SKIP: ajv is not installed (npm install -g ajv-cli@5)"
  exit 77
fi
if ! python3 -c 'import yaml' 2>/dev/null; then
  echo "SKIP: python3's yaml module is not installed (apt-get install python3-yaml)"
  exit 77
fi

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
ajv_options=(--spec=draft2020 --strict-types=true --strict-tuples=true --allow-union-types)

# (a) the command prints the schema and exits 0.
"$binary" schema >"$root/schema.json"
status=$?
((status == 0)) || fail "'shortlist schema' exited $status"

# (b) it is a valid draft 2020-12 schema, which ajv compiles in strict mode.
ajv compile "${ajv_options[@]}" -s "$root/schema.json" >"$root/compile.txt" 2>&1 ||
  fail "ajv refuses the schema: $(cat "$root/compile.txt")"

# The rules files to check, as NAME<TAB>PATH. Shipped ones must load.
mkdir -p "$root/yaml" "$root/json"
must_load=()
shopt -s nullglob
for file in "$source_dir"/rules/*.yaml "$source_dir"/samples/*.yaml; do
  must_load+=("$file")
done
# The examples of `init`: the default, and every one its error lists as known.
"$binary" init >"$root/yaml/init-default.yaml" || fail "'shortlist init' failed"
must_load+=("$root/yaml/init-default.yaml")
known=$("$binary" init --example '?' 2>&1 | sed -n "s/.*known: \([^)]*\)).*/\1/p")
IFS=', ' read -ra examples <<<"$known"
for name in "${examples[@]}"; do
  "$binary" init --example "$name" >"$root/yaml/init-$name.yaml" ||
    fail "'shortlist init --example $name' failed"
  must_load+=("$root/yaml/init-$name.yaml")
done
((${#must_load[@]} >= 2)) || fail "found no rules file in rules/ or samples/"

# Every form of value the loader reads: numbers and booleans as strings,
# names as numbers, lists or set names, each kind of condition and score rule.
cat >"$root/yaml/forms.yaml" <<'YAML'
shortlist: "1"
call: { id: 2024, title: 7, deadline: "2024-03-27T12:00:00+01:00", timezone: UTC, reference: true }
fields:
  id: { column: [applicant_id, "id"], missing: [N/A, 0, "-"] }
  years: { column: 2024, type: number, suffixes: [years, "+"], map: { "<1": 0, 1: 1 } }
  rate: { column: rate, type: "number" }
  ok: { column: ok, type: boolean, map: { si: "yes" } }
  degree: { column: education.degree, type: ordinal, scale: [bachelor, master, 3],
            aliases: { BSc: bachelor, 2: master } }
  born: { column: born, type: date, format: ["%d/%m/%Y", "%Y.%m.%d"] }
  sent: { column: sent, type: timestamp, format: "%d/%m/%Y %H:%M" }
  nat: { column: nat, type: country, list: ";" }
  skills: { column: skills, type: text, list: "," }
  cv: { column: cv, type: text }
  team: { column: team }
sets:
  mine: [FR, DE]
  words: [machine learning, 42, true]
duplicates: last
output:
  columns: [years, degree]
profiles:
  - id: p1
    title: 1
    when: { any: [{ field: team, equals: a }, { not: { field: team, present: "True" } }] }
    require:
      - { id: r1, field: nat, in: EU, on_missing: pass, on_unreadable: fail }
      - { id: r2, field: nat, not_in: mine }
      - { id: r3, field: years, between: [1, "2,5"] }
      - { id: r4, field: sent, not_after: call.deadline }
      - { id: r5, field: born, before: 2000-01-01 }
      - { id: r6, field: team, matches: "^a+$" }
      - { id: r7, all: [{ field: ok, equals: yes }, { field: degree, at_least: 2 }] }
      - { id: r8, field: cv, contains_none: [spam] }
      - { id: r9, field: years, present: false }
      - { id: r10, field: born, after: "2000-01-01T00:00" }
      - { id: r11, field: id, not_equals: 7 }
    score:
      - { id: s1, text: skills, field: skills, each: "1.5", count_in: words, max: 10 }
      - { id: s2, field: cv, count_phrases: [red teaming, bias], each: 2, on_missing: review }
      - { id: s3, field: rate, each: -1, on_unreadable: zero }
      - { id: s4, field: degree, equals: master, points: "2" }
      - { id: s5, any: [{ field: cv, contains_any: words }], points: 1 }
    shortlist: { min_score: "2.5", top: "3", include_ties: TRUE, order: [score desc, "years asc"] }
  - id: p2
    require: []
    score: []
    shortlist: { top: 0, include_ties: false }
YAML
must_load+=("$root/yaml/forms.yaml")

# Complete rules files written in the docs (a yaml block starting with
# `shortlist: 1`) and the loader's regression corpus: those the loader accepts.
extra=()
n=0
for doc in "$source_dir"/docs/*.md "$source_dir"/README.md "$source_dir"/samples/README.md; do
  awk -v out="$root/yaml/doc-$(basename "$doc" .md)" '
    /^```yaml$/ { inside = 1; lines = ""; next }
    inside && /^```$/ { inside = 0
      if (lines ~ /^shortlist: 1\n/) { n++; printf "%s", lines > (out "-" n ".yaml"); close(out "-" n ".yaml") }
      next }
    inside { lines = lines $0 "\n" }' "$doc"
done
python3 - "$source_dir"/tests/*.cpp "$root/yaml" <<'PY'
import os, re, sys
*sources, out = sys.argv[1:]
for source in sources:
    text = open(source, encoding="utf-8").read()
    for n, m in enumerate(re.finditer(r'R"(\w*)\((.*?)\)\1"', text, re.S)):
        if m.group(2).lstrip("\n").startswith("shortlist: 1\n"):
            name = os.path.basename(source)[:-4]
            with open(f"{out}/cpp-{name}-{n}.yaml", "w", encoding="utf-8") as f:
                f.write(m.group(2))
PY
for file in "$root"/yaml/doc-*.yaml "$root"/yaml/cpp-*.yaml \
    "$source_dir"/tests/corpus/rules_loader/*.yaml; do
  "$binary" validate "$file" >/dev/null 2>&1 && extra+=("$file")
done

# One converter run and one ajv run for all of them: each starts slowly.
checked=0
pairs=()
json_files=()
for file in "${must_load[@]}" "${extra[@]}"; do
  if [[ " ${must_load[*]} " == *" $file "* ]]; then
    "$binary" validate "$file" >"$root/validate.txt" 2>&1 ||
      fail "the loader refuses the file $file: $(cat "$root/validate.txt")"
  fi
  checked=$((checked + 1))
  json="$root/json/$checked-$(basename "$file" .yaml).json"
  pairs+=("$file" "$json")
  json_files+=(-d "$json")
done
python3 "$to_json" "${pairs[@]}" 2>"$root/convert.txt" ||
  fail "cannot convert the rules files to JSON: $(cat "$root/convert.txt")"
ajv validate "${ajv_options[@]}" -s "$root/schema.json" "${json_files[@]}" --errors=text \
  >"$root/valid.txt" 2>&1 || fail "the schema refuses a file the loader accepts:
$(grep -v ' valid$' "$root/valid.txt")"
echo "checked $checked rules files the loader accepts against the schema" \
  "(${#extra[@]} from docs/, tests/corpus/ and tests/*.cpp)"
((${#extra[@]} >= 20)) || fail "found only ${#extra[@]} rules files in docs/ and tests/"

# (c) files the loader refuses for what a schema can see are refused by it too.
base() {
  cat <<'YAML'
shortlist: 1
call: { id: C1, deadline: 2024-03-27T12:00, timezone: Europe/Brussels }
fields:
  id: { column: applicant_id }
  years: { column: years, type: number }
  degree: { column: degree, type: ordinal, scale: [bachelor, master] }
profiles:
  - id: p
    require:
      - { id: r1, field: years, at_least: 1 }
    score:
      - { id: s1, field: years, each: 1, max: 10 }
YAML
}
# refused NAME SED-SCRIPT: base() edited by SED-SCRIPT is refused by the
# loader (here) and by the schema (all at once, below).
bad_pairs=()
bad_files=()
refused() {
  local name=$1 yaml="$root/yaml/bad-$1.yaml" json="$root/json/bad-$1.json"
  base | sed "$2" >"$yaml"
  cmp -s "$yaml" <(base) && { fail "$name: the edit changed nothing"; return; }
  "$binary" validate "$yaml" >/dev/null 2>&1
  local status=$?
  ((status == 3)) || fail "$name: the loader exits $status, not 3"
  bad_pairs+=("$yaml" "$json")
  bad_files+=(-d "$json")
}
refused misspelt-top-key 's/^call:/calll:/'
refused misspelt-field-key 's/type: number/tpye: number/'
refused misspelt-call-key 's/timezone:/time_zone:/'
refused misspelt-rule-key 's/max: 10/maxx: 10/'
refused unknown-type 's/type: number/type: bool/'
refused unknown-operator 's/at_least: 1/atleast: 1/'
refused two-operators 's/at_least: 1/at_least: 1, at_most: 5/'
refused no-operator 's/, at_least: 1//'
refused operator-without-field 's/field: years, at_least/at_least/'
refused field-with-all 's/at_least: 1/all: [{ field: years, at_most: 5 }]/'
refused score-policy-in-require 's/at_least: 1 }/at_least: 1, on_missing: zero }/'
refused points-without-condition 's/each: 1, max/points: 1, max/'
refused each-with-condition 's/field: years, each: 1/field: years, at_least: 2, points: 1, each: 1/'
refused scale-on-number 's/type: number }/type: number, scale: [a, b] }/'
refused ordinal-without-scale 's/, scale: \[bachelor, master\]//'
refused reserved-field-name 's/^  years:/  score:/'
refused builtin-set-name 's/^profiles:/sets: { EU: [x] }\nprofiles:/'
refused bad-duplicates 's/^profiles:/duplicates: frist\nprofiles:/'
refused bad-order 's/^    score:/    shortlist: { order: [score down] }\n    score:/'
refused not-a-number 's/each: 1,/each: one,/'
refused version-2 's/^shortlist: 1/shortlist: 2/'
refused id-not-a-string 's/id: { column: applicant_id }/id: { column: applicant_id, type: number }/'

python3 "$to_json" "${bad_pairs[@]}" 2>"$root/convert.txt" ||
  fail "cannot convert the refused files to JSON: $(cat "$root/convert.txt")"
# `ajv test --invalid` says "FILE passed test" for each file the schema refuses.
ajv test "${ajv_options[@]}" -s "$root/schema.json" "${bad_files[@]}" --invalid \
  >"$root/invalid.txt" 2>&1
for ((i = 1; i < ${#bad_pairs[@]}; i += 2)); do
  grep -qF "${bad_pairs[i]} passed test" "$root/invalid.txt" ||
    fail "the schema accepts $(basename "${bad_pairs[i]}" .json), which the loader refuses"
done

finish
