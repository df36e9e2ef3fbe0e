#!/usr/bin/env python3
"""Turns a CSV file into an XLSX workbook of one sheet, as Excel writes one:
every text in the shared-strings table (so a column of unique CVs makes the
table grow with the rows), numbers as number cells. The sheet is written as
it is read, so that workbooks of any size can be made. Used by
bench/xlsx_memory.sh.

    csv_to_xlsx.py IN.csv OUT.xlsx
"""
import csv
import re
import sys
import zipfile
from xml.sax.saxutils import escape

NUMBER = re.compile(r"^-?[0-9]{1,15}(\.[0-9]{1,6})?$")

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
WORKBOOK = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="applicants" sheetId="1" r:id="rId1"/></sheets></workbook>"""
WORKBOOK_RELS = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
</Relationships>"""


def column(i):
    out = ""
    i += 1
    while i:
        i, rest = divmod(i - 1, 26)
        out = chr(65 + rest) + out
    return out


def main(src, dst):
    strings = {}
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet, \
                open(src, newline="", encoding="utf-8-sig") as f:
            sheet.write(b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                        b'<sheetData>')
            for r, row in enumerate(csv.reader(f), start=1):
                cells = []
                for c, value in enumerate(row):
                    if value == "":
                        continue
                    ref = column(c) + str(r)
                    if r > 1 and NUMBER.match(value):
                        cells.append('<c r="%s"><v>%s</v></c>' % (ref, value))
                    else:
                        index = strings.setdefault(value, len(strings))
                        cells.append('<c r="%s" t="s"><v>%d</v></c>' % (ref, index))
                sheet.write(('<row r="%d">%s</row>' % (r, "".join(cells))).encode("utf-8"))
            sheet.write(b"</sheetData></worksheet>")
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as sst:
            sst.write(('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                       '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                       'uniqueCount="%d">' % len(strings)).encode("utf-8"))
            for text in strings:  # in insertion order: the indices written
                sst.write(('<si><t xml:space="preserve">%s</t></si>' % escape(text)).encode("utf-8"))
            sst.write(b"</sst>")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
