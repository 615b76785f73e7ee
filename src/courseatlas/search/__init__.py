"""Search: the change log today; the tantivy index behind a small interface."""
