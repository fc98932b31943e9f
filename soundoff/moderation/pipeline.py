"""The screening steps, in order: gather facts, apply the policy."""

from __future__ import annotations

from soundoff.moderation import rules
from soundoff.moderation.policies import Decision, Facts, PolicyConfig, decide
from soundoff.moderation.subjects import Subject, SubjectAdapter


def gather_facts(subject: Subject, policy: PolicyConfig, adapter: SubjectAdapter) -> Facts:
    links = rules.find_links(subject.text)
    if subject.author_url:
        links.append(subject.author_url)
    hosts = {rules.link_domain(link) for link in links}
    blocked = tuple(
        sorted({b for b in policy.blocked_domains for h in hosts if rules.domain_matches(h, b)})
    )
    history = adapter.author_history(subject)
    return Facts(
        link_count=len(rules.find_links(subject.text)),
        blocked_domains_found=blocked,
        moderation_words_found=rules.find_listed(subject.text, policy.moderation_words)
        + rules.find_listed(subject.author_name, policy.moderation_words),
        disallowed_words_found=rules.find_listed(subject.text, policy.disallowed_words)
        + rules.find_listed(subject.author_name, policy.disallowed_words),
        is_exact_duplicate=policy.reject_duplicates and adapter.has_exact_duplicate(subject),
        author_approved=history.approved,
        author_is_staff=subject.author_is_staff,
    )


def screen(subject: Subject, policy: PolicyConfig, adapter: SubjectAdapter) -> Decision:
    return decide(policy, gather_facts(subject, policy, adapter))
