"""HTTP for comments: parse input, call one service, render. Works without JavaScript
(form post, redirect, message) and inline with htmx (the same views return fragments)."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.html import escape
from django.views.decorators.http import require_http_methods, require_POST

from soundoff.comments import readers, selectors, services
from soundoff.comments.forms import CommentForm, EditForm, ReportForm
from soundoff.comments.models import Comment, CommentStatus, Report
from soundoff.core.errors import RateLimited
from soundoff.core.privacy import client_ip


def _article_model():
    return Comment._meta.get_field("article").related_model


def comment_section_context(request, article, *, form=None, sort="oldest", page=1) -> dict:
    """Everything the comment section template needs; used by the article page too."""
    reader = readers.reader_key(request)
    if form is None:
        user = request.user
        initial = {}
        if user.is_authenticated:
            initial = {"author_name": user.get_username(), "author_email": user.email}
        form = CommentForm(initial=initial)
    return {
        "article": article,
        "thread": selectors.thread_page(article=article, sort=sort, page=page, reader_key=reader),
        "form": form,
        "edit_tokens": readers.edit_tokens(request),
    }


def _apply_service_errors(form: CommentForm, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errs in error.error_dict.items():
            for e in errs:
                form.add_error(field if field in form.fields else None, e)
    else:
        for e in error.error_list:
            form.add_error(None, e)


@require_POST
def comment_post(request, article_id: int):
    # The story's text is not needed to post under it.
    article = get_object_or_404(
        _article_model().objects.live().defer("body", "standfirst"), pk=article_id
    )
    form = CommentForm(request.POST)
    status = 200
    comment = None
    if form.is_valid():
        data = form.cleaned_data
        poster = services.Poster(
            ip=client_ip(request), reader_key=readers.ensure_reader(request), user=request.user
        )
        try:
            comment = services.comment_create(
                article=article,
                body=data["body"],
                author_name=data["author_name"],
                author_email=data["author_email"],
                author_url=data["author_url"],
                parent_id=data["parent_id"],
                notify_replies=data["notify_replies"],
                poster=poster,
            )
        except RateLimited as exc:
            form.add_error(None, ValidationError(exc.message, code="rate_limited"))
            status = 429
        except ValidationError as exc:
            _apply_service_errors(form, exc)
            status = 400
    else:
        status = 400
        form.refresh_timestamp_if_invalid()

    if comment is not None:
        readers.remember_edit_token(request, comment.pk, services.edit_token_make(comment))
        note = _posted_message(comment)
        if request.htmx:
            response = render(
                request,
                "comments/_posted.html",
                {
                    "article": article,
                    "comment": comment,
                    "note": note,
                    "form": CommentForm(
                        initial={
                            "author_name": comment.author_name,
                            "author_email": comment.author_email,
                        }
                    ),
                    "edit_tokens": readers.edit_tokens(request),
                    "is_reply": bool(comment.parent_id),
                },
            )
        else:
            messages.add_message(
                request, messages.SUCCESS if comment.is_visible else messages.INFO, note
            )
            response = redirect(f"{article.get_absolute_url()}#c{comment.pk}")
        return readers.set_reader_cookie(request, response)

    if request.htmx:
        response = render(
            request,
            "comments/_form.html",
            {"article": article, "form": form, "is_reply": bool(request.POST.get("parent_id"))},
            status=status,
        )
    else:
        # Without JavaScript: a page with the errors and the form, the typed text kept.
        response = render(
            request, "comments/form_page.html", {"article": article, "form": form}, status=status
        )
    if status == 429:
        response["Retry-After"] = "60"
    return readers.set_reader_cookie(request, response)


def _posted_message(comment: Comment) -> str:
    if comment.status == CommentStatus.PUBLISHED:
        return "Thanks! Your comment is published."
    if comment.status == CommentStatus.REJECTED:
        return comment.status_message or "Your comment was not published."
    return comment.status_message or (
        "Thanks! Your comment is awaiting moderation. Please be patient if it isn't "
        "immediately available."
    )


def reply_form(request, comment_id: int):
    parent = get_object_or_404(Comment, pk=comment_id, status=CommentStatus.PUBLISHED)
    form = CommentForm(initial={"parent_id": parent.pk})
    return render(
        request,
        "comments/_form.html",
        {"article": parent.article, "form": form, "parent": parent, "is_reply": True},
    )


@require_http_methods(["GET", "POST"])
def comment_edit(request, comment_id: int):
    token = (
        request.GET.get("token")
        or request.POST.get("token")
        or readers.edit_tokens(request).get(str(comment_id), "")
    )
    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    form = EditForm(request.POST or None, initial={"body": comment.body})
    status = 200
    if request.method == "POST":
        action = request.POST.get("action", "save")
        try:
            if action == "delete":
                services.comment_delete(comment_id=comment_id, token=token)
                messages.info(request, "Your comment has been deleted.")
                return redirect(comment.article.get_absolute_url() + "#comments")
            if form.is_valid():
                comment = services.comment_edit(
                    comment_id=comment_id, token=token, body=form.cleaned_data["body"]
                )
                messages.info(request, _posted_message(comment))
                return redirect(f"{comment.article.get_absolute_url()}#c{comment.pk}")
            status = 400
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
            status = 403
        except ValidationError as exc:
            for e in getattr(exc, "error_dict", {}).get(
                "body", exc.error_list if not hasattr(exc, "error_dict") else []
            ):
                form.add_error("body", e)
            status = 400
    return render(
        request,
        "comments/edit.html",
        {"comment": comment, "form": form, "token": token},
        status=status,
    )


@require_POST
def comment_like(request, comment_id: int):
    key = readers.ensure_reader(request)
    try:
        liked, count = services.comment_like(comment_id=comment_id, reader_key=key)
    except Comment.DoesNotExist:
        raise Http404 from None
    if request.htmx:
        response = render(
            request,
            "comments/_like.html",
            {"comment_id": comment_id, "liked": liked, "count": count},
        )
    else:
        comment = Comment.objects.select_related("article").get(pk=comment_id)
        response = redirect(f"{comment.article.get_absolute_url()}#c{comment_id}")
    return readers.set_reader_cookie(request, response)


def report_form(request, comment_id: int):
    """The report form for one published comment: a fragment that htmx loads when a
    reader opens "Report" (so the thread doesn't carry a form per comment), or, without
    JavaScript, a page of its own."""
    comment = get_object_or_404(
        Comment.objects.select_related("article"),
        pk=comment_id,
        status=CommentStatus.PUBLISHED,
        article__in=_article_model().objects.live(),
    )
    context = {"comment": comment, "reasons": Report.Reason.choices}
    if request.htmx:
        return render(request, "comments/_report_form.html", context)
    return render(request, "comments/report.html", context)


@require_http_methods(["GET", "POST"])
def comment_report(request, comment_id: int):
    if request.method == "GET":
        return report_form(request, comment_id)
    form = ReportForm(request.POST)
    if not form.is_valid():
        return HttpResponse("Choose a reason for the report.", status=400)
    key = readers.ensure_reader(request)
    try:
        comment = services.comment_report(
            comment_id=comment_id,
            reader_key=key,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
        )
    except Comment.DoesNotExist:
        raise Http404 from None
    text = "Thanks, a moderator will take a look."
    if request.htmx:
        response = HttpResponse(f'<span class="reported" role="status">{text}</span>')
    else:
        messages.info(request, text)
        response = redirect(f"{comment.article.get_absolute_url()}#c{comment_id}")
    return readers.set_reader_cookie(request, response)


@require_http_methods(["GET", "POST"])
def replies_unsubscribe(request, token: str):
    done = None
    if request.method == "POST":
        try:
            done = services.replies_unsubscribe(token=token)
        except PermissionDenied as exc:
            return render(request, "comments/unsubscribe.html", {"error": str(exc)}, status=400)
    return render(request, "comments/unsubscribe.html", {"token": token, "done": done})


def thread_fragment(request, article_id: int):
    """htmx: re-render the thread for another sort order or page."""
    article = get_object_or_404(_article_model().objects.live(), pk=article_id)
    context = comment_section_context(
        request, article, sort=request.GET.get("sort", "oldest"), page=request.GET.get("page", 1)
    )
    return render(request, "comments/_thread.html", context)


@require_POST
def draft_check(request, article_id: int):
    """htmx: the pre-submit nudge. Scores the draft; stores nothing."""
    from soundoff.moderation import services as moderation

    article = get_object_or_404(_article_model().objects.live(), pk=article_id)
    scopes = ("site", *(f"section:{s}" for s in article.sections.values_list("slug", flat=True)))
    issues = moderation.draft_check(text=request.POST.get("body", "")[:5000], scope_keys=scopes)
    return render(request, "comments/_nudge.html", {"issues": issues})


@require_POST
def comment_appeal(request, comment_id: int):
    """The author of a rejected comment asks, once, for a person to look again."""
    from soundoff.comments.adapters import comment_key
    from soundoff.core.errors import ServiceError
    from soundoff.moderation import services as moderation

    comment = get_object_or_404(Comment.objects.select_related("article"), pk=comment_id)
    if not comment.reader_key or comment.reader_key != readers.reader_key(request):
        raise PermissionDenied("Only the author of a comment can appeal its rejection.")
    try:
        moderation.appeal_create(
            subject_key=comment_key(comment.pk), note=request.POST.get("note", "")
        )
    except ServiceError as exc:
        text, level = exc.message, messages.ERROR
    else:
        text, level = "Thanks. A moderator will look at your comment again.", messages.INFO
    if request.htmx:
        return HttpResponse(f'<p class="msg info" role="status">{escape(text)}</p>')
    messages.add_message(request, level, text)
    return redirect(f"{comment.article.get_absolute_url()}#c{comment.pk}")
