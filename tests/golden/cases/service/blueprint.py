"""Every feature of configuration, secrets, identity and the escape hatches, in one service."""

from hagen import (
    Blueprint,
    ConfigFiles,
    ConfigMap,
    ConfigMapKeyRef,
    EksCluster,
    EnvFrom,
    ExternalSecret,
    Identity,
    JsonPatch,
    Port,
    Probe,
    RemoteRef,
    SealedSecret,
    SecretFiles,
    SecretKeyRef,
    StrategicMerge,
    Tier,
    separate,
)

SEALED_TOKEN = (
    "bjQLnP+zepicpUTmu3gKLHiQHT+zNzh2hRGjBhevoB1L9RIvNEVUxTveLruM0rfj0WAK1jHDhaXXzOI8d4VFmtvBtMkA/+SNV1tdpc"
    "Y4BAEl9l2w/j4kSUt26phkV9mGCE/tCLl4r019GWp0RqhrWACeY2thHbFiEbZamq3/KcXlLZxQjFAjRzRNjAetkcvWBor8df9ikvBi"
    "oJyjgcieced7mprp4wsNvbb1EKJk753ngVAde2uSronrBZxat0PbZ1humPrSfaC5lovAOaHvNMk5ubjlI6i++J1HhgjF7PbKNYdY9t"
    "J+bPRScpN5d6dI/Yg5HbZ5ztp9x78fAF7oeb7q13mUz1czQewXtYu/frNNJxHJk8HZdrEosxiNwYKaK0w0L1Qz6+WRodp34BPRtyR1"
    "Vi1IV43Ki4S6xmUcPLkBukcZyAtv6RGwkafAUSS2Tu7Olk4JwFjvj5gF2spUa+fPRqB4/tT6/QteOv8USAK4U/iuRZpPDBSt0zFLfM"
    "Om"
)


class Orders(Blueprint):
    name = "orders"
    eks = EksCluster(name="shop", region="eu-west-1")  # names the cluster in the eksctl fragment
    config_maps = [
        ConfigMap(name="api-settings", data={"LOG_LEVEL": "info", "FEATURE_FLAGS": "checkout,refunds"}),
        ConfigMap.from_files("api-files", "config/app.properties", "config/favicon.ico"),
        ConfigMap.from_files("web-nginx", "config/nginx.conf", rollout="immutable"),
    ]
    secrets = [
        ExternalSecret(
            name="api-db",
            store="aws-secrets-manager",
            store_kind="ClusterSecretStore",
            data={"password": RemoteRef(key="orders/db", property="password"), "username": "orders/db-user"},
        ),
        SealedSecret(name="api-token", encrypted_data={"token": SEALED_TOKEN}),
    ]
    tiers = [
        Tier(
            name="api",
            image="registry.example.com/orders/api:2.3.1",
            replicas=2,
            ports=[Port(name="http", port=8080)],
            env={
                "LOG_LEVEL": ConfigMapKeyRef(name="api-settings", key="LOG_LEVEL"),
                "DB_PASSWORD": SecretKeyRef(name="api-db", key="password"),
            },
            env_from=[EnvFrom(config_map="api-settings", prefix="APP_"), EnvFrom(secret="api-token")],
            files=[
                ConfigFiles(config_map="api-files", path="/etc/orders", items={"app.properties": "app.conf"}),
                SecretFiles(secret="api-db", path="/var/run/secrets/db", default_mode=0o440),
            ],
            identity=Identity(
                role_arn="arn:aws:iam::123456789012:role/orders-api",
                attach_policy_arns=["arn:aws:iam::aws:policy/AmazonSQSFullAccess"],
            ),
            placement=[separate()],
        ),
        Tier(
            name="web",
            image="nginxinc/nginx-unprivileged:1.27.3",
            replicas=2,
            ports=[Port(name="http", port=8080, service_port=80)],
            files=[ConfigFiles(config_map="web-nginx", path="/etc/nginx/conf.d")],
            identity=Identity(
                pod_identity=True,
                role_name="orders-web",
                attach_policy_arns=["arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"],
            ),
            writable_paths=["/tmp", "/var/cache/nginx"],
        ),
        Tier(
            name="watcher",
            image="registry.example.com/orders/watcher:1.0.0",
            identity=Identity(name="orders-watcher"),
            liveness=Probe(command=["/watcher", "--healthy"]),
            service_account_token=True,
        ),
    ]
    objects = [
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "Role",
            "metadata": {"name": "watch-pods"},
            "rules": [{"apiGroups": [""], "resources": ["pods"], "verbs": ["get", "list", "watch"]}],
        },
        {
            "apiVersion": "rbac.authorization.k8s.io/v1",
            "kind": "RoleBinding",
            "metadata": {"name": "watcher-watch-pods"},
            "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": "watch-pods"},
            "subjects": [{"kind": "ServiceAccount", "name": "orders-watcher"}],
        },
    ]
    patches = [
        JsonPatch(
            api_version="apps/v1",
            kind="Deployment",
            name="api",
            ops=[{"op": "add", "path": "/spec/revisionHistoryLimit", "value": 5}],
        ),
        StrategicMerge(
            patch={
                "apiVersion": "apps/v1",
                "kind": "Deployment",
                "metadata": {"name": "web"},
                "spec": {
                    "template": {
                        "spec": {
                            "containers": [
                                {"name": "web", "env": [{"name": "NGINX_ENTRYPOINT_WORKER", "value": "1"}]}
                            ]
                        }
                    }
                },
            }
        ),
    ]
