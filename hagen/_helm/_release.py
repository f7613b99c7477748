"""A Helm release declared in a blueprint: which chart, which pinned version, which values."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import ConfigDict, Field, PrivateAttr, field_validator

from .._errors import BlueprintError
from .._finding import Finding
from .._model import HagenModel
from ._merge import Values, deep_merge, merge_layers
from ._names import StorageClassLike, check_dns_label, check_pinned_version, check_release_name

_GENERIC_HOST_LABELS = frozenset({"www", "charts", "chart", "helm", "repo", "repository", "registry"})


class Chart(HagenModel):
    """Where a chart comes from: a classic chart repository (https) or an OCI registry (oci://)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    """The chart's name, e.g. ``jenkins``."""
    repository: str
    """The repository URL (``https://charts.jenkins.io``) or the OCI path holding the chart
    (``oci://registry-1.docker.io/bitnamicharts``), without the chart name."""
    alias: str | None = None
    """The local name for ``helm repo add``; derived from the host when not given."""

    @classmethod
    def oci(cls, reference: str) -> Chart:
        """A chart from its full OCI reference, ``oci://REGISTRY/PATH/NAME``."""
        base, _, name = reference.rstrip("/").rpartition("/")
        return cls(name=name, repository=base)

    @field_validator("name")
    @classmethod
    def _name(cls, value: str) -> str:
        return check_dns_label(value, "chart name")

    @field_validator("repository")
    @classmethod
    def _repository(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("https", "http", "oci") or not parts.netloc:
            raise ValueError(
                f"chart repository {value!r} is not a URL hagen can install from; use https://HOST/PATH "
                "(a chart repository) or oci://REGISTRY/PATH (an OCI registry)"
            )
        if parts.query or parts.fragment:
            raise ValueError(f"chart repository {value!r} carries a query or fragment; give the bare URL")
        return value.rstrip("/")

    @field_validator("alias")
    @classmethod
    def _alias(cls, value: str | None) -> str | None:
        return None if value is None else check_dns_label(value, "repository alias")

    @property
    def is_oci(self) -> bool:
        """True for charts pulled from an OCI registry (no ``helm repo add``)."""
        return self.repository.startswith("oci://")

    @property
    def repo_alias(self) -> str:
        """The name the repository gets in ``helm repo add`` and helmfile's ``repositories``."""
        if self.alias:
            return self.alias
        parts = urlsplit(self.repository)
        if self.is_oci and parts.path.strip("/"):  # oci://registry-1.docker.io/bitnamicharts -> bitnamicharts
            return parts.path.strip("/").rpartition("/")[2].lower()
        host = parts.hostname or "charts"
        labels = [label for label in host.split(".")[:-1] if label not in _GENERIC_HOST_LABELS]
        return labels[0] if labels else self.name

    @property
    def reference(self) -> str:
        """What ``helm upgrade --install`` takes: ``ALIAS/NAME`` or the full ``oci://`` reference."""
        return f"{self.repository}/{self.name}" if self.is_oci else f"{self.repo_alias}/{self.name}"


class HelmRelease(HagenModel):
    """One Helm release: ``helm upgrade --install NAME CHART --version VERSION -n NAMESPACE -f values.yaml``.

    Values come in three layers, later layers winning (mappings merge key by key, lists and scalars
    replace, a None replaces too and then removes the chart's default, as in Helm):
    the typed model's values < `values_files` in order < the inline `values`.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str
    """Release name: a DNS-1123 label of at most 53 characters (Helm's limit)."""
    namespace: str
    """Namespace the release is installed into."""
    chart: Chart
    """The chart: repository URL and name, or an OCI reference (see `Chart.oci`)."""
    version: str
    """The exact chart version (semver, e.g. ``5.9.53``); ranges are refused."""
    values: dict[str, Any] = Field(default_factory=dict)
    """Free-form values merged over everything else (the highest precedence)."""
    values_files: tuple[str, ...] = ()
    """YAML values files, relative to the blueprint file, merged in order over the typed values."""
    chart_path: str | None = None
    """A local copy of the chart (directory or the .tgz `helm pull` leaves) to check values against,
    relative to the blueprint file."""
    create_namespace: bool = True
    """Whether the install creates the namespace (``--create-namespace``)."""
    hydrate: bool = False
    """Render the chart into out/ (helm/<release>/, one file per object) when a chart copy and the Helm
    engine are there; a target's ``hydrate = true`` in hagen.toml does the same for all its releases."""
    _loaded: tuple[tuple[Values, ...], Any] | None = PrivateAttr(default=None)
    # (values files' mappings, chart copy or None), read once at load time (see `loaded`).

    @field_validator("name")
    @classmethod
    def _release_name(cls, value: str) -> str:
        return check_release_name(value)

    @field_validator("namespace")
    @classmethod
    def _namespace(cls, value: str) -> str:
        return check_dns_label(value, "namespace")

    @field_validator("version")
    @classmethod
    def _version(cls, value: str) -> str:
        return check_pinned_version(value)

    def typed_values(self) -> Values:
        """The values the typed model sets (none for a plain release; see `Jenkins`)."""
        return {}

    def pinning_keys(self) -> dict[str, str]:
        """Template path within the chart (``templates/secret.yaml``) -> the values key that pins what it
        would generate anew on every render (a random password, a timestamp); none for a plain release."""
        return {}

    def known_keys(self) -> Values | None:
        """The key tree the typed model knows (None leaves take anything), for checks without a chart copy."""
        return None

    def storage_classes(self) -> tuple[StorageClassLike, ...]:
        """The StorageClass objects this release's values name, so that they are synthesized too."""
        return ()

    def review(self, values: Values) -> list[Finding]:
        """Release-specific findings about the final values (plain-text secrets, noisy defaults)."""
        return []

    def file_values(self, base_dir: Path) -> list[Values]:
        """The mapping in each of `values_files`, read relative to `base_dir` (the blueprint's folder).

        BlueprintError naming the field (``releases[NAME].values_files[I]``), the value and the file read
        (with its line where the YAML breaks); the caller that knows the blueprint adds its file and class
        (`hagen._errors.located_in`): the blueprint is where the fix goes, or where the path is wrong."""
        from .._errors import HagenError
        from .._yaml import load_file  # PyYAML only for a release that has values files

        layers: list[Values] = []
        mapping = "a single YAML document whose top level is a mapping"
        for index, name in enumerate(self.values_files):
            path = base_dir / name
            field = f"releases[{self.name}].values_files[{index}]"
            if not path.is_file():
                raise BlueprintError(
                    f"no such values file {path}",
                    field=field,
                    value=name,
                    allowed="a file's path relative to the blueprint's folder (or absolute)",
                )
            try:
                documents = load_file(path)  # Go-typed, as Helm reads them: dates stay strings
            except HagenError as exc:  # its message names the file and line: kept whole
                raise BlueprintError(str(exc), field=field, value=name, allowed=mapping) from None
            if len(documents) > 1 or (documents and not isinstance(documents[0], dict)):
                raise BlueprintError(
                    f"{path}: a values file must hold one YAML mapping",
                    field=field,
                    value=name,
                    allowed=mapping,
                )
            layers.append(documents[0] if documents else {})
        return layers

    def merged_values(self, base_dir: Path | str = ".") -> Values:
        """typed values < values files in order < inline values, deep-merged (see the class docstring).

        Values files come from what `loaded` read; a release not loaded reads them under `base_dir`."""
        files = self._loaded[0] if self._loaded is not None else self.file_values(Path(base_dir))
        return merge_layers([self.typed_values(), *files, self.values])

    def loaded(self, files: tuple[Values, ...], chart: Any) -> HelmRelease:
        """A copy that carries its values files' mappings and its chart copy (a ChartCopy or None), read
        at load time, so that checking and synthesizing it read nothing from disk."""
        copy = self.model_copy()
        copy._loaded = (files, chart)
        return copy

    @property
    def chart_copy(self) -> Any:
        """The chart copy read at load time (a ChartCopy), None when none was found; raises LookupError
        for a release not loaded (see `loaded`)."""
        if self._loaded is None:
            raise LookupError(f"release {self.name} was not loaded with its chart copy")
        return self._loaded[1]

    def with_values(self, extra: Values) -> HelmRelease:
        """A copy whose inline values have `extra` merged over them."""
        return self.model_copy(update={"values": deep_merge(self.values, extra)})
