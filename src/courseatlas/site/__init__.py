"""HTTP plumbing: dependencies, middleware and error rendering."""
