"""Scoring the parser against labelled pages: pure scoring, and the corpus reader that runs it."""
