"""The findings panel, its model, and the safe-fixes review dialog."""
