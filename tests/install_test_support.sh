# shellcheck shell=bash
# Helpers for the shell tests of installation (install_test.sh) and of the
# documents that must follow each command's --help (docs_match_help_test.sh).
# Sourced, not run. A failed check is counted and reported, and the test goes
# on, so that one run shows every problem; finish exits 1 if any was found.

failures=0

fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

finish() {
  if ((failures > 0)); then
    echo "$failures check(s) failed" >&2
    exit 1
  fi
  echo "all checks passed"
}

# The man page is checked as man shows it, so man itself is needed (Debian's
# is in man-db, which README.md's test command installs): its absence is a
# failure, not a skip. Returns 1 then, so the caller leaves out the man checks.
need_man() {
  command -v man >/dev/null && return 0
  fail "'man' is not installed; this test needs man-db (apt-get install man-db)"
  return 1
}

# Renders man page $1 as a reader of an 80-column terminal sees it, into $2,
# with all of groff's warnings (--warnings=w) into $3. man-db's seccomp sandbox
# around groff is refused in some containers, so it is left out. groff draws
# an option's \- as a minus sign (U+2212) unless the system maps it back, as
# Debian does; map it here.
render_man() {
  MANWIDTH=80 MAN_KEEP_STDERR=1 MAN_DISABLE_SECCOMP=1 LC_ALL=C.UTF-8 \
    man --warnings=w -l "$1" 2>"$3" |
    sed 's/\xe2\x88\x92/-/g' >"$2"
}

# Prints the section of rendered man page $1 for command $2: the lines after
# its subsection heading (indented 3) up to the next heading (indented 0 or 3).
man_section() {
  awk -v heading="   $2" '$0 == heading { on = 1; next }
                           on && /^(   )?[^ ]/ { exit }
                           on' "$1"
}

# Prints, one a line, what the bash completion file $1 proposes for the words
# after it (the last one being the word under the cursor), from a
# non-interactive bash as the completion function is called by readline.
bash_complete() {
  bash --norc --noprofile -c '
    source "$1" || exit 1
    shift
    COMP_WORDS=("$@")
    COMP_CWORD=$(($# - 1))
    COMPREPLY=()
    _shortlist
    printf "%s\n" "${COMPREPLY[@]}"' bash_complete "$@"
}

# The commands binary $1 lists in its --help, one a line.
help_commands() {
  "$1" --help | awk '/^Subcommands:/ { on = 1; next }
                     on && /^$/ { exit }
                     on && /^  [a-z]/ { print $1 }'
}

# The options (short and long) of command $2 of binary $1, from its --help,
# one a line, sorted.
help_options() {
  "$1" "$2" --help |
    awk '/^Options:/ { on = 1; next } on && /^$/ { exit } on' |
    grep -oE '^  (-[A-Za-z],)?--[a-z][a-z0-9-]*' | tr -d ' ' | tr ',' '\n' | sort
}
