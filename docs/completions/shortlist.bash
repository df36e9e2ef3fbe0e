# bash completion for shortlist(1): commands, each command's options, the
# values of options that take one of a few words, and file names otherwise.
#
# Only bash's own builtins are used, so it works whether or not the
# bash-completion package is installed: that package loads it on first use
# from /usr/share/bash-completion/completions; without it, source this file.
# tests/docs_match_help_test.sh fails when a command's options here differ
# from its --help.

_shortlist_commands="screen validate inspect explain verify report fairness init schema"

# The options of command $1, as its --help lists them.
_shortlist_options() {
  local input="--input-format --delimiter --encoding --sheet"
  printf '%s ' --color  # every command's; the rest of the line follows
  case $1 in
    screen) echo "-h --help -r --rules -o --output -f --format --status --decisions" \
                 "--rejects --summary --profile $input --threads --sort-memory --strict --stats" \
                 "-q --quiet --no-progress" ;;
    validate) echo "-h --help --input $input -q --quiet --format" ;;
    inspect) echo "-h --help -r --rules $input" ;;
    explain) echo "-h --help --id --source -r --rules --format" ;;
    verify) echo "-h --help -r --rules $input --threads --format" ;;
    report) echo "-h --help -o --output -f --format -r --rules --sort-memory" ;;
    fairness) echo "-h --help --groups --by -f --format -o --output -r --rules" \
                   "--id-column $input --sort-memory" ;;
    init) echo "-h --help --example --list -o --output --force" ;;
    schema) echo "-h --help" ;;
  esac
}

# Prints the words option $2 of command $1 takes. Returns 1 when its value is
# a file name, 2 when it is free text no list can offer (an id, a number), 3
# when it takes no value (a flag) or is unknown.
_shortlist_values() {
  case $2 in
    -f | --format)
      case $1 in
        screen) echo "csv tsv json jsonl md xlsx" ;;
        report) echo "html md" ;;
        fairness) echo "csv md json" ;;
        validate | verify) echo "text json github" ;;
        explain) echo "text json" ;;
      esac ;;
    --input-format) echo "csv tsv json jsonl xlsx" ;;
    --encoding) echo "utf-8 latin1 windows-1252" ;;
    --delimiter) echo "',' ';' '|' tab" ;;
    --status) echo "shortlisted reserve below-cutoff ineligible review duplicate" ;;
    --example) echo "eu-ai-office-2024 hospital-nurses-2025" ;;
    --color) echo "never auto always" ;;
    -r | --rules | -o | --output | --decisions | --rejects | --summary | --groups | --input)
      return 1 ;;
    --id | --profile | --by | --id-column | --threads | --sort-memory | --sheet) return 2 ;;
    *) return 3 ;;
  esac
}

# Sets COMPREPLY to the words of $1 that start with $2; a word list, not
# compgen -W, because the quoted delimiters must come back as typed.
_shortlist_reply() {
  local word words
  read -ra words <<<"$1"
  COMPREPLY=()
  for word in "${words[@]}"; do
    [[ $word == "$2"* ]] && COMPREPLY+=("$word")
  done
}

# Inputs, rules files, decision records: file names, shown as such.
_shortlist_files() {
  compopt -o filenames 2>/dev/null
  mapfile -t COMPREPLY < <(compgen -f -- "$1")
}

_shortlist() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev='' command='' i values kind=3
  ((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
  # bash splits "--format=cs" into "--format", "=" and "cs".
  if [[ $cur == = ]]; then
    cur=
  elif [[ $prev == = ]] && ((COMP_CWORD > 1)); then
    prev=${COMP_WORDS[COMP_CWORD - 2]}
  fi
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --color)  # before the command: its value is not the command
        [[ ${COMP_WORDS[i + 1]} == = ]] && i=$((i + 1))
        i=$((i + 1)) ;;
      -*) ;;
      *)
        command=${COMP_WORDS[i]}
        break ;;
    esac
  done

  if [[ -z $command ]]; then
    if [[ $prev == --color ]]; then
      _shortlist_reply "never auto always" "$cur"
    elif [[ $cur == -* ]]; then
      _shortlist_reply "-h --help --version --color" "$cur"
    else
      _shortlist_reply "$_shortlist_commands" "$cur"
    fi
    return 0
  fi

  if [[ $prev == -* ]]; then
    values=$(_shortlist_values "$command" "$prev")
    kind=$?
  fi
  case $kind in
    0)
      if [[ $prev == --status && $cur == *,* ]]; then
        # A comma-separated list: complete its last item.
        local head=${cur%,*},
        _shortlist_reply "$values" "${cur##*,}"
        COMPREPLY=("${COMPREPLY[@]/#/$head}")
      else
        _shortlist_reply "$values" "$cur"
      fi ;;
    1) _shortlist_files "$cur" ;;
    2) COMPREPLY=() ;;
    *)
      if [[ $cur == -* ]]; then
        _shortlist_reply "$(_shortlist_options "$command")" "$cur"
      else
        _shortlist_files "$cur"
      fi ;;
  esac
  return 0
}

complete -F _shortlist shortlist
