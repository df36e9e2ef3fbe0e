#!/usr/bin/env bash
# Installs the build into a temporary DESTDIR as a distribution would (prefix
# /usr), then uses what was installed: runs the binary, reads the man page
# with man, completes with the bash completion, parses the zsh and fish ones,
# and builds the .deb with CPack.
# Usage: install_test.sh BUILD_DIR CMAKE CPACK (ctest passes them).
set -uo pipefail
# shellcheck source=tests/install_test_support.sh
source "$(dirname "$0")/install_test_support.sh"
build=$1 cmake=$2 cpack=$3

root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
dest=$root/dest

# Exactly these files, so that no test, benchmark or fuzzer comes along.
expected="usr/bin/shortlist
usr/share/bash-completion/completions/shortlist
usr/share/doc/shortlist/LICENSE
usr/share/doc/shortlist/README.md
usr/share/fish/vendor_completions.d/shortlist.fish
usr/share/man/man1/shortlist.1
usr/share/zsh/vendor-completions/_shortlist"

check_files() {
  if ! DESTDIR=$dest "$cmake" --install "$build" --prefix /usr >"$root/install.log" 2>&1; then
    cat "$root/install.log" >&2
    fail "cmake --install failed"
    finish
  fi
  local installed
  installed=$(cd "$dest" && find . ! -type d | sed 's|^\./||' | LC_ALL=C sort)
  if [[ $installed != "$expected" ]]; then
    fail "installed files differ from the expected ones (< expected, > installed):"
    diff <(echo "$expected") <(echo "$installed") >&2
  fi
  [[ -x $dest/usr/bin/shortlist ]] || fail "usr/bin/shortlist is not executable"
}

check_binary() {
  local printed
  printed=$("$dest/usr/bin/shortlist" --version) || fail "the installed shortlist --version failed"
  # "shortlist X.Y.Z", then one line per library; $version is X.Y.Z.
  version=${printed%%$'\n'*}
  version=${version#shortlist }
  [[ ${printed%%$'\n'*} == "shortlist $version" && $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] ||
    fail "--version printed '$printed'"
  # The commands as the installed binary lists them, so that a new one needs
  # no edit here to be looked for in the man page and the completion.
  mapfile -t commands < <(help_commands "$dest/usr/bin/shortlist")
  ((${#commands[@]} > 0)) || fail "found no command in the installed shortlist --help"
}

check_man() {
  need_man || return
  local page=$dest/usr/share/man/man1/shortlist.1
  render_man "$page" "$root/man.txt" "$root/man.err" || fail "man -l $page failed"
  if [[ -s $root/man.err ]]; then
    fail "man -l reported warnings:"
    cat "$root/man.err" >&2
  fi
  grep -q '^NAME$' "$root/man.txt" || fail "the man page has no NAME section"
  grep -q '^EXIT STATUS$' "$root/man.txt" || fail "the man page has no EXIT STATUS section"
  grep -qF "shortlist $version" "$root/man.txt" ||
    fail "the man page does not say 'shortlist $version' (update its .TH line)"
  local command
  for command in "${commands[@]}"; do
    [[ -n $(man_section "$root/man.txt" "$command") ]] ||
      fail "the man page has no section for '$command'"
  done
}

# expect_completion WANTED WORD...: the bash completion of WORD... is WANTED.
expect_completion() {
  local wanted=$1 got
  shift
  got=$(bash_complete "$dest/usr/share/bash-completion/completions/shortlist" "$@" |
        paste -sd " " -)
  [[ $got == "$wanted" ]] || fail "bash completion of '$*': got '$got', want '$wanted'"
}

check_bash_completion() {
  expect_completion "screen schema" shortlist sc
  expect_completion "screen" shortlist scr
  expect_completion "${commands[*]}" shortlist ""
  expect_completion "--format" shortlist screen --fo
  expect_completion "csv tsv json jsonl md xlsx" shortlist screen -f ""
}

check_other_shells() {
  local shell file
  for shell in zsh fish; do
    case $shell in
      zsh) file=$dest/usr/share/zsh/vendor-completions/_shortlist ;;
      fish) file=$dest/usr/share/fish/vendor_completions.d/shortlist.fish ;;
    esac
    if command -v "$shell" >/dev/null; then
      "$shell" -n "$file" || fail "$shell cannot parse $file"
    else
      echo "skipped: $shell is not installed, so its completion was not parsed"
    fi
  done
}

check_deb() {
  if ! command -v dpkg-deb >/dev/null; then
    echo "skipped: dpkg-deb is not installed, so no .deb was built"
    return
  fi
  if ! "$cpack" --config "$build/CPackConfig.cmake" -G DEB -B "$root/package" \
      >"$root/cpack.log" 2>&1; then
    cat "$root/cpack.log" >&2
    fail "cpack -G DEB failed"
    return
  fi
  local deb
  deb=$(find "$root/package" -maxdepth 1 -name 'shortlist_*.deb')
  [[ -f $deb ]] || { fail "cpack made no shortlist_*.deb"; return; }
  dpkg-deb -c "$deb" >"$root/deb.txt" || fail "dpkg-deb -c $deb failed"
  grep -qE ' \./usr/bin/shortlist$' "$root/deb.txt" || fail "the .deb lacks usr/bin/shortlist"
  grep -qE ' \./usr/share/man/man1/shortlist\.1(\.gz)?$' "$root/deb.txt" ||
    fail "the .deb lacks the man page"
  [[ $(dpkg-deb -f "$deb" Version) == "$version" ]] || fail "the .deb's version is not $version"
  [[ $(dpkg-deb -f "$deb" Section) == utils ]] || fail "the .deb's section is not utils"
  dpkg-deb -f "$deb" Depends | grep -qE '(^|, )libc6( |,|$)' ||
    fail "the .deb does not depend on libc6: its dependencies were not found"
}

check_files
check_binary
check_man
check_bash_completion
check_other_shells
check_deb
finish
