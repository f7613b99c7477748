"""Bad blueprints: one clear message naming file, blueprint, field, value and what is allowed; exit 2."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import hagen
from tests.conftest import run_hagen

HEADER = "from hagen import Blueprint, Tier, Port, separate, colocate, Resources\n"


def write_blueprint(folder: Path, body: str, name: str = "app.py") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(HEADER + textwrap.dedent(body))
    return path


CASES = [
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx")]
        """,
        ["app.py:4", "image", "'nginx'", "untagged or `latest`", "allow_latest"],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="Web", image="nginx:1.27")]
        """,
        ["app.py:4", "name", "'Web'", "DNS-1035"],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx:1.27", replicas=-1)]
        """,
        ["app.py:4", "replicas", "-1", ">= 0"],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx:1.27", resources=Resources(cpu="lots"))]
        """,
        ["app.py:4", "cpu", "'lots'", "quantity"],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx:1.27", placement=[colocate("db")])]
        """,
        ["app.py", "App", "placement[0].tier", "'db'", "tiers: web"],
    ),
    (
        """
        class App(Blueprint):
            tier = [Tier(name="web", image="nginx:1.27")]
        """,
        ["app.py", "App", "unknown blueprint attribute 'tier'", "did you mean 'tiers'"],
    ),
    (
        """
        class App(Blueprint):
            namespace = "My_NS"
        """,
        ["app.py", "App", "namespace", "'My_NS'", "DNS-1123"],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx:1.27", ports=[Port(name="http", port=70000)])]
        """,
        ["app.py:4", "port", "70000", "<= 65535"],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx:1.27", placement=[separate(weight=50)])]
        """,
        ["app.py:4", "weight applies to soft rules only"],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx:1.27", ports=[Port(8080)])]
        """,
        [
            "app.py:4",
            "App",
            "Port() takes its fields by name, as Port(name=...)",
            "(got 8080)",
            "allowed: keyword arguments: name, port, protocol",
        ],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier("web", "nginx:1.27")]
        """,
        [
            "app.py:4",
            "Tier() takes its fields by name",
            "got 2 positional arguments",
            "('web', 'nginx:1.27')",
        ],
    ),
    (
        """
        class App(Blueprint):
            tiers = [Tier(name="web", image="nginx:1.27", ports=[Port(name="a", port=8080, service_port=80),
                                                               Port(name="b", port=8081, service_port=80)])]
        """,
        ["app.py:4: App: Tier[web]: Service ports repeat: [80, 80]"],
    ),
    (
        """
        def tier(name, port):
            return Tier(name=name, image="nginx:1.27", ports=[Port(name="http", port=port)])

        class App(Blueprint):
            tiers = [tier("api", 8080), tier("worker", port=70000)]
        """,
        ["app.py:4: App: Port[http].port: Input should be less than or equal to 65535 (got 70000)"],
    ),
]


@pytest.mark.parametrize(("body", "expected"), CASES)
def test_cli_reports_one_clear_message_and_writes_nothing(
    tmp_path: Path, body: str, expected: list[str]
) -> None:
    write_blueprint(tmp_path / "bp", body)
    out = tmp_path / "out"
    result = run_hagen("synth", str(tmp_path / "bp"), "-o", str(out))
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    for fragment in expected:
        assert fragment in result.stderr, (fragment, result.stderr)
    assert not out.exists()


def test_error_in_second_blueprint_writes_nothing_of_the_first(tmp_path: Path) -> None:
    write_blueprint(
        tmp_path / "bp", 'class A(Blueprint):\n    tiers = [Tier(name="a", image="nginx:1.27")]\n', "a.py"
    )
    write_blueprint(
        tmp_path / "bp", 'class B(Blueprint):\n    tiers = [Tier(name="b", image="nginx")]\n', "b.py"
    )
    out = tmp_path / "out"
    assert run_hagen("synth", str(tmp_path / "bp"), "-o", str(out)).returncode == 2
    assert not out.exists()


def test_duplicate_blueprint_names_are_refused(tmp_path: Path) -> None:
    write_blueprint(tmp_path / "bp", "class A(Blueprint):\n    name = 'same'\n", "a.py")
    write_blueprint(tmp_path / "bp", "class B(Blueprint):\n    name = 'same'\n", "b.py")
    with pytest.raises(hagen.BlueprintError, match="also used by A"):
        hagen.load_blueprints([tmp_path / "bp"])


def test_bare_selectors_collide_in_one_namespace(tmp_path: Path) -> None:
    tier = 'tiers = [Tier(name="web", image="nginx:1.27")]'
    write_blueprint(tmp_path / "bp", f"class A(Blueprint):\n    namespace = 'ns'\n    {tier}\n", "a.py")
    write_blueprint(
        tmp_path / "bp",
        f"class B(Blueprint):\n    namespace = 'ns'\n    bare_tier_selectors = True\n    {tier}\n",
        "b.py",
    )
    with pytest.raises(hagen.BlueprintError, match="select each other's pods"):
        hagen.load_blueprints([tmp_path / "bp"])


def test_default_selectors_do_not_collide(tmp_path: Path) -> None:
    tier = 'tiers = [Tier(name="web", image="nginx:1.27")]'
    write_blueprint(tmp_path / "bp", f"class A(Blueprint):\n    namespace = 'ns'\n    {tier}\n", "a.py")
    write_blueprint(tmp_path / "bp", f"class B(Blueprint):\n    namespace = 'ns'\n    {tier}\n", "b.py")
    assert [s.name for s in hagen.load_blueprints([tmp_path / "bp"])] == ["a", "b"]


def test_exception_in_user_code_is_input_error(tmp_path: Path) -> None:
    write_blueprint(tmp_path / "bp", "raise RuntimeError('boom')\n")
    result = run_hagen("synth", str(tmp_path / "bp"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2
    assert "app.py:2: RuntimeError: boom" in result.stderr
    assert "Traceback" not in result.stderr


def test_missing_path_is_exit_2(tmp_path: Path) -> None:
    result = run_hagen("synth", str(tmp_path / "nope"))
    assert result.returncode == 2
    assert "no such blueprint file or folder" in result.stderr


@pytest.mark.parametrize(
    ("tier", "expected"),
    [
        (
            'Tier(name="w", image="nginx:1.27", readiness=Probe(http_path="/healthz"))',
            "the tier declares none",
        ),
        (
            'Tier(name="w", image="nginx:1.27", ports=[Port(name="http", port=80)], '
            'liveness=Probe(tcp=True, port="web"))',
            "port 'web' is not one of the tier's ports (http)",
        ),
    ],
)
def test_probes_must_check_a_declared_port(tmp_path: Path, tier: str, expected: str) -> None:
    write_blueprint(
        tmp_path / "bp", f"from hagen import Probe\nclass App(Blueprint):\n    tiers = [{tier}]\n"
    )
    result = run_hagen("synth", str(tmp_path / "bp"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and expected in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("tiers", "expected"),
    [
        ('[Tier(name="w", image="nginx:1.27", expose="LoadBalancer")]', "needs ports to expose"),
        (
            '[Tier(name="w", image="nginx:1.27", ports=[Port(name="a", port=80), '
            'Port(name="b", port=81, service_port=80)])]',
            "Service ports repeat",
        ),
        ('[Tier(name="w", image="nginx:1.27", writable_paths=["/tmp", "/tmp"])]', "two mounts share a path"),
        (
            '[Tier(name="db", image="postgres:16.4", replicas=2, volumes=[Volume(name="data", size="1Gi", '
            'mount_path="/d", storage_class=StorageClass(name="gp3"))]), '
            'Tier(name="db-headless", image="nginx:1.27", ports=[Port(name="http", port=80)])]',
            "two objects are both core.Service",
        ),
    ],
)
def test_objects_the_api_server_would_refuse_are_caught_at_load(
    tmp_path: Path, tiers: str, expected: str
) -> None:
    header = "from hagen import StorageClass, Volume\n"
    write_blueprint(tmp_path / "bp", f"{header}class App(Blueprint):\n    tiers = {tiers}\n")
    result = run_hagen("synth", str(tmp_path / "bp"), "-o", str(tmp_path / "out"))
    assert result.returncode == 2 and expected in result.stderr, result.stderr
    assert not (tmp_path / "out").exists()
