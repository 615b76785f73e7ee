"""Learner accounts: sign-up, sessions, passwords, API tokens, email and the admin role."""
