"""A tier's identity: its ServiceAccount, and the AWS IAM role its pods assume (IRSA or EKS Pod Identity)."""

from ._service_account import Identity, eksctl_iam, service_account

__all__ = ["Identity", "eksctl_iam", "service_account"]
