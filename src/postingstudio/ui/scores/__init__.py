"""The score panel and its gauges."""
