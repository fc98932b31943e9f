from django.contrib import admin

from soundoff.moderation.models import Appeal, AuditEntry, Ban, Case, Policy


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


@admin.register(Ban)
class BanAdmin(admin.ModelAdmin):
    """Bans are made from the queue; here they can be reviewed and lifted (audited)."""

    list_display = (
        "__str__",
        "kind",
        "reason",
        "created_by",
        "created_at",
        "expires_at",
        "lifted_at",
    )
    list_filter = ("kind", "lifted_at")
    search_fields = ("reason",)
    readonly_fields = (
        "kind",
        "value",
        "reason",
        "expires_at",
        "created_by",
        "created_at",
        "lifted_at",
    )
    actions = ("lift",)

    def has_add_permission(self, request):
        return False

    @admin.action(description="Lift the selected bans")
    def lift(self, request, queryset):
        from soundoff.moderation import services

        lifted = 0
        for ban in queryset.filter(lifted_at__isnull=True):
            services.ban_lift(ban_id=ban.pk, actor=request.user)
            lifted += 1
        self.message_user(request, f"Lifted {lifted} ban(s).")


@admin.register(Appeal)
class AppealAdmin(admin.ModelAdmin):
    list_display = ("subject_key", "status", "created_at", "decided_at", "decided_by")
    list_filter = ("status",)
    readonly_fields = ("subject_key", "note", "status", "created_at", "decided_at", "decided_by")

    def has_add_permission(self, request):
        return False
