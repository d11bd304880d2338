"""Counting contact clicks without identifying readers, and the impact report."""
