"""Optional reader accounts for regulars: a name that stays theirs, and no need to retype
it. Guests can always comment without one."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth.forms import UserCreationForm
from django.contrib.auth.views import LoginView, LogoutView
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods


class SignupForm(UserCreationForm):
    email = forms.EmailField(
        required=False, help_text="Optional. Only used for reply notifications and resets."
    )

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/"
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@require_http_methods(["GET", "POST"])
def signup(request):
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome, {user.get_username()}! You're signed in.")
        return redirect(_next(request))
    return render(
        request,
        "comments/accounts/signup.html",
        {"form": form, "next": _next(request)},
        status=400 if form.errors else 200,
    )


urlpatterns = [
    path("signup/", signup, name="signup"),
    path("login/", LoginView.as_view(template_name="comments/accounts/login.html"), name="login"),
    path("logout/", LogoutView.as_view(), name="logout"),
]
