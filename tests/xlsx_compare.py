#!/usr/bin/env python3
"""Holds an xlsx shortlist to the csv shortlist of the same run, cell by cell,
reading the workbook with openpyxl (a reader independent of the writer).

Usage: xlsx_compare.py OUT.xlsx OUT.csv DECISIONS.jsonl, in the folder of
tests/xlsx_openpyxl_test.sh, whose inputs the explicit checks below know.
Prints each difference and exits 1 if there is any."""
import csv
import json
import sys
from decimal import Decimal

import openpyxl

xlsx_path, csv_path, decisions_path = sys.argv[1:]
problems = []


def check(ok, what):
    if not ok:
        problems.append(what)


def significant_digits(text):
    digits = "".join(c for c in text if c.isdigit()).strip("0")
    return len(digits)


with open(csv_path, newline="", encoding="utf-8") as f:
    header, *rows = list(csv.reader(f))
book = openpyxl.load_workbook(xlsx_path)  # formulas kept as formulas, not values

# One sheet per profile, in rules order, named by the rule of docs/behaviour.md.
expected_names = [
    "a-profile-whose-id-is-longer-th",  # cut to 31 characters
    "a-profile-whose-id-is-longe (2)",  # the same 31 characters: " (2)" within 31
    "_x_1__y_z__w__",                   # [ ] : * ? / \ replaced; ' at both ends too
    "history (2)",                      # Excel reserves "History"
    "empty",
]
check(book.sheetnames == expected_names, f"sheet names {book.sheetnames}")
profiles = [
    "a-profile-whose-id-is-longer-than-31-characters",
    "a-profile-whose-id-is-longer-than-31-characters-too",
    "'x[1]:y*z?/w\\'",
    "history",
    "empty",
]

text_columns = {i for i, name in enumerate(header) if name not in ("rank", "score")}
last_column = openpyxl.utils.get_column_letter(len(header))
for sheet_name, profile in zip(book.sheetnames, profiles):
    ws = book[sheet_name]
    expected_rows = [r for r in rows if r[0] == profile]
    cells = list(ws.iter_rows())
    where = f"sheet {sheet_name!r}"
    check(ws.freeze_panes == "A2", f"{where}: frozen pane {ws.freeze_panes}")
    check(ws.auto_filter.ref == f"A1:{last_column}{1 + len(expected_rows)}",
          f"{where}: autofilter {ws.auto_filter.ref}")
    check(len(cells) == 1 + len(expected_rows), f"{where}: {len(cells)} rows")
    if not cells:
        continue
    check([c.value for c in cells[0]] == header, f"{where}: header {[c.value for c in cells[0]]}")
    for n, (row, expected) in enumerate(zip(cells[1:], expected_rows), start=2):
        check(len(row) == len(expected), f"{where} row {n}: {len(row)} cells")
        for i, (cell, want) in enumerate(zip(row, expected)):
            at = f"{where} {cell.coordinate} ({header[i]})"
            check(cell.data_type != "f", f"{at}: a formula")
            if want == "":
                check(cell.value is None, f"{at}: {cell.value!r}, expected empty")
            elif i in text_columns:
                # The csv's formula guard is for csv and tsv only: a string cell
                # is never run, so the xlsx holds the text itself.
                if want[:2] in ("'=", "'+", "'-", "'@"):
                    want = want[1:]
                check(cell.data_type == "s" and cell.value == want,
                      f"{at}: {cell.value!r} ({cell.data_type}), expected text {want!r}")
            elif header[i] == "score" and significant_digits(want) > 15:
                # More digits than a double holds: the exact text.
                check(cell.data_type == "s" and cell.value == want,
                      f"{at}: {cell.value!r} ({cell.data_type}), expected text {want!r}")
            else:
                check(cell.data_type == "n" and isinstance(cell.value, (int, float))
                      and cell.value == float(Decimal(want)),
                      f"{at}: {cell.value!r} ({cell.data_type}), expected the number {want}")

# Explicit values, worked out from the inputs (not from the csv).
ws = book["a-profile-whose-id-is-longer-th"]
by_id = {r[2].value: r for r in ws.iter_rows(min_row=2)}
check(sorted(by_id) == ["00123", "A1", "C3", "D4", "E5"], f"ids {sorted(by_id)}")
a1, b2, c3, d4, e5 = (by_id[k] for k in ("A1", "00123", "C3", "D4", "E5"))
check(a1[5].value == "=1+1" and a1[5].data_type == "s", f"A1's name {a1[5].value!r}")
check(a1[3].value == 5 and a1[3].data_type == "n", f"A1's score {a1[3].value!r}")
check(a1[1].value == 2 and a1[1].data_type == "n", f"A1's rank {a1[1].value!r}")
check(b2[3].value == "1236.567890123456" and b2[3].data_type == "s", f"00123's score {b2[3].value!r}")
check(b2[1].value == 1, f"00123's rank {b2[1].value!r}")
check(b2[5].value == "-2+3", f"00123's name {b2[5].value!r}")
check(b2[6].value == "4" and b2[6].data_type == "s", f"00123's years {b2[6].value!r}")
check(c3[3].value == 1.5, f"C3's score {c3[3].value!r}")
check(d4[5].value == "a\ufffdb\ufffdc\ufffdd\te\nf", f"D4's name {d4[5].value!r}")
check(e5[4].value == "ineligible" and e5[1].value is None and e5[5].value is None,
      f"E5 {[c.value for c in e5]}")
# Widths: the widest text plus 2 (libxlsxwriter stores 0.7109375 more, the
# font's padding): the profile id (47 characters) and C3's name (14, and 4
# for two wide characters).
check(ws.column_dimensions["A"].width == 49.7109375, f"width A {ws.column_dimensions['A'].width}")
check(ws.column_dimensions["F"].width == 20.7109375, f"width F {ws.column_dimensions['F'].width}")
check(ws.column_dimensions["B"].width == 6.7109375, f"width B {ws.column_dimensions['B'].width}")
check(book["empty"].max_row == 1, f"empty: {book['empty'].max_row} rows")

# The decision record keeps the control characters themselves (those JSON
# must escape, escaped), never U+FFFD.
def strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from strings(v)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v)


with open(decisions_path, encoding="utf-8") as f:
    record = f.read()
values = {s for line in record.split("\n") if line for s in strings(json.loads(line))}
check("a\x01b\x7fc\x85d\te\nf" in values, "the decision record lost D4's controls")
check("a\\u0001b" in record, "the decision record does not escape U+0001")
check("\ufffd" not in record, "the decision record shows U+FFFD")

for p in problems:
    print("FAIL:", p)
print(f"{len(problems)} problem(s)" if problems else "the xlsx matches the csv")
sys.exit(1 if problems else 0)
