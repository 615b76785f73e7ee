"""Saved lists: what a learner keeps, with notes, order, progress, and public share links."""
