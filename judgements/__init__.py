"""Judged relevance sets and their evaluation, shared by the test suite and bench/: which
resources belong to a career, and precision@10 and recall@20 of what matching shows."""
