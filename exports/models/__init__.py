"""Export shipments, their papers and the Certificate of Origin (SKA) for each."""

from .agreements import FormKind, SkaForm, SkaFormCountry
from .parties import Buyer
from .realisation import RealisationImport, RealisationRow
from .shipments import (
    DocumentKind,
    Incoterm,
    OriginCriterion,
    Shipment,
    ShipmentDocument,
    ShipmentLine,
    TransportMode,
    Unit,
)
from .ska import SkaApplication, SkaStatus, SkaStatusChange

__all__ = [
    "Buyer",
    "DocumentKind",
    "FormKind",
    "Incoterm",
    "OriginCriterion",
    "RealisationImport",
    "RealisationRow",
    "Shipment",
    "ShipmentDocument",
    "ShipmentLine",
    "SkaApplication",
    "SkaForm",
    "SkaFormCountry",
    "SkaStatus",
    "SkaStatusChange",
    "TransportMode",
    "Unit",
]
