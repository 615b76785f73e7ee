"""The site learners use: pages, templates, static files, SEO data and formatting."""
