"""The set of StorageClasses a blueprint uses: those it declares plus those its volumes name."""

from __future__ import annotations

from collections.abc import Iterable

from hagen._errors import BlueprintError
from hagen._storage._ebs import StorageClass
from hagen._storage._efs import EfsStorageClass
from hagen._storage._volume import Volume

AnyStorageClass = StorageClass | EfsStorageClass


def collect_classes(
    declared: Iterable[AnyStorageClass], volumes: Iterable[Volume]
) -> tuple[AnyStorageClass, ...]:
    """Every class once, sorted by name; two different classes under one name are refused.

    A volume holds its class as an object, so a class used by a volume need not be declared again; the
    same object (or an equal one) declared twice is fine.
    """
    by_name: dict[str, AnyStorageClass] = {}
    for sc in [*declared, *(v.storage_class for v in volumes)]:
        seen = by_name.setdefault(sc.name, sc)
        if seen != sc:
            raise BlueprintError(
                "two different StorageClasses share this name",
                field=f"StorageClass {sc.name!r}",
                allowed="one declaration per name; reuse the same object in every Volume",
            )
    return tuple(by_name[name] for name in sorted(by_name))
