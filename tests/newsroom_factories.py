"""Factories for newsroom models that tests/factories.py doesn't cover."""

from __future__ import annotations

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.utils import timezone

from soundoff.newsroom.models import FreeReport, Promo, SitePage, Subscriber, SubscriberStatus


class PromoFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Promo

    title = factory.Sequence(lambda n: f"Promo {n}")
    body = "Support independent local news."
    link_url = "/newsletter/"
    link_text = "Find out more"


class SitePageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SitePage
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"page-{n}")
    title = factory.Sequence(lambda n: f"Page {n}")
    body = "Some **text**."


class FreeReportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FreeReport

    title = "Where the money goes"
    summary = "Our guide to the council budget, free for subscribers."
    body = "## The budget\n\nThe council spends **most** of its money on schools.\n"


class SubscriberFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Subscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.org")
    status = SubscriberStatus.PENDING


class ConfirmedSubscriberFactory(SubscriberFactory):
    status = SubscriberStatus.CONFIRMED
    confirmed_at = factory.LazyFunction(timezone.now)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    is_staff = False

    @factory.post_generation
    def permissions(self, create, extracted, **kwargs):
        """permissions=["newsroom.view_subscriber", ...]"""
        if create and extracted:
            for name in extracted:
                app_label, codename = name.split(".")
                self.user_permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )


class StaffUserFactory(UserFactory):
    is_staff = True
