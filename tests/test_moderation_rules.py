from __future__ import annotations

import pytest

from soundoff.moderation import rules
from soundoff.moderation.models import Policy
from soundoff.moderation.selectors import policy_for


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("no links here", 0),
        ("see https://example.org/a and http://x.example/b", 2),
        ("visit www.cheap-pills.example today", 1),
        ("buy at cheap-watches.com, now!", 1),
        ("e.g. this is fine. Really.", 0),
    ],
)
def test_find_links(text, count):
    assert len(rules.find_links(text)) == count


def test_listed_words_match_whole_words_case_insensitively():
    assert rules.find_listed("You IDIOT.", ("idiot",)) == ("idiot",)
    assert rules.find_listed("idiotic plan", ("idiot",)) == ()
    assert rules.find_listed("a total scam artist", ("scam artist",)) == ("scam artist",)


def test_domains_match_subdomains_only_on_dot_boundary():
    assert rules.domain_matches("shop.spam.example", "spam.example")
    assert not rules.domain_matches("notspam.example", "spam.example")


@pytest.mark.django_db
def test_section_policy_layers_on_the_site_policy():
    Policy.objects.create(scope="site", max_links=3, moderation_words="idiot")
    Policy.objects.create(scope="section:war", max_links=1, mode="new", moderation_words="traitor")
    site_only = policy_for(("site",))
    assert (site_only.max_links, site_only.mode) == (3, "post")
    war = policy_for(("site", "section:war"))
    assert war.max_links == 1
    assert war.mode == "new"
    assert set(war.moderation_words) == {"idiot", "traitor"}


@pytest.mark.django_db
def test_defaults_without_any_policy_row():
    policy = policy_for(("site",))
    assert policy.max_links == 2 and policy.reject_duplicates and policy.mode == "post"


@pytest.mark.django_db
def test_a_saved_policy_takes_effect_at_once_though_policies_are_kept_per_process():
    site = Policy.objects.create(scope="site", max_links=3)
    assert policy_for(("site", "section:war")).max_links == 3
    assert policy_for(("site", "section:war")) is policy_for(("site", "section:war"))
    site.max_links = 1
    site.save()
    assert policy_for(("site", "section:war")).max_links == 1
    Policy.objects.create(scope="section:war", mode="pre")
    assert policy_for(("site", "section:war")).mode == "pre"
    Policy.objects.filter(scope="section:war").first().delete()
    assert policy_for(("site", "section:war")).mode == "post"
