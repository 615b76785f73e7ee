"""Pictures of courses and books: fetched by a job, resized, served from the site's own host."""
