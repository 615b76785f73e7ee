"""HTTP plumbing under every route and page: dependencies, middleware, errors, headers, caching, metrics, health."""
