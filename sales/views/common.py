"""What the ledger's entry pages share."""

PAGE_SIZE = 25
LINES_PREFIX = "lines"
