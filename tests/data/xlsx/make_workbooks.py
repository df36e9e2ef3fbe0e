#!/usr/bin/env python3
"""Writes the XLSX workbooks the tests read, and samples/applicants.xlsx.

The workbooks are checked in, so that the tests run without Python; this
script says how each was made. Most are written by openpyxl (Debian's
python3-openpyxl), a spreadsheet library other than the one shortlist uses;
the few features openpyxl cannot write (inline and rich-text strings,
phonetic guides, error cells, a zip bomb) are written as raw XML with
Python's zipfile. Run from the project root:

    /usr/bin/python3 tests/data/xlsx/make_workbooks.py
"""
import csv
import datetime
import os
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils.datetime import CALENDAR_MAC_1904

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))


def out(name):
    return os.path.join(HERE, name)


def text_cell(ws, ref, value):
    """A string cell, even for text that starts with '=' (never a formula)."""
    ws[ref] = value
    ws[ref].data_type = "s"


def dates(epoch_1904):
    """Dates, timestamps and times as a spreadsheet stores them: numbers of
    days since the epoch, shown by a date format."""
    wb = openpyxl.Workbook()
    if epoch_1904:
        wb.epoch = CALENDAR_MAC_1904
    ws = wb.active
    ws.title = "dates"
    ws.append(["id", "day", "stamp", "clock"])
    rows = [
        ("d1", datetime.date(2024, 3, 27), datetime.datetime(2024, 3, 27, 11, 59, 59),
         datetime.time(12, 0, 0)),
        ("d2", datetime.date(2000, 2, 29), datetime.datetime(1999, 12, 31, 23, 59, 59),
         datetime.time(0, 0, 1)),
        ("d3", datetime.date(1904, 1, 2), datetime.datetime(2024, 3, 27, 12, 0, 0),
         datetime.time(23, 59, 59)),
    ]
    for r in rows:
        ws.append(list(r))
    # 23:59:59.7 on 27 March: a date format shows the 27th, though the
    # time rounds to the next second.
    ws.append(["late", datetime.datetime(2024, 3, 27, 23, 59, 59, 700000),
               datetime.datetime(2024, 3, 27, 23, 59, 59, 700000), None])
    for row in ws.iter_rows(min_row=2):
        row[1].number_format = "yyyy-mm-dd"
        row[2].number_format = "yyyy-mm-dd hh:mm:ss"
        row[3].number_format = "hh:mm:ss"
    # Serials written as numbers under a date format: the edges of the
    # 1900 system (its phantom 29 February 1900 is serial 60) and of 1904.
    for i, serial in enumerate([0, 1, 59, 60, 61, -1]):
        r = ws.max_row + 1
        ws.cell(row=r, column=1, value="s%d" % serial if serial >= 0 else "minus1")
        c = ws.cell(row=r, column=2, value=serial)
        c.number_format = "d mmm yyyy"
    wb.save(out("dates-1904.xlsx" if epoch_1904 else "dates-1900.xlsx"))


def numbers():
    """Numbers that binary floating point prints badly, and formats that are
    not dates."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "numbers"
    ws.append(["id", "value"])
    values = [
        ("sum", 0.1 + 0.2),
        ("big", 1e15 + 0.3),
        ("int", 42),
        ("neg", -0.5),
        ("tiny", 1e-7),
        ("huge", 2.5e20),
        ("long", 123456789012345678),
        ("third", 1 / 3),
        ("percent", 0.35),
        ("money", 1234.5),
        ("yes", True),
        ("no", False),
    ]
    for v in values:
        ws.append(list(v))
    ws["B10"].number_format = "0%"
    ws["B11"].number_format = '#,##0.00 "EUR"'
    wb.save(out("numbers.xlsx"))


def merged_header():
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "merged"
    ws.append(["id", "Name", None, "years"])
    ws.merge_cells("B1:C1")
    ws.append(["m1", "Ada", "Lovelace", 7])
    ws.append(["m2", "Alan", "Turing", 3])
    wb.save(out("merged-header.xlsx"))


def strings_and_sheets():
    """Shared strings (openpyxl writes every string as one), a header that
    is not on the first row, a second sheet chosen with --sheet, empty rows
    and a text that looks like a formula."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Cover"
    ws["A1"] = "Applications exported 2024-03-28"
    ws2 = wb.create_sheet("Applicants")
    ws2["B3"] = "id"
    ws2["C3"] = "name"
    ws2["D3"] = "note"
    ws2["B4"] = "s1"
    ws2["C4"] = "Zoë Martin"
    text_cell(ws2, "D4", "=1+1")
    ws2["B6"] = "s2"
    ws2["C6"] = "  Łukasz\nNowak "
    ws2["D6"] = "Zoë Martin"
    wb.save(out("strings.xlsx"))


CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
ROOT_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>
</Relationships>"""
# A prefixed namespace (x:), as some writers use.
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheets><x:sheet name="Raw" sheetId="1" r:id="rId1"/></x:sheets>
</x:workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""
SHARED_STRINGS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4">
<x:si><x:t>id</x:t></x:si>
<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Red</x:t></x:r><x:r><x:t xml:space="preserve"> teaming</x:t></x:r></x:si>
<x:si><x:r><x:t>東京</x:t></x:r><x:rPh sb="0" eb="2"><x:t>トウキョウ</x:t></x:rPh></x:si>
<x:si><x:t>line_x000D_break and _x005F_x0041_ kept</x:t></x:si>
</x:sst>"""


def raw_sheet(rows):
    return ("""<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>"""
            + rows + "</x:sheetData></x:worksheet>")


def write_raw(name, sheet, shared=SHARED_STRINGS, level=6, workbook=WORKBOOK):
    with zipfile.ZipFile(out(name), "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/sharedStrings.xml", shared)
        z.writestr("xl/worksheets/sheet1.xml", sheet)


def raw_cells():
    """What openpyxl does not write: inline strings (plain and rich), rich
    shared strings with a phonetic guide, _xHHHH_ escapes, error cells, a
    formula never computed, a formula's text, cells and rows without
    references, and a value right of the header."""
    rows = """
<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>text</x:t></x:is></x:c><x:c r="C1" t="inlineStr"><x:is><x:t>number</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c t="inlineStr"><x:is><x:t>r1</x:t></x:is></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c><x:v>7</x:v></x:c></x:row>
<x:row><x:c t="inlineStr"><x:is><x:t>r2</x:t></x:is></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row>
<x:row r="5"><x:c r="A5" t="inlineStr"><x:is><x:r><x:t>r</x:t></x:r><x:r><x:t>3</x:t></x:r></x:is></x:c><x:c r="B5" t="s"><x:v>3</x:v></x:c><x:c r="C5"><x:f>1+1</x:f></x:c></x:row>
<x:row r="6"><x:c r="A6" t="inlineStr"><x:is><x:t>r4</x:t></x:is></x:c><x:c r="B6" t="str"><x:f>A6&amp;"!"</x:f><x:v>r4!</x:v></x:c><x:c r="C6" t="b"><x:v>1</x:v></x:c></x:row>
<x:row r="7" spans="1:3"><x:c r="A7" s="0"/><x:c r="B7" s="0"/></x:row>
<x:row r="8"><x:c r="A8" t="inlineStr"><x:is><x:t>r5</x:t></x:is></x:c><x:c r="E8" t="inlineStr"><x:is><x:t>stray note</x:t></x:is></x:c></x:row>
<x:row r="9"><x:c r="A9" t="inlineStr"><x:is><x:t>r6</x:t></x:is></x:c><x:c r="B9" t="s"><x:v>99</x:v></x:c></x:row>
"""
    write_raw("raw-cells.xlsx", raw_sheet(rows))


def excel_numbers():
    """Numbers as Excel writes them (17 significant digits, exponents), which
    openpyxl never does (it writes 16): the noise of binary floating point."""
    literals = [("sum", "0.30000000000000004"), ("big", "1000000000000000.2"),
                ("big-e", "1.0000000000000002E+15"), ("e15", "1E+15"),
                ("small", "1.0000000000000001E-7"), ("minus-zero", "-0"),
                ("long", "123456789012345678"), ("padded", "007.50"), ("bad", "abc")]
    rows = ('<x:row r="1"><x:c t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c>'
            '<x:c t="inlineStr"><x:is><x:t>value</x:t></x:is></x:c></x:row>')
    for i, (name, literal) in enumerate(literals, start=2):
        rows += ('<x:row r="%d"><x:c t="inlineStr"><x:is><x:t>%s</x:t></x:is></x:c>'
                 '<x:c><x:v>%s</x:v></x:c></x:row>' % (i, name, literal))
    write_raw("excel-numbers.xlsx", raw_sheet(rows))


def formulas():
    """Formula cells as libraries that cannot compute them write them:
    libxlsxwriter and XlsxWriter store 0 and ask for a recalculation when
    the workbook is opened (fullCalcOnLoad); a formula's text without a
    stored value; a shared-string cell without its index."""
    recalculate = WORKBOOK.replace("</x:workbook>", '<x:calcPr fullCalcOnLoad="1"/></x:workbook>')
    rows = """
<x:row r="1"><x:c t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>n</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c t="inlineStr"><x:is><x:t>f1</x:t></x:is></x:c><x:c><x:f>3*2</x:f><x:v>0</x:v></x:c></x:row>
<x:row r="3"><x:c t="inlineStr"><x:is><x:t>f2</x:t></x:is></x:c><x:c><x:v>7</x:v></x:c></x:row>
"""
    write_raw("recalculate-on-open.xlsx", raw_sheet(rows), workbook=recalculate)
    rows = """
<x:row r="1"><x:c t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>n</x:t></x:is></x:c></x:row>
<x:row r="2"><x:c t="inlineStr"><x:is><x:t>g1</x:t></x:is></x:c><x:c t="str"><x:f>A2&amp;"x"</x:f></x:c></x:row>
<x:row r="3"><x:c t="inlineStr"><x:is><x:t>g2</x:t></x:is></x:c><x:c t="str"><x:f>""</x:f><x:v></x:v></x:c></x:row>
<x:row r="4"><x:c t="inlineStr"><x:is><x:t>g3</x:t></x:is></x:c><x:c t="s"/></x:row>
<x:row r="5"><x:c t="inlineStr"><x:is><x:t>g4</x:t></x:is></x:c><x:c><x:f>3*2</x:f><x:v>6</x:v></x:c></x:row>
"""
    write_raw("formula-cells.xlsx", raw_sheet(rows))


def text_bomb():
    """A small file whose cells name one shared string of 1,000,000
    characters again and again: 79 rows of 16 such cells, 1.26 GB of text."""
    shared = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<x:sst xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
              '<x:si><x:t>' + "x" * 1000000 + '</x:t></x:si></x:sst>')
    header = "".join('<x:c t="inlineStr"><x:is><x:t>c%d</x:t></x:is></x:c>' % i for i in range(16))
    rows = '<x:row r="1">' + header + '</x:row>'
    for r in range(2, 81):
        rows += '<x:row r="%d">' % r + '<x:c t="s"><x:v>0</x:v></x:c>' * 16 + '</x:row>'
    write_raw("text-bomb.xlsx", raw_sheet(rows), shared=shared, level=9)


def hostile():
    # Refused: a DOCTYPE, which could declare entities (billion laughs).
    doctype = ('<?xml version="1.0"?><!DOCTYPE lol [<!ENTITY lol "lol">]>'
               '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
               '<sheetData><row r="1"><c t="inlineStr"><is><t>&lol;</t></is></c></row>'
               '</sheetData></worksheet>')
    write_raw("doctype.xlsx", doctype)
    # Rows numbered backwards.
    write_raw("rows-backwards.xlsx", raw_sheet(
        '<x:row r="2"><x:c t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row>'
        '<x:row r="1"><x:c t="inlineStr"><x:is><x:t>a</x:t></x:is></x:c></x:row>'))
    # A zip bomb: a sheet of 100 MiB of spaces (valid XML) that deflates
    # to about 100 KiB, a ratio of about 1000 to 1.
    padding = " " * (100 << 20)
    bomb = raw_sheet('<x:row r="1"><x:c t="inlineStr"><x:is><x:t>id</x:t></x:is></x:c></x:row>'
                     + padding)
    write_raw("zip-bomb.xlsx", bomb, level=9)
    # A row of 17 cells of 1,000,000 characters: past the 16 MiB a record may
    # hold, so it is an invalid record and the next row is read.
    long_cells = "".join('<x:c t="inlineStr"><x:is><x:t>%s</x:t></x:is></x:c>' % (c * 1000000)
                         for c in "abcdefghijklmnopq")
    write_raw("long-row.xlsx", raw_sheet(
        '<x:row r="1">' + "".join('<x:c t="inlineStr"><x:is><x:t>%s</x:t></x:is></x:c>' % c
                                  for c in ["id"] + ["c%d" % i for i in range(2, 18)]) +
        '</x:row><x:row r="2">' + long_cells + '</x:row>'
        '<x:row r="3"><x:c t="inlineStr"><x:is><x:t>after</x:t></x:is></x:c></x:row>'), level=9)


NUMERIC = re.compile(r"^-?[0-9]+(\.[0-9]+)?$")
NUMBER_COLUMNS = {"years_ai_experience", "work_experience_years", "coordination_years"}


def sample():
    """samples/applicants.xlsx: the applicants of samples/applicants.csv,
    with numbers as number cells, as a spreadsheet would hold them."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "applicants"
    with open(os.path.join(ROOT, "samples", "applicants.csv"), newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    ws.append(header)
    for r, row in enumerate(rows[1:], start=2):
        for c, value in enumerate(row, start=1):
            if value == "":
                continue
            if header[c - 1] in NUMBER_COLUMNS and NUMERIC.match(value):
                ws.cell(row=r, column=c, value=float(value) if "." in value else int(value))
            else:
                text_cell(ws, ws.cell(row=r, column=c).coordinate, value)
    wb.save(os.path.join(ROOT, "samples", "applicants.xlsx"))


if __name__ == "__main__":
    dates(False)
    dates(True)
    numbers()
    merged_header()
    strings_and_sheets()
    raw_cells()
    excel_numbers()
    formulas()
    text_bomb()
    hostile()
    sample()
    sys.exit(0)
