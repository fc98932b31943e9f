"""Staff roles as Django groups with permissions."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction

ROLE_PERMISSIONS: dict[str, list[tuple[str, str]]] = {
    "moderator": [
        ("moderation", "view_case"),
        ("moderation", "change_case"),
        ("moderation", "view_auditentry"),
        ("comments", "view_comment"),
        ("comments", "view_report"),
    ],
    "editor": [
        (app, f"{action}_{model}")
        for app, model in [
            ("newsroom", "article"),
            ("newsroom", "author"),
            ("newsroom", "section"),
            ("newsroom", "tag"),
            ("newsroom", "promo"),
            ("newsroom", "sitepage"),
            ("newsroom", "freereport"),
        ]
        for action in ("add", "change", "view", "delete")
    ]
    + [("newsroom", "view_subscriber")],
}
GROUP_NAMES = {"moderator": "Moderators", "editor": "Editors"}


def roles_sync() -> dict[str, Group]:
    groups = {}
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=GROUP_NAMES[role])
        objs = [Permission.objects.get(content_type__app_label=a, codename=c) for a, c in perms]
        group.permissions.set(objs)
        groups[role] = group
    return groups


@transaction.atomic
def staff_create(*, username: str, email: str, password: str, role: str):
    User = get_user_model()
    user = User.objects.create_user(
        username=username,
        email=email,
        password=password,
        is_staff=True,
        is_superuser=(role == "admin"),
    )
    if role in GROUP_NAMES:
        user.groups.add(roles_sync()[role])
    return user
