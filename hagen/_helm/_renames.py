"""Keys that chart upgrades renamed or removed: an old values file still carries them.

Helm ignores an unknown key, so a values file written for an old chart silently loses its settings after an
upgrade (the Jenkins chart's own deprecation check fails the render instead, without saying where the key
went). hagen names the new path.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class Rename:
    """`old` (a dotted key path, matching the key and everything below it) became `new` in chart `since`.

    `new` None means the key was removed. `mapping_now` marks a key that still exists but became a
    mapping (``controller.image``): a scalar there is the old form.
    """

    old: str
    new: str | None
    since: str
    mapping_now: bool = False

    def new_path(self, path: str) -> str | None:
        """Where `path` (at or below `old`) lives now, or None when it was removed."""
        if self.new is None:
            return None
        return self.new + path[len(self.old) :]


# jenkinsci/jenkins: chart 3.0 renamed master to controller and the slave* keys; chart 5.0 split the image
# keys and moved the admin keys under controller.admin; rbac.install became rbac.create.
JENKINS_RENAMES: tuple[Rename, ...] = (
    Rename("master.slaveListenerPort", "controller.agentListenerPort", "3.0"),
    Rename("master.slaveKubernetesNamespace", "agent.namespace", "3.0"),
    Rename("master.slaveJenkinsUrl", "agent.jenkinsUrl", "3.0"),
    Rename("master", "controller", "3.0"),
    Rename("controller.image", "controller.image.repository", "5.0", mapping_now=True),
    Rename("controller.tag", "controller.image.tag", "5.0"),
    Rename("controller.imagePullPolicy", "controller.image.pullPolicy", "5.0"),
    Rename("controller.adminUsername", "controller.admin.username", "5.0"),
    Rename("controller.adminPassword", "controller.admin.password", "5.0"),
    Rename("controller.adminSecret", "controller.admin.createSecret", "5.0"),
    Rename("agent.image", "agent.image.repository", "5.0", mapping_now=True),
    Rename("agent.tag", "agent.image.tag", "5.0"),
    Rename("backup", None, "5.0"),
    Rename("rbac.install", "rbac.create", "3.0"),
)

RENAMES: Mapping[str, tuple[Rename, ...]] = {"jenkins": JENKINS_RENAMES}
"""Known renames by chart name."""


def _matches(rename: Rename, path: str) -> bool:
    return path == rename.old or path.startswith(rename.old + ".")


def find_rename(renames: tuple[Rename, ...], path: str, scalar: bool = False) -> tuple[Rename, ...]:
    """The chain of renames that apply to `path` (``master.adminPassword`` goes through two), or ().

    `scalar` tells whether the value at `path` is not a mapping (only then does a `mapping_now` rename apply).
    """
    chain: list[Rename] = []
    current: str | None = path
    for _ in range(4):  # chains are short; the bound guards against a cyclic table
        if current is None:
            break
        step = next(
            (
                r
                for r in renames
                if _matches(r, current) and (not r.mapping_now or (scalar and current == r.old))
            ),
            None,
        )
        if step is None:
            break
        chain.append(step)
        current = step.new_path(current)
    return tuple(chain)
