"""Load-time checks of what the tiers reference: ConfigMap keys, Secret and ServiceAccount names.

A pod that reads a key its ConfigMap lacks never starts (CreateContainerConfigError); hagen knows the
content of the maps a blueprint declares, so it refuses such a reference before anything is written.
"""

from __future__ import annotations

from typing import Any

from .._config import ConfigFiles
from ._container import ConfigMapKeyRef


def _unique(names: list[str], what: str, field: str) -> None:
    seen: set[str] = set()
    for index, name in enumerate(names):
        if name in seen:
            raise ValueError(f"{field}[{index}].name: {what} {name!r} is declared twice")
        seen.add(name)


def _key_known(maps: dict[str, Any], name: str, key: str, where: str) -> None:
    config = maps.get(name)
    if config is None:
        return  # an existing ConfigMap, not declared here
    keys = sorted({*config.data, *config.binary_data})
    if key not in keys:
        raise ValueError(
            f"{where}: ConfigMap {name!r} has no key {key!r} (keys: {', '.join(keys) or 'none'}); "
            "the pod would never start"
        )


def _keys_known(maps: dict[str, Any], tier: Any, index: int) -> None:
    envs = [(f"tiers[{index}]", tier.env)]
    for field in ("init_containers", "sidecars", "containers"):
        envs.extend((f"tiers[{index}].{field}[{j}]", c.env) for j, c in enumerate(getattr(tier, field)))
    for where, env in envs:
        for name, value in env.items():
            if isinstance(value, ConfigMapKeyRef):
                _key_known(maps, value.name, value.key, f"{where}.env[{name}]")
    for j, files in enumerate(tier.files):
        if isinstance(files, ConfigFiles):
            for key in files.items:
                _key_known(maps, files.config_map, key, f"tiers[{index}].files[{j}].items")


def check_configuration(spec: Any) -> None:
    """ValueError naming the field for: a ConfigMap, secret or ServiceAccount declared twice (two
    different identities with one name), a key of a declared ConfigMap that it does not hold."""
    _unique([c.name for c in spec.config_maps], "ConfigMap", "config_maps")
    _unique([s.name for s in spec.secrets], "secret", "secrets")
    maps = {c.name: c for c in spec.config_maps}
    accounts: dict[str, Any] = {}
    for index, tier in enumerate(spec.tiers):
        if maps:  # keys are known only of the maps declared here
            _keys_known(maps, tier, index)
        if tier.identity is not None:
            account = tier.identity.name or tier.name
            if account in accounts and accounts[account] != tier.identity:
                raise ValueError(
                    f"tiers[{index}].identity: ServiceAccount {account!r} is declared with another "
                    "identity by another tier; share one Identity object or name them apart"
                )
            accounts[account] = tier.identity
