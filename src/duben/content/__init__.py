"""Content: parse and check what editors write in content/ (text in, values out)."""
