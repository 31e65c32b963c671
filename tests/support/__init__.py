"""Test-only support code: scripted launchers and hooks that drive the real app."""
