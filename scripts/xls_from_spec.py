#!/usr/bin/env python3
"""Writes a BIFF8 .xls workbook from the JSON spec that cocina-generate writes.

No Rust crate writes .xls, so the generator describes the example's kitchens
list (cells, styles, merged regions) and this script writes it with the PyPI
package xlwt (pip install xlwt==1.3.0):

    cargo run --release -p cocina-generator --bin cocina-generate -- examples/entrega-2016
    python3 scripts/xls_from_spec.py target/comedores_2016.xls.json \\
        examples/entrega-2016/comedores_2016.xls

The spec format is documented in crates/cocina-generator/src/xls.rs. The same
spec always gives the same bytes.
"""

import json
import sys

import xlwt


def style_of(description):
    """An xlwt style from the spec's description of one named style."""
    style = xlwt.XFStyle()
    if description.get("bold"):
        style.font.bold = True
    if description.get("border"):
        style.borders.bottom = xlwt.Borders.THIN
    if description.get("vertical_centre"):
        style.alignment.vert = xlwt.Alignment.VERT_CENTER
    if "num_format" in description:
        style.num_format_str = description["num_format"]
    return style


def write_sheet(book, sheet, styles):
    worksheet = book.add_sheet(sheet["name"])
    for column, width in enumerate(sheet.get("widths", [])):
        worksheet.col(column).width = 256 * width
    merges = {(m[0], m[2]): m for m in sheet["merges"]}
    for row, column, value, style_name in sheet["cells"]:
        style = styles[style_name] if style_name else styles[None]
        merge = merges.pop((row, column), None)
        if merge:
            first_row, last_row, first_column, last_column = merge
            worksheet.write_merge(first_row, last_row, first_column, last_column, value, style)
        else:
            worksheet.write(row, column, value, style)
    if merges:
        raise SystemExit(f"{sheet['name']}: merged regions without a value: {sorted(merges)}")


def main(spec_path, out_path):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    styles = {name: style_of(d) for name, d in spec["styles"].items()}
    styles[None] = xlwt.XFStyle()
    book = xlwt.Workbook(encoding="utf-8")
    for sheet in spec["sheets"]:
        write_sheet(book, sheet, styles)
    book.save(out_path)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        raise SystemExit("usage: xls_from_spec.py SPEC.json OUT.xls")
    main(sys.argv[1], sys.argv[2])
