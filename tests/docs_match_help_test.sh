#!/usr/bin/env bash
# The man page and the shell completions are written by hand; this test keeps
# them from drifting from the binary. Every command that `shortlist --help`
# lists, and every long option of each command's --help, must be in that
# command's section of the man page and in each completion; the bash
# completion must offer exactly the options of --help, no more.
# Usage: docs_match_help_test.sh SHORTLIST SOURCE_DIR (ctest passes them).
set -uo pipefail
# shellcheck source=tests/install_test_support.sh
source "$(dirname "$0")/install_test_support.sh"
binary=$1 docs=$2/docs
bash_file=$docs/completions/shortlist.bash
zsh_file=$docs/completions/_shortlist
fish_file=$docs/completions/shortlist.fish

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT

mapfile -t commands < <(help_commands "$binary")
((${#commands[@]} > 0)) || fail "found no command in '$binary --help'"

check_commands() {
  local offered listed
  offered=$(bash_complete "$bash_file" shortlist "" | sort | paste -sd " " -)
  listed=$(printf '%s\n' "${commands[@]}" | sort | paste -sd " " -)
  [[ $offered == "$listed" ]] ||
    fail "the bash completion offers the commands '$offered', --help lists '$listed'"
}

# check_man COMMAND OPTION...: the command's section names every option.
check_man() {
  local command=$1 option section
  shift
  section=$(man_section "$root/man.txt" "$command")
  [[ -n $section ]] || { fail "the man page has no section for '$command'"; return; }
  for option in "$@"; do
    [[ $option == --help ]] && continue  # said once for every command
    grep -qE -- "(^|[^-a-z])$option([^-a-z]|\$)" <<<"$section" ||
      fail "the man page's section for '$command' lacks $option"
  done
}

# check_bash COMMAND: the completion offers exactly the options of --help.
check_bash() {
  local offered listed
  offered=$(bash_complete "$bash_file" shortlist "$1" - | sort | paste -sd " " -)
  listed=$(help_options "$binary" "$1" | paste -sd " " -)
  [[ $offered == "$listed" ]] ||
    fail "bash completion of '$1 -' offers '$offered', its --help lists '$listed'"
}

# check_zsh COMMAND OPTION...: the command's function names every option.
check_zsh() {
  local command=$1 option body
  shift
  body=$(awk -v start="_shortlist_$command() {" '$0 == start { on = 1 } on; on && /^}/ { exit }' \
         "$zsh_file")
  [[ -n $body ]] || { fail "$zsh_file has no function _shortlist_$command"; return; }
  grep -qF "'$command:" "$zsh_file" || fail "$zsh_file does not list the command '$command'"
  for option in "$@"; do
    grep -qE -- "${option}[}='[+]" <<<"$body" ||
      fail "$zsh_file: _shortlist_$command lacks $option"
  done
}

# check_fish COMMAND OPTION...: some line for the command completes every option.
check_fish() {
  local command=$1 option lines
  shift
  lines=$(awk -v command="$command" '
    !/not __fish/ && match($0, /__fish_seen_subcommand_from [^"'\'']*/) {
      n = split(substr($0, RSTART, RLENGTH), names, " ")
      for (i = 2; i <= n; i++) if (names[i] == command) { print; next }
    }' "$fish_file")
  grep -qE -- "-a $command -d" "$fish_file" || fail "$fish_file does not list the command '$command'"
  for option in "$@"; do
    grep -qE -- "-l ${option#--}( |\$)" <<<"$lines" ||
      fail "$fish_file: no line for '$command' completes $option"
  done
}

have_man=no
if need_man; then
  have_man=yes
  render_man "$docs/man/shortlist.1" "$root/man.txt" "$root/man.err" ||
    fail "man could not render $docs/man/shortlist.1"
fi
check_commands
for command in "${commands[@]}"; do
  mapfile -t long < <(help_options "$binary" "$command" | grep -- '^--')
  [[ $have_man == yes ]] && check_man "$command" "${long[@]}"
  check_bash "$command"
  check_zsh "$command" "${long[@]}"
  check_fish "$command" "${long[@]}"
done
finish
