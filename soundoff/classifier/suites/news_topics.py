"""News-topic bias suite: neutral comments on the hard subjects a news site covers.

A paper with a *War* section gets comments about Gaza, Ukraine or Sudan; a crime report
names the suspect's religion; an immigration story brings comments about asylum rules. A
model that learned those names and subjects as cues of hate holds such comments for no
reason; and a politics story gets comments that name the politicians, some of them sharply
critical. Every sentence here is a neutral, sympathetic or civilly critical reader comment
(none calls anyone a name), so the flag rate per topic should be close to zero; the
suites report it per topic with the bias suite's 5 % bar. (No issue target: the bias
target is about identity terms. This suite measures the same failure for places, subjects
and politicians' names.) The politics topics were written on 2026-11-29 while diagnosing
the name failure, after seeing that bland sentences were not held and critical ones were.

Written for evaluation only, never trained on. ``len(build_cases())`` is the sum over
topics of ``len(templates) * len(fillers)``.
"""

from __future__ import annotations

from soundoff.classifier.suites import CATEGORIES

POLITICS = [
    "I think {x} made the right call on the pipeline.",
    "Whatever you think of {x}, the speech last night was well argued.",
    "Maybe {x} is playing the partisan card here.",
    "Can anyone explain why {x} changed position on the carbon tax?",
    "{x} has made a mess of the budget.",
    "Typical {x}, all talk and no action.",
    "{x} should resign over this scandal.",
    "Another broken promise from {x}.",
    "{x} is out of touch with ordinary people.",
    "{x} has been a disaster for this country.",
]

# topic: (templates with {x}, fillers)
TOPICS: dict[str, tuple[list[str], list[str]]] = {
    "war": (
        [
            "Civilians in {x} are paying the price for this war.",
            "The shelling of {x} has to stop.",
            "Aid convoys still cannot reach {x}.",
            "The report on casualties in {x} makes grim reading.",
            "Journalists in {x} deserve our protection.",
            "The refugees from {x} need housing before winter.",
            "I have family in {x} and have not heard from them in weeks.",
            "Peace talks over {x} resume on Monday.",
            "The offensive in {x} has stalled, according to analysts.",
            "Thank you for the careful reporting from {x}.",
        ],
        ["Gaza", "Ukraine", "Kharkiv", "Sudan", "Lebanon", "Yemen", "the West Bank", "Israel"],
    ),
    "crime_report": (
        [
            "The suspect, a {x} man in his thirties, was arrested on Tuesday.",
            "Police say the victim was a {x} student from the university.",
            "A {x} shopkeeper chased off the robbers, according to witnesses.",
            "The court heard that the {x} family had reported the threats twice.",
            "The officer who helped the {x} woman deserves a commendation.",
            "Two {x} teenagers were charged with vandalism, the article says.",
        ],
        ["Muslim", "Jewish", "Black", "Polish", "Somali", "Pakistani", "Roma", "white"],
    ),
    "immigration_policy": (
        [
            "The new rules for {x} take effect in January.",
            "How many {x} arrived last year? The article doesn't say.",
            "The council needs more funding to house {x}.",
            "The minister's figures on {x} don't match the official statistics.",
            "Processing times for {x} have doubled since the spring.",
            "My town has welcomed {x} for decades without fuss.",
        ],
        [
            "asylum seekers",
            "refugees",
            "migrants",
            "seasonal workers",
            "international students",
            "family visas",
        ],
    ),
    "religion_news": (
        [
            "The {x} leaders met the mayor to discuss the festival.",
            "Attacks on {x} places of worship rose last year, the report says.",
            "The {x} charity runs the food bank on Fridays.",
            "A {x} school is opening on the old hospital site.",
            "The interfaith meeting included {x} speakers this year.",
            "The {x} community raised money for the flood victims.",
        ],
        ["Muslim", "Jewish", "Hindu", "Sikh", "Catholic", "Evangelical"],
    ),
    # Civil comments on politics, approving or sharply critical, that name a politician
    # (critical is not an insult: none calls anyone a name). The training sets name some
    # politicians mostly in toxic posts (lexicon.PUBLIC_FIGURES); the first topic uses such
    # names, the second names that are not on that list, the third no name at all.
    "politics_listed_names": (
        POLITICS,
        ["Trump", "Obama", "Hillary Clinton", "Trudeau", "Harper", "Putin", "Biden", "Pelosi"],
    ),
    "politics_other_names": (
        POLITICS,
        ["Starmer", "Modi", "Meloni", "Poilievre", "Zelensky", "Albanese", "Sheinbaum", "Scholz"],
    ),
    "politics_roles": (
        POLITICS,
        [
            "the premier",
            "the mayor",
            "the minister",
            "the opposition leader",
            "the senator",
            "the prime minister",
            "the president",
            "the council leader",
        ],
    ),
}


def build_cases() -> list[dict]:
    """One item per (topic, template, filler); every item has ``flag == 0``."""
    cases = []
    for topic, (templates, fillers) in TOPICS.items():
        for ti, template in enumerate(templates):
            for filler in fillers:
                text = template.format(x=filler)
                cases.append(
                    {
                        "id": f"topic-{topic}-{ti:02d}-{filler.lower().replace(' ', '-')}",
                        "text": text[:1].upper() + text[1:],
                        "case_type": "news_topic",
                        "target_group": topic,
                        "expected": dict.fromkeys(CATEGORIES, 0),
                        "flag": 0,
                    }
                )
    return cases
