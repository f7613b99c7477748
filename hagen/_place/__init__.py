"""The kube-scheduler filter simulation: placements, Pending reasons, rollouts and failures, as data."""

from ._cluster import Allocatable, ClusterProfile, Node, SimNode, Taint, load_profile, profile_from_data
from ._command import PlaceOptions, place_command, place_inputs
from ._failure import Failure, apply_failure, fail
from ._inputs import Inputs
from ._pod import Pod, parse_pod
from ._report import to_data, to_text
from ._rollout import Rollout, RolloutStep, rollout
from ._rules import placement_findings
from ._run import Placed, place
from ._scenario import run_scenario, scenario_simulation
from ._simulate import Placement, Simulation, Simulator, simulate
from ._svg import render_svg
from ._topology import TopologyNote, topology_notes

__all__ = [
    "Allocatable",
    "ClusterProfile",
    "Failure",
    "Inputs",
    "Node",
    "PlaceOptions",
    "Placed",
    "Placement",
    "Pod",
    "Rollout",
    "RolloutStep",
    "SimNode",
    "Simulation",
    "Simulator",
    "Taint",
    "TopologyNote",
    "apply_failure",
    "fail",
    "load_profile",
    "parse_pod",
    "place",
    "place_command",
    "place_inputs",
    "placement_findings",
    "profile_from_data",
    "render_svg",
    "rollout",
    "run_scenario",
    "scenario_simulation",
    "simulate",
    "to_data",
    "to_text",
    "topology_notes",
]
