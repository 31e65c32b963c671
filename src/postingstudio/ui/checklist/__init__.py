"""The section checklist panel."""
