"""cdk8s stays optional: hagen never imports it unless a blueprint asks, and says what is missing."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from tests.conftest import ROOT, run_hagen

LAZY = Path(__file__).parent / "data" / "cdk8s" / "lazy_blueprint.py"
JSII_FAMILY = "('cdk8s', 'cdk8s_plus_32', 'constructs', 'jsii')"


def _python(code: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_synthesizing_the_example_never_imports_cdk8s(tmp_path: Path) -> None:
    result = _python(
        f"""
        import sys
        import hagen
        report = hagen.synth([{str(ROOT / "blueprints")!r}], {str(tmp_path / "out")!r})
        assert report.written, report
        hagen.plan([{str(ROOT / "blueprints")!r}])
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {JSII_FAMILY})
        assert not loaded, loaded
        """,
        ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_the_cli_never_imports_cdk8s_for_the_example(tmp_path: Path) -> None:
    result = _python(
        f"""
        import sys
        from hagen._cli import main
        assert main(["synth", {str(ROOT / "blueprints")!r}, "-o", {str(tmp_path / "out")!r}]) == 0
        assert main(["synth", {str(ROOT / "blueprints")!r}, "--stdout"]) == 0
        loaded = sorted(m for m in sys.modules if m.split(".")[0] in {JSII_FAMILY})
        assert not loaded, loaded
        """,
        ROOT,
    )
    assert result.returncode == 0, result.stderr


def test_missing_node_is_one_clear_line_and_nothing_is_written(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run_hagen("synth", str(LAZY), "-o", str(out), env={"JSII_NODE": str(tmp_path / "no-node")})
    assert result.returncode == 2
    assert "cdk8s_charts needs Node.js" in result.stderr
    assert "JSII_NODE" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_package_names_the_extra(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = _python(
        f"""
        import sys
        sys.modules["cdk8s"] = None  # as if the optional extra were not installed
        from hagen._cli import main
        sys.exit(main(["synth", {str(LAZY)!r}, "-o", {str(out)!r}]))
        """,
        ROOT,
    )
    assert result.returncode == 2, result.stderr
    assert "pip install 'hagen[cdk8s]'" in result.stderr
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_importing_the_public_module_without_cdk8s_says_what_to_install() -> None:
    result = _python(
        """
        import sys
        sys.modules["cdk8s"] = None
        try:
            import hagen.cdk8s
        except Exception as exc:
            print(type(exc).__name__, exc)
        """,
        ROOT,
    )
    assert result.stdout.startswith("Cdk8sUnavailable hagen.cdk8s needs the Python package 'cdk8s'")
    assert "pip install 'hagen[cdk8s]'" in result.stdout
