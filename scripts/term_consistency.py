"""Print where translations do not use the glossary's renderings (the same check `duben check` runs)."""

from __future__ import annotations

import sys
from pathlib import Path

from duben.build.project import Project, load_documents, load_glossary
from duben.content.consistency import term_mismatches

if __name__ == "__main__":
    project = Project(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("."))
    found = term_mismatches(load_documents(project), load_glossary(project))
    print("\n".join(map(str, found)) or "consistent")
    sys.exit(1 if found else 0)
