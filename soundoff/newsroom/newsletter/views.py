"""Newsletter pages. Links in emails only ever show a page on GET; the change happens on
POST, so mail scanners that follow links can neither confirm nor unsubscribe anyone."""

from __future__ import annotations

from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from soundoff.core.errors import InvalidTransition, RateLimited
from soundoff.core.privacy import client_ip
from soundoff.newsroom.models import Subscriber, SubscriberStatus
from soundoff.newsroom.newsletter import exports, selectors, services
from soundoff.newsroom.newsletter.forms import SignupForm


def private_page(view):
    """Pages reached through a personal link: never cached, never indexed."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["X-Robots-Tag"] = "noindex, nofollow"
        return response

    return never_cache(wrapper)


def _subscriber_or_404(token: str) -> Subscriber:
    subscriber = selectors.subscriber_by_token(token)
    if subscriber is None:
        raise Http404("No such subscription")
    return subscriber


@require_http_methods(["GET", "POST"])
def signup(request):
    status = 200
    form = SignupForm()
    error = ""
    if request.method == "POST":
        form = SignupForm(request.POST)
        try:
            services.signup_rate_check(ip=client_ip(request))
        except RateLimited as exc:
            response = render(
                request,
                "newsroom/newsletter/signup.html",
                {"form": form, "report": selectors.active_report(), "error": exc.message},
                status=429,
            )
            response["Retry-After"] = str(exc.retry_after)
            return response
        if form.is_valid():
            # The same answer whether or not the address is already on the list.
            services.subscriber_signup(email=form.cleaned_data["email"])
            return redirect("newsroom:newsletter_sent")
        status = 400
    return render(
        request,
        "newsroom/newsletter/signup.html",
        {"form": form, "report": selectors.active_report(), "error": error},
        status=status,
    )


@require_GET
def sent(request):
    return render(request, "newsroom/newsletter/sent.html")


@private_page
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    subscriber = _subscriber_or_404(token)
    if request.method == "POST":
        try:
            services.subscriber_confirm(token=token)
        except InvalidTransition as exc:
            return render(
                request, "newsroom/newsletter/confirm.html", {"error": exc.message}, status=400
            )
        return redirect("newsroom:newsletter_report", token=token)
    context = {"token": token, "subscriber": subscriber}
    if subscriber.status == SubscriberStatus.UNSUBSCRIBED:
        context["error"] = (
            "This link is no longer valid because the address was unsubscribed. "
            "Sign up again to get a new one."
        )
    return render(request, "newsroom/newsletter/confirm.html", context)


@private_page
@require_GET
def report(request, token: str):
    subscriber = _subscriber_or_404(token)
    if subscriber.status != SubscriberStatus.CONFIRMED:
        raise Http404("No such subscription")
    free_report = selectors.active_report()
    return render(
        request,
        "newsroom/newsletter/report.html",
        {
            "report": free_report,
            "report_html": selectors.report_html(free_report) if free_report else "",
            "token": token,
        },
    )


@csrf_exempt  # mail clients' one-click POST (RFC 8058) carries no CSRF token; the token authorises
@private_page
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    subscriber = _subscriber_or_404(token)
    done = False
    if request.method == "POST":
        subscriber = services.subscriber_unsubscribe(token=token)
        done = True
    return render(
        request,
        "newsroom/newsletter/unsubscribe.html",
        {
            "token": token,
            "done": done,
            "already": subscriber.status == SubscriberStatus.UNSUBSCRIBED,
        },
    )


@never_cache
@staff_member_required
@permission_required("newsroom.view_subscriber", raise_exception=True)
@require_GET
def export_csv(request):
    return exports.subscribers_csv_response(selectors.confirmed_subscribers().iterator())
