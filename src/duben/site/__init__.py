"""Site: turn documents into page Markdown/HTML and word data."""
