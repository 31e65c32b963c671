"""Side-by-side comparison with competitor ads."""
