"""Export realisation: the report of realised exports and the import of tables."""
