"""A blueprint whose workloads come from a cdk8s-plus app (see _seed_app.py): hagen adds the Namespace
and the cluster it is meant for, and every hagen command sees the chart's objects."""

# hagen.cdk8s first: when cdk8s or Node.js is missing, it says so in one line (jsii would raise a
# traceback from the next import instead).
import hagen.cdk8s  # noqa: F401

# isort: split
from _seed_app import NAMESPACE, seed_chart

from hagen import Blueprint
from hagen._place import ClusterProfile


class SeedCdk8s(Blueprint):
    """The seed system, written with cdk8s-plus, on two nodes."""

    name = "seed-cdk8s"
    namespace = NAMESPACE
    cdk8s_charts = (seed_chart,)
    cluster = ClusterProfile.shorthand(nodes=2, cpu="2", memory="4Gi")
