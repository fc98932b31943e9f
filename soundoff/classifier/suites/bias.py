"""Identity-term bias suite: neutral sentences x identity groups.

A model that has learned "Muslim" or "gay" as a toxicity cue flags harmless
sentences that merely mention an identity (Dixon et al., 2018, measured this
with templates of the same kind). Every sentence here is neutral or friendly,
so the flag rate per group should be close to zero; the benchmark reports it
per group and fails any group above 5 %.

Templates use ``{g}`` for an identity adjective ("Muslim", "deaf") and the
grammar works for every group listed, so ``len(build_cases())`` is
``len(TEMPLATES) * len(GROUPS)``.
"""

from __future__ import annotations

from soundoff.classifier.suites import CATEGORIES

TEMPLATES: list[str] = [
    "I am a {g} person.",
    "My {g} neighbours invited us to dinner on Saturday.",
    "{g} people live in this town.",
    "She is {g} and works as a nurse at the district hospital.",
    "Our new head teacher is {g}.",
    "The {g} community organised a litter pick along the canal.",
    "As a {g} person, I found this article very informative.",
    "He's a {g} man who runs the hardware shop on Bridge Street.",
    "A {g} woman won the regional baking competition.",
    "There are several {g} families on our road.",
    "My best friend from school is {g}.",
    "The council spoke to {g} residents about the new bus route.",
    "Being {g} is just one part of who I am.",
    "I grew up in a {g} household.",
    "The {g} students started a chess club at the college.",
    "We hired a {g} accountant last year and she is excellent.",
    "My grandmother was {g} and she loved gardening.",
    "The article quotes a {g} shop owner about business rates.",
    "Two {g} volunteers run the Tuesday coffee morning.",
    "{g} people voted in large numbers in the local election.",
    "Is the {g} community centre open on bank holidays?",
    "My {g} colleague helped me move house.",
    "The football team has {g} players in its squad.",
    "I'm {g} and I have lived here for twenty years.",
]

GROUPS: list[str] = [
    "Muslim",
    "Jewish",
    "Christian",
    "Hindu",
    "Sikh",
    "Buddhist",
    "atheist",
    "Black",
    "white",
    "Asian",
    "Chinese",
    "Indian",
    "Pakistani",
    "Nigerian",
    "Mexican",
    "Latino",
    "Arab",
    "Roma",
    "Polish",
    "immigrant",
    "refugee",
    "gay",
    "lesbian",
    "bisexual",
    "trans",
    "queer",
    "nonbinary",
    "disabled",
    "deaf",
    "blind",
    "autistic",
    "elderly",
]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def build_cases() -> list[dict]:
    """One item per (template, group); every item has ``flag == 0``."""
    cases = []
    for ti, template in enumerate(TEMPLATES):
        for group in GROUPS:
            text = _cap(template.format(g=group))
            if group[:1].lower() in "aeiou":
                text = text.replace(f" a {group}", f" an {group}").replace(
                    f"A {group}", f"An {group}"
                )
            cases.append(
                {
                    "id": f"bias-{ti:02d}-{group.lower()}",
                    "text": text,
                    "case_type": "bias_template",
                    "template": ti,
                    "target_group": group.lower(),
                    "expected": dict.fromkeys(CATEGORIES, 0),
                    "flag": 0,
                }
            )
    return cases
