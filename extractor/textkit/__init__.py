"""Text normalisation, cosmetic (typographic) comparison, slugs and pairing: pure helpers used by every stage."""
