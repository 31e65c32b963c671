"""Rule files (TOML) and the matchers that run them."""
