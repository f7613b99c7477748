"""The AWS EBS CSI driver's StorageClass parameter keys, and checking raw keys against them.

The driver rejects an unknown key only when it provisions a volume ("Invalid parameter key ... for
CreateVolume"), i.e. on the cluster, long after apply. hagen rejects it at synth time instead, with the
closest known key. Keys are case-insensitive to the driver, except ``csi.storage.k8s.io/fstype`` and the
``tagSpecification_`` prefix (aws-ebs-csi-driver docs/parameters.md).
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping

from hagen._errors import BlueprintError

FSTYPE_KEY = "csi.storage.k8s.io/fstype"
TAG_PREFIX = "tagSpecification_"

# Driver key -> the StorageClass field that sets it (None: only through `parameters`). Order is the order
# hagen writes them in, so that the same class always renders the same bytes.
KNOWN_KEYS: dict[str, str | None] = {
    FSTYPE_KEY: "fs_type",
    "type": "type",
    "iops": "iops",
    "iopsPerGB": "iops_per_gb",
    "allowAutoIOPSPerGBIncrease": "allow_auto_iops_per_gb_increase",
    "allowAutoIOPSIncreaseOnModify": None,
    "throughput": "throughput",
    "encrypted": "encrypted",
    "kmsKeyId": "kms_key_id",
    "blockSize": "block_size",
    "inodeSize": "inode_size",
    "bytesPerInode": "bytes_per_inode",
    "numberOfInodes": "number_of_inodes",
    "ext4BigAlloc": "ext4_bigalloc",
    "ext4ClusterSize": "ext4_cluster_size",
    "ext4EncryptionSupport": None,
    "volumeInitializationRate": None,
}
_CASE_INSENSITIVE = {key.lower(): key for key in KNOWN_KEYS if key != FSTYPE_KEY}
DEPRECATED_KEYS = {"blockexpress": "blockExpress is deprecated and has no effect; leave it out"}


def canonical_key(key: str) -> str | None:
    """The driver's spelling of `key` (matched the way the driver matches it), or None when unknown."""
    if key == FSTYPE_KEY:
        return key
    return _CASE_INSENSITIVE.get(key.lower())


def check_raw_parameters(parameters: Mapping[str, str], field: str) -> dict[str, str]:
    """Raw driver parameters, keys in the driver's spelling; refuses unknown keys and typed ones.

    A key that a StorageClass field sets (``iops``, ``type``, tags ...) is refused too: each value is
    declared in one place, the typed field, where it is checked against the limits.
    """
    checked: dict[str, str] = {}
    for key in sorted(parameters):
        value = parameters[key]
        where = f"{field}[{key!r}]"
        if not isinstance(value, str):
            raise BlueprintError(
                "StorageClass parameters are strings", field=where, value=value, allowed='e.g. "true", "3000"'
            )
        if key.lower() in DEPRECATED_KEYS:
            raise BlueprintError(DEPRECATED_KEYS[key.lower()], field=where)
        if key.startswith(TAG_PREFIX):
            raise BlueprintError("declare tags with the `tags` field (a dict)", field=where)
        known = canonical_key(key)
        if known is None:
            raise BlueprintError(f"unknown EBS CSI driver parameter {key!r}{_suggest(key)}", field=where)
        if KNOWN_KEYS[known] is not None:
            raise BlueprintError(
                f"{known!r} has its own field; set `{KNOWN_KEYS[known]}=` instead", field=where
            )
        checked[known] = value
    return checked


def _suggest(key: str) -> str:
    """'; did you mean ...?' with the closest known key, or a pointer to the list."""
    pool = {k.lower(): k for k in KNOWN_KEYS} | {"fstype": FSTYPE_KEY, "tagspecification_1": f"{TAG_PREFIX}1"}
    close = difflib.get_close_matches(key.lower(), list(pool), n=1, cutoff=0.6)
    if close:
        return f"; did you mean {pool[close[0]]!r}?"
    return f"; known keys: {', '.join(KNOWN_KEYS)}"
