from django.contrib import admin

from soundoff.comments.models import Comment, Report


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("author_name", "article", "status", "created_at", "like_count", "report_count")
    list_filter = ("status", "reject_reason")
    search_fields = ("author_name", "body")
    raw_id_fields = ("article", "parent", "root", "user")
    readonly_fields = (
        "ip_hash",
        "reader_key",
        "body_html",
        "edit_nonce",
        "status",
        "reject_reason",
        "published_at",
    )
    # Status changes go through moderation (queue or audit-logged actions), not this form.


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("comment", "reason", "created_at")
    list_filter = ("reason",)
    raw_id_fields = ("comment",)
