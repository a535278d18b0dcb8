"""Date formats the portal prints, per language (settings.FORMAT_MODULE_PATH)."""
