"""Referrals: partners' link templates, outbound clicks, signed conversions, reports, live links."""
