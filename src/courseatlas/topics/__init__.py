"""Topics: the tree with counts and topic pages, composed from the catalog, search and careers."""
