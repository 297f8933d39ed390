"""Site: turn documents into page Markdown/HTML, word data and vocabulary files."""
