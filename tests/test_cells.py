import pytest

from extractors.tables.cells import parse_cell


def project(text):
    return [(v.value, v.unit, v.role, v.label, v.numerator, v.denominator, text[v.start:v.end])
            for v in parse_cell(text)]


@pytest.mark.parametrize("text, expected", [
    ("25.1% (2681 offenders of which 673 reoffended)",
     [(25.1, "percent", "value", "", 673, 2681, "25.1%")]),
    ("8.2% (5/61)", [(8.2, "percent", "value", "", 5, 61, "8.2%")]),
    ("76.7% 142 cases closed; 109 completed successfully",
     [(76.7, "percent", "value", "", 109, 142, "76.7%")]),
    ("60 (41%)", [(60, "count", "value", "", None, None, "60"),
                  (41, "percent", "share", "", 60, None, "41%")]),
    ("Opiate 291 (27%) Other drugs & alcohol 162 (18%)",
     [(291, "count", "value", "Opiate", None, None, "291"),
      (27, "percent", "share", "Opiate", 291, None, "27%"),
      (162, "count", "value", "Other drugs & alcohol", None, None, "162"),
      (18, "percent", "share", "Other drugs & alcohol", 162, None, "18%")]),
    ("1,416", [(1416, "count", "value", "", None, None, "1,416")]),
    ("£12.5k", [(12500, "gbp", "value", "", None, None, "£12.5k")]),
    ("0", [(0, "count", "value", "", None, None, "0")]),  # zero is a value
    ("N/A", []),
    ("", []),
])
def test_parse_cell(text, expected):
    assert project(text) == expected
