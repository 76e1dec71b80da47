"""Normalisers: pure functions from a matched span's text to its canonical value.

They know nothing of spaCy: a matcher finds the span, a normaliser reads it.
"""
