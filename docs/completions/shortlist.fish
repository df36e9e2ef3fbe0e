# fish completion for shortlist(1): commands, each command's options with the
# values of those that take one of a few words, and file names otherwise.
# Each line names the commands it applies to, so that
# tests/docs_match_help_test.sh can hold each command to its --help.

set -l commands screen validate inspect explain verify report fairness init schema

# Before a command: the commands and the global options, no file names.
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -f
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Print help and exit'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -l version -d 'Print the version and exit'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -l color -x -a 'never auto always' -d 'Colour on standard error'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a screen -d 'Screen applicants; write the shortlist, decisions and rejects'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a validate -d 'Check a rules file (and that an input fits it)'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a inspect -d 'Print records as parsed as JSON Lines'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a explain -d 'Explain why an applicant got each decision'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a verify -d 'Screen again and check that a decision record reproduces'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a report -d 'Screening report for people'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a fairness -d 'Adverse-impact table by group'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a init -d 'Print an annotated starter rules file'
complete -c shortlist -n "not __fish_seen_subcommand_from $commands" -a schema -d 'Print the JSON Schema of the rules language'

# Options shared by several commands, worded as in their --help.
complete -c shortlist -n '__fish_seen_subcommand_from screen validate inspect explain verify report fairness init schema' -s h -l help -d 'Print help and exit'
complete -c shortlist -n '__fish_seen_subcommand_from screen validate inspect explain verify report fairness init schema' -l color -x -a 'never auto always' -d 'Colour on standard error'
complete -c shortlist -n '__fish_seen_subcommand_from screen inspect explain verify report fairness' -s r -l rules -r -F -d 'Rules file'
complete -c shortlist -n '__fish_seen_subcommand_from screen validate inspect verify fairness' -l input-format -x -a 'csv tsv json jsonl xlsx' -d 'Input format'
complete -c shortlist -n '__fish_seen_subcommand_from screen validate inspect verify fairness' -l delimiter -x -a '\, \; \| tab' -d 'CSV delimiter'
complete -c shortlist -n '__fish_seen_subcommand_from screen validate inspect verify fairness' -l encoding -x -a 'utf-8 latin1 windows-1252' -d 'Input encoding'
complete -c shortlist -n '__fish_seen_subcommand_from screen validate inspect verify fairness' -l sheet -x -d 'XLSX: the worksheet to read'
complete -c shortlist -n '__fish_seen_subcommand_from screen report fairness' -s o -l output -r -F -d 'Output file'
complete -c shortlist -n '__fish_seen_subcommand_from screen verify' -l threads -x -d 'Worker threads (default: all cores)'
complete -c shortlist -n '__fish_seen_subcommand_from screen report fairness' -l sort-memory -x -d 'MiB kept in memory before spilling to $TMPDIR'

# screen
complete -c shortlist -n '__fish_seen_subcommand_from screen' -s f -l format -x -a 'csv tsv json jsonl md xlsx' -d 'Shortlist format'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l status -x -a 'shortlisted reserve below-cutoff ineligible review duplicate' -d 'Statuses the shortlist lists'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l decisions -r -F -d 'Write the decision record to this file'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l rejects -r -F -d 'Write records that could not be read to this file'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l summary -r -F -d 'Write the run\'s summary to this file (.json or .md)'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l profile -x -d 'Screen only this profile (repeatable)'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l strict -d 'Exit 1 if any record is invalid, in review or matched no profile'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l stats -d 'Print each phase\'s time on standard error'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -s q -l quiet -d 'Print no summary'
complete -c shortlist -n '__fish_seen_subcommand_from screen' -l no-progress -d 'Show no progress'

# validate
complete -c shortlist -n '__fish_seen_subcommand_from validate' -l input -r -F -d 'Also check this file\'s columns (repeatable)'
complete -c shortlist -n '__fish_seen_subcommand_from validate' -s q -l quiet -d 'Print nothing when the rules are valid'
complete -c shortlist -n '__fish_seen_subcommand_from validate verify' -l format -x -a 'text json github' -d 'Output'

# explain
complete -c shortlist -n '__fish_seen_subcommand_from explain' -l id -x -d 'The applicant\'s id'
complete -c shortlist -n '__fish_seen_subcommand_from explain' -l source -x -d 'One record by its source (a.csv:7)'
complete -c shortlist -n '__fish_seen_subcommand_from explain' -l format -x -a 'text json' -d 'Output'

# report
complete -c shortlist -n '__fish_seen_subcommand_from report' -s f -l format -x -a 'html md' -d 'Report format'

# fairness
complete -c shortlist -n '__fish_seen_subcommand_from fairness' -l groups -r -F -d 'File with an id column and the group columns'
complete -c shortlist -n '__fish_seen_subcommand_from fairness' -l by -x -d 'Group column of the groups file (repeatable)'
complete -c shortlist -n '__fish_seen_subcommand_from fairness' -s f -l format -x -a 'csv md json' -d 'Table format'
complete -c shortlist -n '__fish_seen_subcommand_from fairness' -l id-column -x -d 'The groups file\'s id column'

# init: takes no file but the one -o names.
complete -c shortlist -n '__fish_seen_subcommand_from init' -f
complete -c shortlist -n '__fish_seen_subcommand_from init' -l example -x -a 'eu-ai-office-2024 hospital-nurses-2025' -d 'Which example to print'
complete -c shortlist -n '__fish_seen_subcommand_from init' -l list -d 'List the examples'
complete -c shortlist -n '__fish_seen_subcommand_from init' -s o -l output -r -F -d 'Write the example to this file'
complete -c shortlist -n '__fish_seen_subcommand_from init' -l force -d 'With -o, replace the file if it exists'

# schema: takes no file.
complete -c shortlist -n '__fish_seen_subcommand_from schema' -f
