"""The Django admin behind the same second factor as the moderators' queue.

Staff who turned two-factor sign-in on must prove it in the session before any admin page
opens: the admin can publish, edit and delete everything the queue can, so it must not be
the way around the second factor.
"""

from __future__ import annotations

from functools import wraps

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse


class StaffAdminSite(admin.AdminSite):
    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        @wraps(view)
        def wrapped(request, *args, **kwargs):
            from django.contrib.auth.views import redirect_to_login

            from soundoff.moderation.views import otp_verified

            user = request.user
            staff = user.is_authenticated and user.is_active and user.is_staff
            if staff and not otp_verified(request):
                return redirect_to_login(request.get_full_path(), reverse("moderation:otp_verify"))
            return inner(request, *args, **kwargs)

        return wrapped


class StaffAdminConfig(AdminConfig):
    default_site = "soundoff.moderation.admin_site.StaffAdminSite"
