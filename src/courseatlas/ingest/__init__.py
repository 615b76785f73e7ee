"""Ingest: read feeds and datasets, validate, normalise, dedupe and upsert in batches."""
