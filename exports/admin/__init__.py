"""Export papers in the admin: buyers, the agreement table, and a look at shipments.

Shipments, their SKA application and its status move on the shipment page of
the portal, where the pre-flight check and the workflow keep them right. Here
the pengurus edits buyers and the table of forms per destination, corrects a
shipment's papers while its SKA is not yet with e-SKA, and looks things up.
Document files never get a public address: the admin shows their names only,
with a link to the portal's download, which only the pengurus may open.
"""

from . import shipments, tables

__all__ = ["shipments", "tables"]
