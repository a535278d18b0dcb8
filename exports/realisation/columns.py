"""The columns of a realisation table, by the names tables give them."""

import re
import unicodedata

REQUIRED = ("exporter", "commodity", "volume_tne", "value_usd", "destinations")
OPTIONAL = ("no", "hs_code", "year", "month")
HEADERS = {
    "exporter": ("exporter", "eksportir", "nama eksportir", "exporter name"),
    "commodity": ("commodity", "komoditi", "komoditas", "commodities"),
    "volume_tne": (
        "volume tne",
        "volume",
        "volume ton",
        "volume tonnes",
        "volume tonne",
    ),
    "value_usd": (
        "value usd",
        "value",
        "nilai usd",
        "nilai",
        "nilai fob usd",
        "fob usd",
        "fob value usd",
    ),
    "destinations": (
        "destinations",
        "destination",
        "destination countries",
        "negara tujuan",
        "tujuan",
        "negara",
    ),
    "no": ("no", "nomor", "number"),
    "hs_code": ("hs code", "hs", "kode hs", "pos tarif", "hs codes"),
    "year": ("year", "tahun"),
    "month": ("month", "bulan"),
}
HEADER_OF = {name: key for key, names in HEADERS.items() for name in names}
TOTAL = re.compile(r"^(grand\s+)?(total|jumlah)\b", re.IGNORECASE)
MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("januari", "january", "jan"),
            ("februari", "february", "feb", "pebruari"),
            ("maret", "march", "mar"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "june", "jun"),
            ("juli", "july", "jul"),
            ("agustus", "august", "agu", "agt", "aug"),
            ("september", "sep", "sept"),
            ("oktober", "october", "okt", "oct"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "december", "des", "dec"),
        ],
        start=1,
    )
    for name in names
}


def fold(text: str) -> str:
    """A header or label as compared: lower case, no accents, no brackets."""
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    folded = re.sub(r"[()\[\]_.:/*]+", " ", folded.lower())
    return " ".join(folded.split())
