"""Report builders of the ledger: what each report shows and exports."""
