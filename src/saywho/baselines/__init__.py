"""Baseline systems: document text in, a prediction of the gold's shape out (character spans)."""
