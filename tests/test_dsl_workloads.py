"""Autoscaled, Job, CronJob and DaemonSet tiers, extra containers and shared volumes: objects and refusals."""

from __future__ import annotations

from typing import Any

import pytest

import hagen
from hagen import (
    Autoscale,
    ConfigFiles,
    ConfigMap,
    ConfigMapKeyRef,
    Container,
    CronJob,
    DaemonSet,
    Job,
    Port,
    Resources,
    SharedVolume,
    StorageClass,
    Tier,
    Volume,
)

from ._tiers import objects

gp3 = StorageClass(name="gp3")


def api(**fields: Any) -> Tier:
    base: dict[str, Any] = {"name": "api", "image": "api:1.0", "ports": [Port(name="http", port=8080)]}
    return Tier(**(base | fields))


def db(replicas: int = 1) -> Tier:
    data = Volume(name="data", size="10Gi", mount_path="/data", storage_class=gp3)
    return Tier(name="db", image="postgres:16.4", replicas=replicas, volumes=[data])


def test_autoscaled_deployment_has_no_replicas_and_an_hpa() -> None:
    made = objects(api(autoscale=Autoscale(min_replicas=2, max_replicas=5, cpu=60, memory=75)))
    assert "replicas" not in made["Deployment/api"]["spec"]
    assert made["HorizontalPodAutoscaler/api"]["spec"] == {
        "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "api"},
        "minReplicas": 2,
        "maxReplicas": 5,
        "metrics": [
            {
                "type": "Resource",
                "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 60}},
            },
            {
                "type": "Resource",
                "resource": {"name": "memory", "target": {"type": "Utilization", "averageUtilization": 75}},
            },
        ],
    }
    assert made["PodDisruptionBudget/api"]["spec"]["maxUnavailable"] == 1


def test_no_budget_when_the_autoscaler_may_go_down_to_one() -> None:
    assert "PodDisruptionBudget/api" not in objects(api(autoscale=Autoscale(min_replicas=1, max_replicas=3)))


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"replicas": 3, "autoscale": Autoscale(max_replicas=4)}, "set autoscale.min_replicas instead"),
        ({"autoscale": Autoscale(max_replicas=4), "workload": DaemonSet()}, "a DaemonSet is not scaled"),
        ({"workload": Job()}, "ports on a Job tier: a run-to-completion pod serves no traffic"),
        ({"ports": [], "workload": Job(), "replicas": 2}, "use completions/parallelism"),
        ({"workload": DaemonSet(), "replicas": 2}, "none: one per node"),
        (
            {"ports": [], "workload": CronJob(schedule="0 3 * * *"), "volumes": [db().volumes[0]]},
            "shared_volumes",
        ),
    ],
)
def test_kind_refusals(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=message):
        api(**fields)


def test_autoscale_bounds() -> None:
    with pytest.raises(hagen.BlueprintError, match="max_replicas 2 is below min_replicas 3"):
        Autoscale(min_replicas=3, max_replicas=2)
    with pytest.raises(hagen.BlueprintError, match="needs a target"):
        Autoscale(max_replicas=3, cpu=None)


def test_migration_job_runs_before_the_rollout_as_an_argocd_hook() -> None:
    job = objects(api(ports=[], command=["migrate"], workload=Job(before_rollout="argocd")))["Job/api"]
    assert job["metadata"]["annotations"] == {
        "argocd.argoproj.io/hook": "PreSync",
        "argocd.argoproj.io/hook-delete-policy": "BeforeHookCreation",
    }
    assert job["spec"]["backoffLimit"] == 2
    assert "ttlSecondsAfterFinished" not in job["spec"]  # the hook deletes it before the next run
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    helm = objects(api(ports=[], workload=Job(before_rollout="helm")))["Job/api"]
    assert helm["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"
    plain = objects(api(ports=[], workload=Job()))["Job/api"]
    assert plain["spec"]["ttlSecondsAfterFinished"] == 3600


def test_cronjob_schedule_and_zone() -> None:
    cron = objects(api(ports=[], workload=CronJob(schedule="30 2 * * *", time_zone="Europe/Berlin")))[
        "CronJob/api"
    ]
    assert {k: cron["spec"][k] for k in ("schedule", "timeZone", "concurrencyPolicy")} == {
        "schedule": "30 2 * * *",
        "timeZone": "Europe/Berlin",
        "concurrencyPolicy": "Forbid",
    }
    assert cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["restartPolicy"] == "Never"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"schedule": "0 25 * * *"}, "schedule '0 25 \\* \\* \\*'"),
        ({"schedule": "CRON_TZ=UTC 0 3 * * *"}, "give the zone as time_zone"),
        ({"schedule": "0 3 * * *", "time_zone": "Mars/Olympus"}, "is not an IANA time zone"),
    ],
)
def test_cronjob_refusals(fields: dict[str, Any], message: str) -> None:
    with pytest.raises(hagen.BlueprintError, match=message):
        CronJob(**fields)


def test_daemonset_runs_on_every_node_with_tolerate_all() -> None:
    ds = objects(api(ports=[], workload=DaemonSet(tolerate_all=True)))["DaemonSet/api"]
    assert ds["spec"]["template"]["spec"]["tolerations"] == [{"operator": "Exists"}]
    assert list(ds["spec"]["template"]["spec"]).index("tolerations") < list(
        ds["spec"]["template"]["spec"]
    ).index("containers")
    assert "replicas" not in ds["spec"]
    assert ds["spec"]["updateStrategy"] == {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": 1}}


def test_init_containers_sidecars_and_helpers_share_volumes_by_path() -> None:
    tier = api(
        writable_paths=["/tmp", "/var/log/api"],
        init_containers=[Container(name="migrate", image="api:1.0")],
        sidecars=[
            Container(name="ship", image="fluent-bit:3.1.9", shares=["/var/log/api"], read_only_shares=True)
        ],
        containers=[
            Container(name="metrics", image="exporter:1.3.0", resources=Resources(cpu="10m", memory="16Mi"))
        ],
    )
    pod = objects(tier)["Deployment/api"]["spec"]["template"]["spec"]
    assert [c["name"] for c in pod["initContainers"]] == ["migrate", "ship"]
    assert "restartPolicy" not in pod["initContainers"][0]
    assert pod["initContainers"][1]["restartPolicy"] == "Always"
    assert pod["initContainers"][1]["volumeMounts"] == [
        {"name": "scratch-var-log-api", "mountPath": "/var/log/api", "readOnly": True}
    ]
    assert [c["name"] for c in pod["containers"]] == ["api", "metrics"]
    assert pod["containers"][1]["resources"] == {
        "requests": {"cpu": "10m", "memory": "16Mi"},
        "limits": {"memory": "16Mi"},
    }
    for c in (*pod["initContainers"], *pod["containers"]):
        assert c["securityContext"]["allowPrivilegeEscalation"] is False


def test_container_refusals() -> None:
    with pytest.raises(hagen.BlueprintError, match="'/logs' is not a mount of the tier"):
        api(sidecars=[Container(name="ship", image="fluent-bit:3.1.9", shares=["/logs"])])
    with pytest.raises(hagen.BlueprintError, match="container names repeat"):
        api(containers=[Container(name="api", image="x:1")])
    with pytest.raises(hagen.BlueprintError, match="untagged or `latest`"):
        Container(name="ship", image="fluent-bit")


def test_containers_running_together_refuse_a_repeated_port_name_or_number() -> None:
    with pytest.raises(
        hagen.BlueprintError,
        match=(
            r"containers\[0\]\.ports: port 8080/TCP of container 'metrics' is also used by container 'api'"
        ),
    ):
        api(containers=[Container(name="metrics", image="x:1", ports=[Port(name="metrics", port=8080)])])
    with pytest.raises(
        hagen.BlueprintError,
        match=(r"sidecars\[0\]\.ports: name 'http' of container 'proxy' is also used by container 'api'"),
    ):
        api(sidecars=[Container(name="proxy", image="x:1", ports=[Port(name="http", port=9000)])])
    with pytest.raises(
        hagen.BlueprintError,
        match=(r"containers\[0\]\.ports: port 9113/TCP of container 'b' is also used by container 'a'"),
    ):
        api(
            sidecars=[Container(name="a", image="x:1", ports=[Port(name="a", port=9113)])],
            containers=[Container(name="b", image="x:1", ports=[Port(name="b", port=9113)])],
        )
    # An init container has finished before the others start; another protocol is another socket.
    assert api(init_containers=[Container(name="i", image="x:1", ports=[Port(name="http", port=8080)])])
    assert api(
        containers=[Container(name="dns", image="x:1", ports=[Port(name="dns", port=8080, protocol="UDP")])]
    )


def test_backup_mounts_the_database_volume_on_its_node() -> None:
    backup = Tier(
        name="backup",
        image="postgres:16.4",
        workload=CronJob(schedule="0 3 * * *"),
        shared_volumes=[SharedVolume(tier="db", volume="data", mount_path="/data")],
    )
    made = objects(db(), backup)
    pod = made["CronJob/backup"]["spec"]["jobTemplate"]["spec"]["template"]["spec"]
    assert pod["volumes"][-1] == {
        "name": "db-data",
        "persistentVolumeClaim": {"claimName": "db-data", "readOnly": True},
    }
    assert pod["affinity"]["podAffinity"]["requiredDuringSchedulingIgnoredDuringExecution"] == [
        {
            "labelSelector": {
                "matchExpressions": [
                    {"key": "tier", "operator": "In", "values": ["db"]},
                    {"key": "app.kubernetes.io/instance", "operator": "In", "values": ["app"]},
                ]
            },
            "topologyKey": "kubernetes.io/hostname",
        }
    ]
    found = [f.id for f in hagen.check(list(made.values())).findings]
    assert "storage.rwo-job-off-node" not in found
    assert "storage.rwo-shared-by-replicas" not in found


def test_shared_volume_refusals() -> None:
    backup = Tier(
        name="backup",
        image="postgres:16.4",
        workload=CronJob(schedule="0 3 * * *"),
        shared_volumes=[SharedVolume(tier="db", volume="data", mount_path="/data")],
    )
    with pytest.raises(hagen.BlueprintError, match="there is no one claim to mount"):
        objects(db(replicas=2), backup)
    with pytest.raises(hagen.BlueprintError, match="no other tier 'db'"):
        objects(backup)
    wrong = backup.model_copy(
        update={"shared_volumes": (SharedVolume(tier="db", volume="logs", mount_path="/d"),)}
    )
    with pytest.raises(hagen.BlueprintError, match="tier 'db' has no volume 'logs' \\(data\\)"):
        objects(db(), wrong)


def test_utilization_target_needs_requests_on_every_running_container() -> None:
    with pytest.raises(hagen.BlueprintError, match=r"a utilization target needs resources\.memory"):
        api(resources=Resources(cpu="100m"), autoscale=Autoscale(max_replicas=3, memory=80))
    helper = Container(name="metrics", image="exporter:1.3.0", resources=Resources(memory="16Mi"))
    with pytest.raises(hagen.BlueprintError, match=r"containers\[0\] \('metrics'\) requests no cpu"):
        api(containers=[helper], autoscale=Autoscale(max_replicas=3))


def test_a_daemonset_cannot_share_a_readwriteonce_volume() -> None:
    agent = Tier(
        name="agent",
        image="agent:1.0",
        workload=DaemonSet(),
        shared_volumes=[SharedVolume(tier="db", volume="data", mount_path="/data")],
    )
    with pytest.raises(
        hagen.BlueprintError, match="a DaemonSet's pods on every other node could never mount it"
    ):
        objects(db(), agent)
    scaled = Tier(
        name="db",
        image="postgres:16.4",
        volumes=db().volumes,
        autoscale=Autoscale(min_replicas=1, max_replicas=2),
    )
    backup = agent.model_copy(update={"workload": CronJob(schedule="0 3 * * *")})
    with pytest.raises(hagen.BlueprintError, match="there is no one claim to mount"):
        objects(scaled, backup)


SETTINGS = ConfigMap(name="settings", data={"LEVEL": "info"})
NGINX = ConfigMap(name="nginx", data={"nginx.conf": "events {}"}, rollout="immutable")


def _templates(made: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        "CronJob/backup": made["CronJob/backup"]["spec"]["jobTemplate"]["spec"]["template"],
        "Job/migrate": made["Job/migrate"]["spec"]["template"],
        "DaemonSet/agent": made["DaemonSet/agent"]["spec"]["template"],
    }


def test_job_cronjob_and_daemonset_templates_follow_config_maps_as_deployments_do() -> None:
    files = [ConfigFiles(config_map="nginx", path="/etc/nginx")]
    env = {"LEVEL": ConfigMapKeyRef(name="settings", key="LEVEL")}
    made = objects(
        Tier(name="backup", image="backup:1.0", workload=CronJob(schedule="0 3 * * *"), files=files, env=env),
        Tier(name="migrate", image="api:1.0", workload=Job(), files=files, env=env),
        Tier(name="agent", image="agent:1.0", workload=DaemonSet(), files=files, env=env),
        config_maps=(SETTINGS, NGINX),
    )
    hashed = made[f"ConfigMap/{NGINX.object_name}"]["metadata"]["name"]
    assert hashed.startswith("nginx-") and hashed != "nginx"
    for kind, template in _templates(made).items():
        assert template["metadata"]["annotations"] == {"checksum/config-settings": SETTINGS.content_hash()}, (
            kind
        )
        assert template["spec"]["volumes"][-1]["configMap"]["name"] == hashed, kind
        assert (
            template["spec"]["containers"][0]["env"][0]["valueFrom"]["configMapKeyRef"]["name"] == "settings"
        )


def test_a_sidecar_shares_a_config_file_mount_of_the_tier() -> None:
    shipper = Container(name="shipper", image="fluent-bit:3.1.9", shares=["/etc/app"])
    tier = api(files=[ConfigFiles(config_map="settings", path="/etc/app")], sidecars=[shipper])
    pod = objects(tier, config_maps=(SETTINGS,))["Deployment/api"]["spec"]["template"]["spec"]
    (main_mount,) = [m for m in pod["containers"][0]["volumeMounts"] if m["mountPath"] == "/etc/app"]
    assert pod["initContainers"][0]["volumeMounts"] == [main_mount]


def test_a_shared_volume_and_a_config_file_mount_at_one_path_are_refused() -> None:
    shared = SharedVolume(tier="db", volume="data", mount_path="/etc/app")
    with pytest.raises(hagen.BlueprintError, match="two mounts share a path") as caught:
        Tier(
            name="backup",
            image="backup:1.0",
            workload=CronJob(schedule="0 3 * * *"),
            shared_volumes=[shared],
            files=[ConfigFiles(config_map="settings", path="/etc/app")],
        )
    assert "(writable_paths, volumes, shared_volumes and files): ['/tmp', '/etc/app', '/etc/app']" in str(
        caught.value
    )


def test_a_helper_containers_config_map_key_is_checked_at_load() -> None:
    helper = Container(
        name="helper", image="helper:1.0", env={"X": ConfigMapKeyRef(name="settings", key="NOPE")}
    )
    with pytest.raises(hagen.BlueprintError) as caught:
        objects(api(containers=[helper]), config_maps=(SETTINGS,))
    assert str(caught.value) == (
        "app.py: App: tiers[0].containers[0].env[X]: ConfigMap 'settings' has no key 'NOPE' (keys: LEVEL); "
        "the pod would never start"
    )
