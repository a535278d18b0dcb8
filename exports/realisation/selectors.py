"""The export realisation report, as the provincial trade office tables it.

Two sources, added up group by group:

- the co-op's own shipments that were realised: a shipment counts in the
  period of its PEB date (the export declaration), whatever the state of its
  SKA; its volume is the lines' net weight, its value their FOB value, its
  commodity the product's category, its exporter and destination the
  shipment's. A shipment counts as an SKA when its SKA application is issued;
- the rows of imported realisation tables, by their own year and month.

A group is a year (or a month) with one exporter and one commodity; its
destination countries are listed and counted. Every figure is an exact
Decimal.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models.functions import ExtractMonth, ExtractYear

from core.countries import country_name

from ..models import RealisationRow, ShipmentLine, SkaStatus

ZERO = Decimal(0)
YEAR = "year"
MONTH = "month"


@dataclass(frozen=True)
class Filters:
    year: int | None = None
    month: int | None = None  # with a year: only that month
    grain: str = YEAR  # "year" or "month"

    @property
    def by_month(self) -> bool:
        return self.grain == MONTH or self.month is not None


@dataclass
class Group:
    year: int
    month: int | None  # None: per year, or an imported row with no month
    exporter: str
    commodity: str
    volume_kg: Decimal = ZERO
    value_usd: Decimal = ZERO
    skas: int = 0
    shipments: int = 0
    imported_rows: int = 0
    destination_codes: dict[str, None] = field(default_factory=dict)

    @property
    def volume_tne(self) -> Decimal:
        return self.volume_kg / 1000

    @property
    def destinations(self) -> list[str]:
        """The destination countries' names, in alphabetical order."""
        return sorted(country_name(code) for code in self.destination_codes)


@dataclass
class Report:
    filters: Filters
    groups: list[Group]
    total: Group


def _shipment_lines(filters: Filters):
    lines = ShipmentLine.objects.filter(shipment__peb_date__isnull=False)
    if filters.year:
        lines = lines.filter(shipment__peb_date__year=filters.year)
    if filters.month:
        lines = lines.filter(shipment__peb_date__month=filters.month)
    return lines


def _imported_rows(filters: Filters):
    rows = RealisationRow.objects.all()
    if filters.year:
        rows = rows.filter(year=filters.year)
    if filters.month:
        rows = rows.filter(month=filters.month)
    return rows


def _own_lines(filters: Filters) -> Iterable[tuple]:
    return _shipment_lines(filters).values_list(
        ExtractYear("shipment__peb_date"),
        ExtractMonth("shipment__peb_date"),
        "shipment__exporter",
        "product__category__name",
        "shipment__destination",
        "shipment_id",
        "shipment__ska__status",
        "net_kg",
        "fob_usd",
    )


def _imported(filters: Filters) -> Iterable[tuple]:
    return _imported_rows(filters).values_list(
        "year",
        "month",
        "exporter",
        "commodity",
        "volume_kg",
        "value_usd",
        "destinations",
    )


def _sort_key(group: Group) -> tuple:
    return (
        group.year,
        group.month or 13,  # an imported row with no month comes last in its year
        group.exporter.casefold(),
        group.commodity.casefold(),
    )


def realisation_report(*, filters: Filters) -> Report:
    """The groups of the period and their totals.

    The rows are added up here, with Decimal, rather than by the database:
    SQLite adds decimals as binary floats, and a report of a trade office must
    add up to the last decimal on every database.
    """
    groups: dict[tuple, Group] = {}
    total = Group(
        year=filters.year or 0, month=filters.month, exporter="", commodity=""
    )
    shipments: dict[tuple, set[int]] = {}
    skas: dict[tuple, set[int]] = {}

    def group_for(year, month, exporter, commodity) -> tuple[tuple, Group]:
        key = (year, month if filters.by_month else None, exporter, commodity)
        if key not in groups:
            groups[key] = Group(*key)
        return key, groups[key]

    for (
        year,
        month,
        exporter,
        commodity,
        country,
        shipment,
        status,
        kg,
        usd,
    ) in _own_lines(filters):
        key, group = group_for(year, month, exporter, commodity)
        group.volume_kg += kg
        group.value_usd += usd
        group.destination_codes[country] = None
        shipments.setdefault(key, set()).add(shipment)
        shipments.setdefault(None, set()).add(shipment)
        if status == SkaStatus.ISSUED:
            skas.setdefault(key, set()).add(shipment)
            skas.setdefault(None, set()).add(shipment)
    for year, month, exporter, commodity, kg, usd, countries in _imported(filters):
        _key, group = group_for(year, month, exporter, commodity)
        group.volume_kg += kg
        group.value_usd += usd
        group.imported_rows += 1
        group.destination_codes.update(dict.fromkeys(countries or []))
    for key, group in groups.items():
        group.shipments = len(shipments.get(key, ()))
        group.skas = len(skas.get(key, ()))
        total.volume_kg += group.volume_kg
        total.value_usd += group.value_usd
        total.imported_rows += group.imported_rows
        total.destination_codes.update(group.destination_codes)
    # A shipment of two commodities is in two groups: counted once in the total.
    total.shipments = len(shipments.get(None, ()))
    total.skas = len(skas.get(None, ()))
    return Report(
        filters=filters,
        groups=sorted(groups.values(), key=_sort_key),
        total=total,
    )


def report_years() -> list[int]:
    """Every year with a realised shipment or an imported row, newest first."""
    own = (
        ShipmentLine.objects.filter(shipment__peb_date__isnull=False)
        .annotate(year=ExtractYear("shipment__peb_date"))
        .values_list("year", flat=True)
        .distinct()
        .order_by()
    )
    imported = RealisationRow.objects.values_list("year", flat=True).distinct()
    return sorted(set(own) | set(imported.order_by()), reverse=True)
