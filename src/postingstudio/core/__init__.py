"""Pure-Python analysis of job postings: model, rules engine, analysers, scoring.

No Qt, no python-docx.
"""
