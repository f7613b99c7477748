"""hagen: typed blueprint classes -> Kubernetes manifests and Helm values, kept honest.

    import hagen
    specs = hagen.load_blueprints(["blueprints"])
    synthesis = hagen.synthesize(specs[0])        # objects as plain dicts
    files = hagen.render(synthesis)               # relative path -> YAML text
    hagen.write_tree(files, Path("out"))          # all or nothing
"""

from ._api import plan, synth, synthesize_all
from ._blueprint import (
    Avoid,
    Blueprint,
    BlueprintSpec,
    Colocate,
    ConfigMapKeyRef,
    Port,
    Probe,
    Resources,
    SecretKeyRef,
    Separate,
    Spread,
    Strategy,
    Tier,
    avoid,
    colocate,
    load_blueprints,
    separate,
    spread,
)
from ._errors import BlueprintError, ChartError, HagenError, InputError, OutputError, UnsafeYAMLError
from ._objects import Object, object_id, sort_objects
from ._output import WriteReport, read_owned, render, render_objects, write_tree
from ._synth import Synthesis, synthesize
from ._version import __version__

__all__ = [
    "Avoid",
    "Blueprint",
    "BlueprintError",
    "BlueprintSpec",
    "ChartError",
    "Colocate",
    "ConfigMapKeyRef",
    "HagenError",
    "InputError",
    "Object",
    "OutputError",
    "Port",
    "Probe",
    "Resources",
    "SecretKeyRef",
    "Separate",
    "Spread",
    "Strategy",
    "Synthesis",
    "Tier",
    "UnsafeYAMLError",
    "WriteReport",
    "__version__",
    "avoid",
    "colocate",
    "load_blueprints",
    "object_id",
    "plan",
    "read_owned",
    "render",
    "render_objects",
    "separate",
    "sort_objects",
    "spread",
    "synth",
    "synthesize",
    "synthesize_all",
    "write_tree",
]
