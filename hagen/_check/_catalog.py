"""Every finding id hagen knows: default severity, what it means and how to fix it (SARIF rules, docs)."""

from __future__ import annotations

from dataclasses import dataclass

from .._finding import Finding, Severity
from .._objects import Object, object_id
from ._context import CheckContext, origin


@dataclass(frozen=True, slots=True)
class Rule:
    """A finding id's description: `why` is the failure it prevents, `fix` the default hint."""

    id: str
    severity: Severity
    title: str
    why: str
    fix: str


_RULES = (
    Rule("workload.image-untagged", "warning", "Image without a tag or digest",
         "The image resolves to `latest`: each pull may run different code; rollbacks do not roll back.",
         "Pin the image to a version tag (or a digest): `image: nginx:1.27.3`."),
    Rule("workload.image-latest", "warning", "Image tagged latest",
         "`latest` moves: two replicas can run different builds and a rollback re-pulls the same moving tag.",
         "Pin the image to a version tag (or a digest) instead of `latest`."),
    Rule("workload.no-resource-requests", "warning", "Container without resource requests",
         "Without requests the scheduler packs pods blindly and the pod is the first evicted under pressure.",
         "Set `resources.requests.cpu` and `resources.requests.memory` on the tier."),
    Rule("workload.no-probes", "warning", "Container without probes",
         "Without a readiness probe traffic reaches pods before they serve; a bad release rolls out.",
         "Declare a readinessProbe (and a livenessProbe) for the tier's port."),
    Rule("workload.may-run-as-root", "warning", "Container may run as root",
         "Neither `runAsNonRoot: true` nor a non-zero `runAsUser` is set, so the image decides (often root).",
         "Set `securityContext.runAsNonRoot: true` (and `runAsUser` when the image has no numeric user)."),
    Rule("workload.privilege-escalation", "warning", "Container may escalate privileges",
         "`allowPrivilegeEscalation` defaults to true: setuid binaries in the image can gain privileges.",
         "Set `securityContext.allowPrivilegeEscalation: false` and drop capabilities (`drop: [ALL]`)."),
    Rule("workload.privileged", "error", "Privileged container",
         "A privileged container has full access to the node: a compromise of the pod is one of the node.",
         "Remove `privileged: true`; add only the capabilities the container needs."),
    Rule("secret.plaintext-env", "error", "Credential in plain text in env",
         "An env value named like a credential (*_PASSWORD, *_TOKEN, *_SECRET, *_API_KEY...) or a connection "
         "string with a password sits in the manifest: in git, in `kubectl get -o yaml`, in every diff.",
         "Read it from a Secret: `env={'DB_PASSWORD': SecretKeyRef(name=..., key=...)}` (or envFrom a "
         "Secret); create the Secret with an ExternalSecret or a SealedSecret."),
    Rule("secret.plaintext-configmap", "error", "Credential in plain text in a ConfigMap",
         "ConfigMaps are not secret: anyone who may read the namespace's ConfigMaps reads the value, and "
         "out/ puts it in git.",
         "Move the value to a Secret (ExternalSecret or SealedSecret) and mount it with SecretFiles, or "
         "reference it from the configuration file through an environment variable."),
    Rule("secret.plaintext-secret", "error", "Secret with its values in the manifests",
         "A Secret's data is base64, not encryption: committed with the manifests, it is readable by anyone "
         "with the repository.",
         "Create the Secret outside git and reference it, or commit an ExternalSecret or a SealedSecret."),
    Rule("storage.csi-driver-missing", "error", "StorageClass provisioner not installed",
         "PVCs of a class provisioned by ebs.csi.aws.com or efs.csi.aws.com stay Pending until the CSI "
         "driver add-on runs with an IAM role (gp2 too, on current EKS).",
         "Let hagen emit the eksctl add-on (cluster/eksctl-addons.yaml): add CsiDriver(addon=...) to the "
         "blueprint's `csi_drivers`, with installed=True when the cluster already runs it."),
    Rule("storage.rwo-shared-by-replicas", "error", "ReadWriteOnce volume shared by replicas",
         "An EBS (ReadWriteOnce) volume attaches to one node: replicas landing on other nodes hang in "
         "ContainerCreating with a Multi-Attach error.",
         "Use per-replica storage (a StatefulSet with volumeClaimTemplates), one replica, or a "
         "ReadWriteMany class such as EFS for data meant to be shared."),
    Rule("storage.rwo-rolling-update", "warning", "ReadWriteOnce volume with a rolling update",
         "During a rolling update the new pod may be scheduled on another node while the old one still "
         "holds the ReadWriteOnce volume: the rollout hangs on a Multi-Attach error.",
         "Use `strategy: {type: Recreate}` for a one-replica Deployment with a ReadWriteOnce volume."),
    Rule("storage.rwo-data-on-efs", "warning", "Single-writer data on EFS",
         "EFS is NFS: Jenkins home and databases on it fail with permission errors (access points force "
         "uid/gid, fsGroup does not apply) and slow small-file I/O.",
         "Put single-writer data on an EBS gp3 ReadWriteOnce volume; keep EFS for data many pods share."),
    Rule("storage.gp2-over-gp3", "warning", "gp2 where gp3 would do",
         "gp3 is about 20% cheaper per GiB than gp2 and its 3,000 IOPS / 125 MiB/s baseline does not "
         "depend on volume size.",
         "Use a gp3 class (`type: gp3`, provisioner ebs.csi.aws.com) and make it the default class."),
    Rule("storage.multiple-default-classes", "warning", "Several default StorageClasses",
         "With more than one class marked default, a PVC without a class gets the most recently created "
         "one: which one depends on the order of creation.",
         "Mark one class only with `storageclass.kubernetes.io/is-default-class: \"true\"`."),
    Rule("scheduling.anti-affinity-exceeds-domains", "error", "More replicas than anti-affinity allows",
         "Required anti-affinity puts at most one pod per topology domain: replicas beyond the number of "
         "domains stay Pending.",
         "Lower the replicas, add nodes/zones, or make the anti-affinity preferred."),
    Rule("scheduling.colocated-exceeds-partner", "error", "Colocated tier larger than its partner",
         "Each pod must share a domain with a partner pod while repelling its own kind: it cannot have more "
         "pods than there are domains holding a partner.",
         "Give the tier at most as many replicas as its partner, or relax one of the two affinities."),
    Rule("scheduling.selector-matches-nothing", "warning", "Affinity selector matches no pod",
         "A required podAffinity whose selector matches no pod never schedules; an anti-affinity matching "
         "nothing protects nothing (usually a typo in a label).",
         "Fix the selector to match the labels of the intended tier's pod template."),
    Rule("scheduling.zone-spread-one-zone", "warning", "Spread over zones in a one-zone cluster",
         "Spreading over topology.kubernetes.io/zone in a single zone does not protect against a zone "
         "failure; with minDomains > 1 the pods stay Pending.",
         "Declare the cluster's zones, or spread over kubernetes.io/hostname."),
    Rule("scheduling.rollout-stuck", "error", "Rolling update cannot finish",
         "With required hostname anti-affinity and as many replicas as nodes, maxUnavailable 0 leaves the "
         "surge pod no node: the rollout waits forever.",
         "Allow `maxUnavailable: 1` (with `maxSurge: 0`), or keep replicas below the node count."),
    Rule("scheduling.pdb-selects-nothing", "warning", "PodDisruptionBudget selector matches no pod",
         "A PodDisruptionBudget whose selector matches no pod template of its namespace protects nothing: "
         "a node drain evicts the pods it was meant to keep.",
         "Fix the selector to the labels of the workload's pod template."),
    Rule("scheduling.pdb-blocks-eviction", "warning", "PodDisruptionBudget allows no disruption",
         "A PDB with minAvailable equal to the replicas (or maxUnavailable 0) blocks every eviction: node "
         "drains and cluster upgrades hang. (A workload an autoscaler scales is judged at its minReplicas: "
         "autoscaling.pdb-blocks-at-min.)",
         "Use `maxUnavailable: 1` (or minAvailable below the replica count)."),
    Rule("storage.rwo-job-off-node", "error", "Job mounts a ReadWriteOnce volume held on another node",
         "A Job or CronJob (a backup) mounting a ReadWriteOnce claim that a running pod holds can be "
         "scheduled on another node, where the volume cannot attach: it hangs on a Multi-Attach error.",
         "Add a required podAffinity (topologyKey kubernetes.io/hostname) to the pods holding the claim; "
         "hagen's SharedVolume does this."),
    Rule("autoscaling.replicas-fixed", "warning", "Autoscaled workload also fixes replicas",
         "Every apply of a manifest with `replicas` resets the scale the HorizontalPodAutoscaler chose: a "
         "deploy under load scales the service down.",
         "Remove `spec.replicas` from the Deployment (or StatefulSet) the HorizontalPodAutoscaler scales."),
    Rule("autoscaling.target-missing", "warning", "Autoscaler target not among the objects",
         "A HorizontalPodAutoscaler whose scaleTargetRef names no object of its namespace scales nothing: "
         "it reports FailedGetScale and the workload keeps its fixed count.",
         "Name the workload's kind and name in scaleTargetRef, or remove the autoscaler."),
    Rule("autoscaling.metric-without-requests", "error", "Utilization target without requests",
         "Utilization is a percentage of the containers' requests: without a request for the metric's "
         "resource the autoscaler reports FailedGetResourceMetric and never scales.",
         "Set requests for the resource on every container (sidecars too), or target an AverageValue."),
    Rule("autoscaling.max-exceeds-domains", "error", "maxReplicas above what anti-affinity allows",
         "Required anti-affinity allows one pod per topology domain: scaled beyond the number of nodes "
         "(or zones) the extra pods stay Pending exactly when load is highest.",
         "Lower maxReplicas to the number of domains, add nodes, or make the anti-affinity preferred."),
    Rule("autoscaling.pdb-blocks-at-min", "warning", "PodDisruptionBudget blocks eviction at minReplicas",
         "At the autoscaler's minReplicas a budget with minAvailable >= minReplicas (or maxUnavailable 0) "
         "allows no eviction: node drains and upgrades hang whenever load is low.",
         "Use `maxUnavailable: 1`, or a minAvailable below minReplicas."),
    Rule("traffic.route-conflict", "error", "Two routes claim the same host and path",
         "Two Ingress rules or HTTPRoute matches for one host, path and path type send the same requests to "
         "two backends: which one wins depends on the controller's merge order.",
         "Give each host and path one owner; merge the routes or change the path."),
    Rule("traffic.backend-missing", "warning", "Route to a Service that is not there",
         "An Ingress or HTTPRoute backend names a Service that is not among the objects (a typo, or a "
         "Service a patch renamed): the controller answers its requests with 503.",
         "Name the tier's Service in the route, or add the Service."),
    Rule("traffic.service-selects-nothing", "warning", "Service selector matches no pod",
         "A Service whose selector matches no pod template of its namespace has no endpoints: connections "
         "to it are refused or time out.",
         "Fix the selector to the labels of the intended pods (or drop it for endpoints managed by hand)."),
    Rule("traffic.lb-annotation-ignored", "error", "Load balancer annotations no controller reads",
         "The target-type, scheme and attributes annotations are read by the AWS Load Balancer Controller "
         "only; without `aws-load-balancer-type: external` (or a service.k8s.aws loadBalancerClass) the "
         "in-tree provider builds an internet-facing classic load balancer.",
         "Add `service.beta.kubernetes.io/aws-load-balancer-type: external` (hagen's LoadBalancer "
         "model does)."),
    Rule("traffic.lb-source-ranges-ignored", "warning", "Source ranges beside custom security groups",
         "With `aws-load-balancer-security-groups` the controller manages no inbound rules: "
         "loadBalancerSourceRanges restricts nothing.",
         "Put the allowed CIDRs in the security groups' rules, or drop the security-groups annotation."),
    # Contributed by other stages: the placement simulator, the Helm values check, the schema validation
    # and the comparison of blueprints with each other.
    Rule("scheduling.pending-pods", "error", "Pods fit no node of the cluster profile",
         "No node fits these pods (requests, affinity, spread, taints): they stay Pending.",
         "Add nodes or zones, relax required (anti-)affinity or spread, or lower requests."),
    Rule("scheduling.node-failure-outage", "warning", "One failure leaves a tier with no pod",
         "When a zone or node fails, the tier's pods cannot be recreated elsewhere: the service is down.",
         "Run more replicas over more nodes and zones, or relax required anti-affinity."),
    Rule("scheduling.unknown-topology-key", "warning", "Topology key no node carries",
         "A topologyKey no node carries changes meaning silently: required anti-affinity restricts nothing, "
         "required affinity and DoNotSchedule spread admit no node.",
         "Use a well-known key (kubernetes.io/hostname, topology.kubernetes.io/zone), or label the nodes."),
    Rule("objects.cluster-scoped-conflict", "error", "Blueprints disagree on a cluster-scoped object",
         "Two blueprints emit one cluster-scoped object (StorageClass, Namespace) with different content: "
         "the cluster holds one, the last apply wins.",
         "Declare the object in one blueprint only (a shared Namespace: create_namespace = False in all "
         "blueprints but one), or give both the same definition and labels."),
    Rule("objects.shared-between-blueprints", "error", "Two blueprints emit one namespaced object",
         "Two blueprints emit an object with one identity (the same tier name in one namespace): each "
         "folder holds its own version, the last apply wins, and pruning one deletes the other's.",
         "Rename the tier or object in one blueprint, or give each blueprint its own namespace."),
    Rule("schema.invalid", "error", "Object the API server would refuse",
         "The object fails the Kubernetes OpenAPI schema or the API server's create-time rules.",
         "Fix the field named in the message; `hagen validate` lists every error."),
    Rule("helm.renamed-key", "error", "Helm values key the chart renamed",
         "The chart renamed the key: under the old name Helm ignores it, or the chart's deprecation "
         "template fails the render.",
         "Write the value under the key's new name."),
    Rule("helm.removed-key", "error", "Helm values key the chart removed",
         "The chart no longer has the key: Helm ignores it, or the chart's deprecation template fails.",
         "Delete the key."),
    Rule("helm.unknown-key", "error", "Helm values key the chart does not have",
         "Helm accepts any key and ignores those no template reads: a misspelt key is silently lost "
         "(a warning when checked against hagen's model of the chart rather than a chart copy).",
         "Write the key the message suggests."),
    Rule("helm.value-shape", "error", "Helm value of the wrong shape",
         "A mapping where the chart has a scalar (or the reverse) breaks the templates that read it.",
         "Give the value the shape the chart's values.yaml has."),
    Rule("helm.schema", "error", "Helm values fail the chart's schema",
         "Helm refuses values that fail the chart's values.schema.json.",
         "Change the value to what the chart's schema allows."),
    Rule("helm.plaintext-secret", "error", "Admin password in plain text",
         "A password in the values ends up in Git, in out/ and in the Helm release Secret's history.",
         "Create a Secret and reference it (controller.admin.existingSecret)."),
    Rule("helm.random-admin-password", "warning", "Chart generates a new admin password",
         "Without an existing admin Secret the chart makes a new password on each render.",
         "Create a Secret with the admin user and password and reference it."),
    Rule("helm.non-deterministic", "warning", "Chart renders differently each time",
         "A template using randAlphaNum, now or lookup renders anew each time: every synth rewrites the "
         "hydrated object and every diff shows it changed (a new admin password on each apply).",
         "Set the values key the message names, so that the chart stops generating the value."),
    Rule("helm.chart-not-found", "info", "No local copy of the chart",
         "The values were checked against hagen's model of the chart (or nothing), not the chart itself.",
         "`helm pull` the chart and pass it with chart_path= or --chart RELEASE=PATH."),
    Rule("helm.null-dropped", "info", "Null dropped from Helm values without a chart copy",
         "Helm hands a null the chart has no default for to its templates; without the chart hagen cannot "
         "tell, so it drops every null, and one meant to remove a chart default lets that default back.",
         "Pass the chart with chart_path= or --chart RELEASE=PATH, or set the wanted value instead of null."),
)  # fmt: skip

RULES: dict[str, Rule] = {rule.id: rule for rule in _RULES}


def finding(
    rule_id: str,
    message: str,
    ctx: CheckContext,
    obj: Object | None = None,
    *,
    severity: Severity | None = None,
    fix: str | None = None,
) -> Finding:
    """A Finding for one of RULES about `obj`, with blueprint/tier from its labels and its file if known."""
    rule = RULES[rule_id]
    oid = object_id(obj) if obj is not None else None
    blueprint, tier = origin(obj) if obj is not None else (None, None)
    return Finding(
        id=rule_id,
        severity=severity or rule.severity,
        message=message,
        fix=fix if fix is not None else rule.fix,
        blueprint=blueprint or ctx.blueprint,
        tier=tier,
        object_id=oid,
        file=ctx.file_of(oid),
    )
