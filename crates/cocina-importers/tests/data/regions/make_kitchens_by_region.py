"""Writes kitchens_by_region.xls: a kitchens list split into one sheet per
region, each with a title row and the same header, as the agency delivers
it. Invented data. Run from this directory: python3 make_kitchens_by_region.py
(needs the PyPI package xlwt, a maintained BIFF8 writer)."""

import xlwt

HEADER = ["CLAVE", "NOMBRE DE LA COCINA", "MUNICIPIO", "CVE_MUN", "CAPACIDAD"]
REGIONS = {
    "COSTA": [
        ("OAX-CO-001", "COMEDOR LA PLAYA", "SANTA MARIA HUATULCO", 413, 80),
        ("OAX-CO-002", "COMEDOR EL PUERTO", "SAN PEDRO POCHUTLA", 324, 60),
    ],
    "ISTMO": [
        ("OAX-IS-001", "COMEDOR EL VIENTO", "JUCHITAN DE ZARAGOZA", 43, 120),
    ],
    "MIXTECA": [
        ("OAX-MX-001", "COMEDOR LA MONTANA", "HEROICA CIUDAD DE HUAJUAPAN DE LEON", 39, 90),
        ("OAX-MX-002", "COMEDOR EL RIO", "TLAXIACO", 397, 40),
    ],
}

book = xlwt.Workbook(encoding="utf-8")
for region, kitchens in REGIONS.items():
    sheet = book.add_sheet(region)
    sheet.write(0, 0, "COCINAS COMEDOR NUTRICIONAL COMUNITARIAS - REGION " + region)
    for column, text in enumerate(HEADER):
        sheet.write(2, column, text)
    for row, kitchen in enumerate(kitchens, start=3):
        for column, value in enumerate(kitchen):
            sheet.write(row, column, value)
    total_row = 3 + len(kitchens)
    sheet.write(total_row, 0, "TOTAL " + region)
    sheet.write(total_row, 4, sum(k[4] for k in kitchens))
book.save("kitchens_by_region.xls")
