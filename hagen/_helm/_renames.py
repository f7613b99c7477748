"""Keys that chart upgrades renamed or removed: an old values file still carries them.

Helm ignores an unknown key, so a values file written for an old chart silently loses its settings after an
upgrade. The Jenkins chart's own deprecation template (templates/deprecation.yaml) fails the render instead
for the keys it knows, while `checkDeprecation` is true (its default). hagen names the new path and says
which of the two happens.
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
    render_fails: str | None = None
    """The chart's own deprecation template `fail`s the render with this message when the old key is set
    (the Jenkins chart's templates/deprecation.yaml, while `checkDeprecation` is true, its default)."""

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
    Rename(
        "master",
        "controller",
        "3.0",
        render_fails="`master` does no longer exist. It has been renamed to `controller`",
    ),
    Rename("controller.image", "controller.image.repository", "5.0", mapping_now=True),
    Rename(
        "controller.tag",
        "controller.image.tag",
        "5.0",
        render_fails="`controller.tag` no longer exists. It has been renamed to `controller.image.tag'",
    ),
    Rename("controller.imagePullPolicy", "controller.image.pullPolicy", "5.0"),
    Rename("controller.adminUsername", "controller.admin.username", "5.0"),
    Rename(
        "controller.adminPassword",
        "controller.admin.password",
        "5.0",
        render_fails="`controller.adminPassword` no longer exists."
        " It has been renamed to `controller.admin.password`",
    ),
    Rename(
        "controller.adminSecret",
        "controller.admin.createSecret",
        "5.0",
        render_fails="`controller.adminSecret` no longer exists."
        " It has been renamed to `controller.admin.createSecret`",
    ),
    Rename("agent.image", "agent.image.repository", "5.0", mapping_now=True),
    Rename(
        "agent.tag",
        "agent.image.tag",
        "5.0",
        render_fails="`controller.agent.tag` no longer exists."
        " It has been renamed to `controller.agent.image.tag`",
    ),
    Rename("backup", None, "5.0", render_fails="`controller.backup` no longer exists."),
    Rename(
        "rbac.install",
        "rbac.create",
        "3.0",
        render_fails="`rbac.install` does no longer exist."
        " It has been renamed to `rbac.create` and is enabled by default!",
    ),
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
