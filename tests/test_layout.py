"""The package layout keeps its rules (DESIGN.md, "Package layout").

- no import cycle among framing modules (function-level imports included);
- a private module of a subpackage (``framing/lexicon/_score.py``) is imported only from
  inside that subpackage, except through the allow-list below;
- no file imports another file's ``_name``; bench scripts use public names only.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# shared by design: the shared layer, the text layer, and the CLI calling its tasks
ALLOWED = (
    "framing._shared.",
    "framing._tokens",
    "framing._patterns",
    "framing._speedups",
    "framing._languages",
)


def _modules() -> dict[str, Path]:
    out = {}
    for path in (ROOT / "framing").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        out[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return out


MODULES = _modules()


def _imports(path: Path):
    """(imported module, imported name or None) for every import in a file."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            yield from ((a.name, None) for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for a in node.names:
                sub = f"{node.module}.{a.name}"
                yield (sub, None) if sub in MODULES else (node.module, a.name)


def _private(module: str) -> bool:
    return any(p.startswith("_") and not p.startswith("__") for p in module.split("."))


def test_no_import_cycle():
    graph = {m: {t for t, _ in _imports(p) if t in MODULES} for m, p in MODULES.items()}
    state: dict[str, int] = {}  # 1 on the stack, 2 done

    def visit(m, stack):
        state[m] = 1
        for t in sorted(graph[m]):
            assert state.get(t) != 1, "import cycle: " + " -> ".join([*stack, m, t])
            if t not in state:
                visit(t, [*stack, m])
        state[m] = 2

    for m in sorted(graph):
        if m not in state:
            visit(m, [])


def test_private_modules_and_names_stay_home():
    bad = []
    for m, path in MODULES.items():
        home = m if path.name == "__init__.py" else m.rpartition(".")[0]
        for target, name in _imports(path):
            if not target.startswith("framing"):
                continue
            owner = target.rpartition(".")[0]  # the package a private module belongs to
            cli_task = m == "framing.cli" and target.endswith("._tasks")
            if _private(target) and not target.startswith(ALLOWED) and not cli_task:
                if not (home + ".").startswith(owner + "."):
                    bad.append(f"{m} imports {target}")
            if name and name.startswith("_") and not name.startswith("__"):
                bad.append(f"{m} imports {name} from {target}")
    for path in (ROOT / "bench").glob("*.py"):
        for target, name in _imports(path):
            if target.startswith("framing") and (_private(target) or (name or "").startswith("_")):
                bad.append(f"bench/{path.name} imports {name or target} from {target}")
    assert not bad, "\n".join(bad)
