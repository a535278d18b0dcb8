"""Views of the ledger: entries (sales, expenses, wages) and reports."""
