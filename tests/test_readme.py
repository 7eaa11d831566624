"""The README stays true: its two commands are the ones that work, CI runs the same test command,
and every CLI command is documented."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_commands():
    assert "pip install -r requirements.txt && python -m compileall -q lib && streamlit run app.py" in README
    assert "bash scripts/test.sh" in README
    assert "bash scripts/test.sh" in (ROOT / ".ci" / "run").read_text()
    assert "pytest" in (ROOT / "scripts" / "test.sh").read_text()


def test_every_cli_command_is_documented():
    cli = (ROOT / "lib" / "cli.py").read_text(encoding="utf-8")
    commands = re.findall(r'sub\.add_parser\(\s*"([a-z-]+)"', cli)
    assert {"ingest", "demo", "postcode", "kpis", "snapshot", "briefing"} <= set(commands)
    for name in commands:
        assert f"python -m lib.cli {name}" in README, name


def test_every_page_is_in_the_router():
    app = (ROOT / "app.py").read_text(encoding="utf-8")
    for page in sorted((ROOT / "pages").glob("*.py")):
        assert f"pages/{page.name}" in app, page.name


def test_layout_names_every_module():
    """The layout section names every module under lib/ (a package's modules by file name), and
    every lib/ path it names exists."""
    section = README.split("## How the code is laid out", 1)[1].split("\n## ", 1)[0]
    lib = ROOT / "lib"
    for path in sorted(lib.rglob("*.py")):
        if path.name == "__init__.py" or "__pycache__" in path.parts:
            continue
        rel = path.relative_to(ROOT).as_posix()
        if path.parent == lib:
            assert rel in section, rel
        else:
            package = path.parent.relative_to(ROOT).as_posix() + "/"
            assert package in section and path.name in section, rel
    for named in re.findall(r"\blib/[\w/]+(?:\.py|/)", section):
        assert (ROOT / named).exists(), named
