"""The moderators' pages. Views check access, read forms and call services or selectors."""

from __future__ import annotations

import csv
import json
from functools import wraps

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from soundoff.core.errors import ServiceError
from soundoff.moderation import dashboard as dash
from soundoff.moderation import selectors, services
from soundoff.moderation.forms import (
    BAN_REASONS,
    REASON_CHOICES,
    AuditFilterForm,
    BanForm,
    BulkForm,
    DecideForm,
    QueueFilterForm,
    TokenForm,
)
from soundoff.moderation.models import Case, CaseStatus, Verdict

QUEUE_PAGE_SIZE = 25
AUDIT_PAGE_SIZE = 50


# --- Access -------------------------------------------------------------------------------


def otp_verified(request) -> bool:
    """True when the user needs no second factor, or proved it in this session."""
    device = selectors.totp_device(request.user)
    return device is None or request.session.get(DEVICE_ID_SESSION_KEY) == device.persistent_id


def staff_view(perm: str):
    """Login (anonymous → the staff login), staff + permission (else 403), then the second
    factor for users who turned it on."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            user = request.user
            if not user.is_authenticated:
                return redirect_to_login(request.get_full_path(), reverse("moderation:login"))
            if not (user.is_active and user.is_staff and user.has_perm(perm)):
                raise PermissionDenied
            if not otp_verified(request):
                return redirect_to_login(request.get_full_path(), reverse("moderation:otp_verify"))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


def _back(request, fallback: str = "moderation:queue") -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse(fallback)


# --- Queue --------------------------------------------------------------------------------


def _context_common(request) -> dict:
    return {
        "reject_reasons": REASON_CHOICES,
        "ban_reasons": BAN_REASONS,
        "can_audit": request.user.has_perm("moderation.view_auditentry"),
    }


@require_GET
@staff_view("moderation.change_case")
def queue(request):
    form = QueueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    selected = selectors.queue_select(**{k: v for k, v in filters.items() if v})
    page = Paginator(selected["cases"], QUEUE_PAGE_SIZE).get_page(request.GET.get("page"))
    items = selectors.queue_items(
        list(page.object_list), views=selected["views"], appeals=selected["appeals"]
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/queue.html",
        {
            **_context_common(request),
            "items": items,
            "page": page,
            "filters": filters,
            "facets": selected["facets"],
            "total": len(selected["cases"]),
            "query": query.urlencode(),
            "recent": selectors.recent_decisions(request.user),
            "here": request.get_full_path(),
        },
    )


@require_GET
@staff_view("moderation.change_case")
def case_detail(request, case_id: int):
    case = get_object_or_404(Case, pk=case_id)
    return render(
        request,
        "moderation/case.html",
        {
            **_context_common(request),
            "item": selectors.queue_items([case])[0],
            "history": case.audit.order_by("created_at", "pk"),
            "here": request.get_full_path(),
        },
    )


def _item_response(request, case_id: int, *, entry=None, note: str = "", status: int = 200):
    """The htmx answer for one queue item: the item itself, or its decided state."""
    case = Case.objects.get(pk=case_id)
    if case.status == CaseStatus.AWAITING_REVIEW:
        item = selectors.queue_items([case])[0]
        template = "moderation/_item.html"
    else:
        item = {"case": case}
        template = "moderation/_decided.html"
    return render(
        request,
        template,
        {
            **_context_common(request),
            "item": item,
            "entry": entry,
            "undoable": bool(entry and selectors.undo_allowed(entry.pk)),
            "note": note,
            "here": _back(request),
        },
        status=status,
    )


def _error(request, message: str, case_id: int | None = None):
    if request.htmx:
        if case_id is not None and Case.objects.filter(pk=case_id).exists():
            return _item_response(request, case_id, note=message)
        return HttpResponse(message, status=409)
    messages.error(request, message)
    return redirect(_back(request))


@require_POST
@staff_view("moderation.change_case")
def decide(request, case_id: int):
    case = get_object_or_404(Case, pk=case_id)
    form = DecideForm(request.POST)
    if not form.is_valid():
        return _error(request, "Choose approve or reject.", case.pk)
    verdict = form.cleaned_data["verdict"]
    try:
        entry = services.moderator_decide(
            case_id=case.pk,
            verdict=verdict,
            actor=request.user,
            reason_code=form.cleaned_data["reason_code"],
        )
    except ServiceError as exc:
        return _error(request, exc.message, case.pk)
    done = "Approved" if verdict == Verdict.PUBLISH else "Rejected"
    if request.htmx:
        return _item_response(request, case.pk, entry=entry)
    messages.success(request, f"{done} {case.subject_key}.")
    return redirect(_back(request))


@require_POST
@staff_view("moderation.change_case")
def ban(request, case_id: int):
    case = get_object_or_404(Case, pk=case_id)
    form = BanForm(request.POST)
    if not form.is_valid():
        return _error(request, "Choose a ban or a suspension.", case.pk)
    days = form.cleaned_data.get("days")
    affected = list(selectors.author_waiting_case_ids(case))
    try:
        bans = services.author_ban(
            case_id=case.pk, actor=request.user, days=days, reason=form.ban_reason()
        )
    except ServiceError as exc:
        return _error(request, exc.message, case.pk)
    what = f"Suspended for {days} days" if days else "Banned"
    note = f"{what} ({len(bans)} identities); {len(affected)} waiting comment(s) rejected."
    if request.htmx:
        response = _item_response(request, case.pk, note=note)
        others = [pk for pk in affected if pk != case.pk and Case.objects.filter(pk=pk).exists()]
        if others:
            oob = render(
                request,
                "moderation/_decided_oob.html",
                {"cases": Case.objects.filter(pk__in=others), "note": "author banned"},
            )
            response.content += oob.content
        return response
    messages.success(request, f"{case.subject_key}: {note}")
    return redirect(_back(request))


@require_POST
@staff_view("moderation.change_case")
def undo(request, audit_id: int):
    if not selectors.undo_allowed(audit_id):
        return _error(request, "That decision can no longer be undone.")
    try:
        entry = services.decision_undo(audit_id=audit_id, actor=request.user)
    except ServiceError as exc:
        return _error(request, exc.message)
    if request.htmx:
        return _item_response(request, entry.case_id, note="Decision undone; back in the queue.")
    messages.success(request, f"Undone: {entry.subject_key} is back in the queue.")
    return redirect(_back(request))


@require_POST
@staff_view("moderation.change_case")
def bulk(request):
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(form.non_field_errors()) or "Choose an action.")
        return redirect(_back(request))
    verdict, reason_code = form.verdict_and_reason()
    if form.cleaned_data.get("cluster_key"):
        case_ids = services.cluster_case_ids(cluster_key=form.cleaned_data["cluster_key"])
    else:
        case_ids = selectors.waiting_case_ids(form.cleaned_data["case_ids"])
    try:
        done = services.bulk_decide(
            case_ids=case_ids, verdict=verdict, actor=request.user, reason_code=reason_code
        )
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect(_back(request))
    word = "Approved" if verdict == Verdict.PUBLISH else "Rejected"
    messages.success(request, f"{word} {done} comment{'s' if done != 1 else ''}.")
    response = redirect(_back(request))
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Redirect"] = _back(request)
    return response


# --- Audit log ----------------------------------------------------------------------------

EXPORT_FIELDS = ("id", "created_at", "action", "actor_label", "subject_key", "verdict", "note")


def _export_row(entry) -> dict:
    return {
        "id": entry.pk,
        "created_at": entry.created_at.isoformat(),
        "action": entry.action,
        "actor_label": entry.actor_label,
        "subject_key": entry.subject_key,
        "verdict": entry.verdict,
        "note": entry.note,
        "case_id": entry.case_id,
        "reasons": [r.get("code", "") for r in entry.reasons or [] if isinstance(r, dict)],
        "scores": entry.scores or {},
    }


class _Echo:
    def write(self, value):
        return value


@require_GET
@staff_view("moderation.view_auditentry")
def audit(request):
    form = AuditFilterForm(request.GET)
    entries = selectors.audit_entries(**form.filters())
    fmt = request.GET.get("format", "")
    if fmt == "csv":
        writer = csv.writer(_Echo())

        def rows():
            yield writer.writerow([*EXPORT_FIELDS, "reasons"])
            for entry in entries.iterator():
                row = _export_row(entry)
                yield writer.writerow([*(row[f] for f in EXPORT_FIELDS), " ".join(row["reasons"])])

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="moderation-audit.csv"'
        return response
    if fmt == "jsonl":
        lines = (json.dumps(_export_row(e), ensure_ascii=False) + "\n" for e in entries.iterator())
        response = StreamingHttpResponse(lines, content_type="application/x-ndjson")
        response["Content-Disposition"] = 'attachment; filename="moderation-audit.jsonl"'
        return response
    page = Paginator(entries, AUDIT_PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "moderation/audit.html",
        {
            **_context_common(request),
            "form": form,
            "page": page,
            "actions": selectors.audit_actions(),
            "query": query.urlencode(),
        },
    )


# --- Dashboard ----------------------------------------------------------------------------


@require_GET
@staff_view("moderation.view_case")
def dashboard(request):
    stats = dash.dashboard_stats()
    return render(
        request,
        "moderation/dashboard.html",
        {**_context_common(request), "stats": stats, "charts": dash.dashboard_charts(stats)},
    )


# --- Staff sign-in and two-factor ---------------------------------------------------------


class StaffLoginView(auth_views.LoginView):
    template_name = "moderation/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("moderation:queue")


class StaffLogoutView(auth_views.LogoutView):
    next_page = reverse_lazy("moderation:login")


def _staff_only(request):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("moderation:login"))
    if not request.user.is_staff:
        raise PermissionDenied
    return None


def otp_verify(request):
    """Second step of sign-in for staff who turned two-factor on."""
    if (denied := _staff_only(request)) is not None:
        return denied
    if selectors.totp_device(request.user) is None or otp_verified(request):
        return redirect(_back(request))
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.totp_check(user=request.user, token=form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            return redirect(_back(request))
        form.add_error("token", "That code did not match. Try the next one.")
    return render(request, "moderation/otp_verify.html", {"form": form, "next": _back(request)})


def otp_setup(request):
    """Turn two-factor on (scan, then confirm a code) or off, for the signed-in staff user."""
    if (denied := _staff_only(request)) is not None:
        return denied
    if not otp_verified(request):
        return redirect_to_login(request.get_full_path(), reverse("moderation:otp_verify"))
    confirmed = selectors.totp_device(request.user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and request.POST.get("action") == "disable":
        services.totp_disable(user=request.user)
        request.session.pop(DEVICE_ID_SESSION_KEY, None)
        messages.success(request, "Two-factor sign-in is off.")
        return redirect("moderation:otp_setup")
    if request.method == "POST" and form.is_valid():
        try:
            device = services.totp_enrol_confirm(
                user=request.user, token=form.cleaned_data["token"]
            )
        except ServiceError as exc:
            form.add_error("token", exc.message)
        else:
            otp_login(request, device)
            messages.success(request, "Two-factor sign-in is on for your account.")
            return redirect("moderation:otp_setup")
    context = {"form": form, "confirmed": confirmed}
    if confirmed is None:
        import segno

        device = services.totp_enrol_start(user=request.user)
        uri = services.totp_uri(device)
        context["uri"] = uri
        context["secret"] = uri.split("secret=", 1)[1].split("&", 1)[0]
        context["qr_svg"] = segno.make(uri, error="m").svg_inline(
            scale=4, dark="#1d1d1f", light="#ffffff", omitsize=True, title="Scan with your app"
        )
    return render(request, "moderation/otp_setup.html", context)
