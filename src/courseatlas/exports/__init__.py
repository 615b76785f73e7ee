"""The catalog export: every resource as JSON Lines, gzip, for bulk users instead of scraping."""
