"""The export pages, for admins: shipments, documents, SKA, realisation."""
