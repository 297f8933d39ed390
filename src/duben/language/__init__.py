"""Language: segmentation, pinyin, numbers, dictionary (no file access but their own data)."""
