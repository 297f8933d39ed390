"""Build: the file side: read content/, cache, workers, write docs/; import."""
