from django.contrib import admin

from soundoff.moderation.models import AuditEntry, Case, Policy


@admin.register(Policy)
class PolicyAdmin(admin.ModelAdmin):
    list_display = ("scope", "mode", "max_links", "reject_duplicates", "updated_at")
    fieldsets = (
        (None, {"fields": ("scope", "mode", "approvals_needed")}),
        (
            "Rules",
            {
                "fields": (
                    "max_links",
                    "moderation_words",
                    "disallowed_words",
                    "blocked_domains",
                    "reject_duplicates",
                    "reports_to_hold",
                )
            },
        ),
        ("Model thresholds", {"fields": ("category_rules",)}),
    )


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ("subject_key", "status", "verdict", "created_at", "decided_at")
    list_filter = ("status", "verdict")
    search_fields = ("subject_key",)

    def has_add_permission(self, request):
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("created_at", "action", "subject_key", "actor_label", "verdict")
    list_filter = ("action", "verdict")
    search_fields = ("subject_key", "actor_label")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
