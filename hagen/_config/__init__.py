"""Configuration of a service: ConfigMaps, Secrets by reference, and how tiers mount or read them."""

from ._configmap import ConfigMap
from ._mounts import ConfigFiles, EnvFrom, Files, SecretFiles
from ._secrets import ExternalSecret, RemoteRef, SealedSecret

__all__ = [
    "ConfigFiles",
    "ConfigMap",
    "EnvFrom",
    "ExternalSecret",
    "Files",
    "RemoteRef",
    "SealedSecret",
    "SecretFiles",
]
