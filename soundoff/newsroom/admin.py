from django.contrib import admin, messages
from django.utils import timezone

from soundoff.newsroom import services
from soundoff.newsroom.models import (
    Article,
    ArticleStatus,
    Author,
    FreeReport,
    Promo,
    Section,
    SitePage,
    Subscriber,
    SubscriberStatus,
    Tag,
)
from soundoff.newsroom.newsletter import exports


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ("headline", "author", "status", "published_at", "comments_open")
    list_filter = ("status", "sections", "author", "comments_open")
    search_fields = ("headline", "standfirst", "body")
    prepopulated_fields = {"slug": ("headline",)}
    filter_horizontal = ("sections", "tags")
    date_hierarchy = "published_at"
    autocomplete_fields = ("author",)
    actions = ("publish_now",)
    fieldsets = (
        (None, {"fields": ("headline", "slug", "standfirst", "body")}),
        (
            "Publishing",
            {
                "fields": (
                    "author",
                    "sections",
                    "tags",
                    "status",
                    "published_at",
                    "comments_open",
                    "promo",
                )
            },
        ),
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        obj = form.instance
        if obj.status != ArticleStatus.DRAFT and obj.published_at is None:
            obj.published_at = timezone.now()
            obj.save(update_fields=["published_at"])
        services.article_changed(article_id=obj.pk)

    @admin.action(description="Publish now")
    def publish_now(self, request, queryset):
        for article in queryset:
            services.article_publish(article=article)
        messages.success(request, f"Published {queryset.count()} stories.")


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    list_display = ("name", "role")
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Section)
class SectionAdmin(admin.ModelAdmin):
    list_display = ("name", "position", "show_on_home")
    list_editable = ("position", "show_on_home")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    search_fields = ("name",)
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Promo)
class PromoAdmin(admin.ModelAdmin):
    list_display = ("title", "is_active", "position")
    list_editable = ("is_active", "position")


@admin.register(SitePage)
class SitePageAdmin(admin.ModelAdmin):
    list_display = ("title", "slug", "updated_at")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(FreeReport)
class FreeReportAdmin(admin.ModelAdmin):
    list_display = ("title", "is_active")


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    list_display = ("email", "status", "created_at", "confirmed_at")
    list_filter = ("status",)
    search_fields = ("email",)
    readonly_fields = ("token", "confirmed_at", "unsubscribed_at")
    actions = ("export_csv",)

    @admin.action(description="Export selected as CSV", permissions=["view"])
    def export_csv(self, request, queryset):
        confirmed = queryset.filter(status=SubscriberStatus.CONFIRMED)
        confirmed = confirmed.order_by("confirmed_at", "id")
        skipped = queryset.count() - confirmed.count()
        if skipped:
            messages.warning(
                request,
                f"Left out {skipped} subscriber(s) who have not confirmed or have unsubscribed.",
            )
        return exports.subscribers_csv_response(confirmed)
