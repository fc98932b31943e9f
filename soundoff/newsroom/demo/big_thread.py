"""A large, deterministic demo comment thread for The Soundoff Gazette.

`big_thread_comments()` builds a lively (and entirely civil) debate under the budget-vote
story by combining hand-written openers, middle sentences and closers. The same `n` and
`seed` always give the same thread, so the demo can be rebuilt and tested reliably.
"""

from __future__ import annotations

import random

BIG_THREAD_ARTICLE = "coalition-survives-budget-vote"

# Comments are spread over this many minutes after publication (front-loaded, like a real
# thread: busy in the first hours, quieter later). Kept below the article's age in the demo.
SPAN_MINUTES = 18 * 60
MAX_DEPTH = 5
REPLY_SHARE = 0.35
RECENT_WINDOW = 40

OPENERS: tuple[str, ...] = (
    "I've read the whole piece twice now.",
    "Long-time reader, first-time commenter.",
    "Here's what I keep coming back to.",
    "I watched the debate on the parliament stream last night.",
    "Speaking as a renter in Wrenfield, this one hits close to home.",
    "Four votes. That's all it came down to.",
    "I was expecting the coalition to fall, honestly.",
    "Interesting to see how the numbers actually shook out.",
    "My partner and I argued about this over dinner.",
    "Let me try to be fair to both sides here.",
    "I'm a pensioner, so take this with that in mind.",
    "I work in construction, for what it's worth.",
    "Not sure this is getting the attention it deserves.",
    "I've voted for all three main parties at one time or another.",
    "Good article, and a useful list at the end.",
    "I run a small business on Mill Street.",
    "The list of measures at the bottom is the most useful part of this.",
    "So the budget survives, for now.",
    "I'll admit I had to look up what a second reading was.",
    "My first reaction was relief, and my second was frustration.",
    "Every year it's the same argument, just with different numbers.",
    "I teach economics to sixteen-year-olds, and this would make a good lesson.",
    "I've been following the Green Alliance rebels closely.",
    "Hard to know where to start with this one.",
    "There's a lot to like here and a lot not to.",
    "I think people are missing the bigger picture.",
    "Quick thought before I head to work.",
    "I'm a nurse, and I read these things through that lens.",
    "As someone who gave up on buying a first home, I have views.",
    "My son is in the reserves, so the defence part matters to our family.",
    "Genuinely torn on this one.",
    "I've changed my mind on this twice since last night.",
    "I was in the public gallery on Wednesday evening.",
    "Can we talk about the second homes levy for a minute?",
    "The fuel duty delay is the bit nobody seems to be mentioning.",
    "My landlord put the rent up again last month, so I'm not feeling generous.",
    "I think the Gazette has been fair about this.",
    "Coalitions are messy, and that's not always a bad thing.",
    "I read the official summary of the budget over breakfast.",
    "As a farmer up the valley, this looks different from where I'm standing.",
    "Here's a view from someone who commutes by car every day.",
    "I'll say the unfashionable thing.",
    "I keep seeing the word 'concession' and wondering what it really means.",
    "I've lived in Wrenfield for forty years.",
    "I'm a student, so most of this doesn't touch me yet.",
    "Two things can be true at once.",
    "Full disclosure: I'm a Green Alliance member.",
    "I worked in the finance ministry a long time ago.",
    "Just finished reading this and the comments so far.",
    "This is a decent summary of a complicated night.",
    "I don't usually comment on politics.",
    "Let's look at the actual numbers for a second.",
    "Here's my problem with the way this has been reported elsewhere.",
    "My household is exactly the kind this is meant to help.",
    "The headline undersells how close this was.",
    "I suspect this will all look different in six months.",
    "I'm a social housing tenant, for context.",
    "I wish more people would read past the headline on this.",
    "So much for the coalition collapsing.",
    "I think the government and the opposition are both half right.",
    "I'll try to keep this short.",
    "Coming at this from the north shore, where everything feels far away right now.",
    "There's a quieter story buried in this budget.",
    "I sat down to skim this and ended up reading every word.",
)

SUPPORTIVE: tuple[str, ...] = (
    "With a war on the continent, pretending defence spending is optional isn't a "
    "serious position.",
    "Raising the tax threshold for the lowest earners is exactly the kind of targeted help "
    "that actually reaches people.",
    "The second homes levy is overdue, and I'm glad someone finally had the nerve to introduce it.",
    "Getting back 4,000 homes a year in a single afternoon of negotiation is not nothing.",
    "Keeping borrowing under control while interest rates are this high seems like basic "
    "common sense.",
    "The Green Alliance rebels used their leverage well and got something real for it.",
    "Extending energy support for pensioners through the winter will make a genuine "
    "difference to people like my parents.",
    "A budget that nobody loves is probably one that has balanced competing needs reasonably well.",
    "I'd rather have a coalition that argues in public than a government that just does "
    "what it likes.",
    "The defence increase is spread over three years, which is far more measured than "
    "some of the headlines suggest.",
    "Delaying the fuel duty cut is unpopular, but it's a fairer way to pay for housing than "
    "cutting services.",
    "Twenty-six thousand homes a year is still more than any government has actually built "
    "in a decade.",
    "Nobody seems to mention that the higher tax threshold helps part-time workers most of all.",
    "The finance minister was straight with Parliament about the trade-offs, which is more "
    "than I expected.",
    "Compromise is how coalitions are supposed to work, and this time it did.",
    "It's easy to criticise from the sidelines, but I haven't seen a costed alternative "
    "from the opposition.",
    "The levy on expensive second homes is the first new tax in years that I'm happy to see.",
    "The housing money came back because people made noise about it, which is democracy "
    "working as it should.",
    "I'd take a cautious budget over another round of promises nobody can pay for.",
    "Stability matters, and a collapsed government in the middle of winter would have "
    "helped nobody.",
    "The pensioner energy support alone will probably keep a lot of people out of hospital "
    "this winter.",
    "For a coalition with a majority of seven, getting any budget through is an achievement.",
)

CRITICAL: tuple[str, ...] = (
    "Cutting social housing at all, even by less than planned, is the wrong call when rents "
    "are this high.",
    "Renters are once again being asked to pay for decisions made by people who own their "
    "homes outright.",
    "The second homes levy sounds good, but I'd bet it raises far less than the government claims.",
    "Delaying the fuel duty cut hits people who have no choice but to drive, especially out "
    "in the valley.",
    "Getting back 4,000 of the 8,000 homes that were cut still leaves a cut, however it's "
    "dressed up.",
    "Defence spending goes up every time there's a crisis, and it rarely comes back down.",
    "I'm not convinced anyone has explained what the extra defence money will actually be "
    "spent on.",
    "The tax threshold change is worth a few crowns a week, which is welcome but hardly "
    "life-changing.",
    "The concessions arrived at six o'clock on the night of the vote, which tells you how "
    "much planning went into them.",
    "Building homes takes years, so a cut today is a shortage in five years' time.",
    "Three rebels still voted against, and I suspect more of them stayed quiet this time.",
    "Food prices are what people talk about at the school gate, and this budget barely "
    "touches them.",
    "Calling it an ambitious housing programme when it's smaller than last year's feels "
    "like spin to me.",
    "I'd like to see the same scrutiny applied to defence contracts that gets applied to "
    "every housing scheme.",
    "Small towns like ours always seem to be last in line when the money is handed out.",
    "There's nothing in here for the north shore, which is cut off from the rest of the "
    "town right now.",
    "A working majority of seven isn't a mandate for anything very ambitious, and it shows.",
    "The opposition's line about renters is a slogan, but it's a slogan with a point.",
    "It feels like the budget was written for next year's headlines rather than next "
    "year's households.",
    "Young people who can't afford to buy will read this and conclude nobody is listening.",
    "If the levy is so sensible, I'd like to know why it wasn't in the original budget.",
    "Delaying a tax cut isn't a plan; it just moves the problem six months down the road.",
)

MIXED: tuple[str, ...] = (
    "I'm not against more defence spending, but I'd like to know why it had to come out of "
    "housing specifically.",
    "I'd be curious to know how many second homes actually sell for more than 1.2 million crowns.",
    "Does anyone know whether the 26,000 figure means homes started or homes finished? It "
    "makes a big difference.",
    "The real test will be the committee stage, where the details get argued over line by line.",
    "The defence rise and the housing cut are each defensible on their own; it's doing them "
    "together that's hard to swallow.",
    "What I'd really like is a breakdown of how much of this reaches towns like Wrenfield.",
    "I can see why the government wants to keep borrowing down, and I can also see why "
    "renters feel forgotten.",
    "The levy might raise a decent sum or almost nothing, depending on how many sellers "
    "find a way around it.",
    "It's worth remembering this was only the second reading, and the final vote is still "
    "months away.",
    "I'd like the Gazette to follow up on where the restored 4,000 homes will actually be built.",
    "The fuel duty delay is sensible economically and painful politically, which usually "
    "means it's a real trade-off.",
    "My worry is less about this budget and more about what happens when the coalition "
    "can't patch things up next time.",
    "I suspect most people won't feel much difference either way until the spring.",
    "Has anyone seen independent costings of the package, rather than the government's own "
    "figures?",
    "Housing and defence shouldn't be framed as a choice, but with money this tight maybe "
    "they have to be.",
    "It would help if politicians on all sides admitted that every option here costs "
    "somebody something.",
    "I'd give the government credit for listening, and take some of it back for needing to "
    "be pushed.",
    "What matters most is whether the interest rate outlook improves, because that shapes "
    "everything else.",
    "I'm curious how the three remaining rebels will be treated by their own party.",
    "There's a difference between a good budget and a survivable one, and this looks like "
    "the second kind.",
    "If food inflation keeps falling, a lot of this argument will look different by spring.",
    "I'd love a version of this story that explains what it means for a typical family in "
    "plain numbers.",
)

STANCES: dict[str, tuple[str, ...]] = {
    "support": SUPPORTIVE,
    "critical": CRITICAL,
    "mixed": MIXED,
}
MIDDLES: tuple[str, ...] = SUPPORTIVE + CRITICAL + MIXED

CLOSERS: tuple[str, ...] = (
    "Happy to be proven wrong.",
    "Just my two cents.",
    "Curious what others think.",
    "Anyway, that's how it looks from here.",
    "We'll see in the spring, I suppose.",
    "Thanks to the Gazette for laying it out clearly.",
    "Rant over, back to work.",
    "Keen to hear from anyone who knows more about this than I do.",
    "I'll be watching the committee stage closely.",
    "Time will tell.",
    "Not the end of the world, but not great either.",
    "Make of that what you will.",
    "Let's at least keep talking about it.",
    "I genuinely hope I'm wrong about this.",
    "Either way, it's good to see a civil discussion on here.",
    "That's all, really.",
    "Would love a follow-up on this.",
    "Off to write to my MP, for all the good it'll do.",
    "Sorry, that went on longer than I meant it to.",
    "Open to being persuaded otherwise.",
    "I'll check back later to see what people say.",
    "Thanks for reading, if you got this far.",
    "Worth keeping an eye on, anyway.",
    "Something to think about before the final vote.",
    "Politics is the art of the possible, as my dad used to say.",
    "Onwards.",
    "Fingers crossed for the spring.",
    "I say that as someone who wants the coalition to succeed.",
    "I say that as someone who didn't vote for either coalition party.",
    "Correct me if I've got any of the numbers wrong.",
    "Interested to hear from any renters on here.",
    "Good luck to anyone trying to make sense of it all.",
    "That's the bit I'd want answered before the final vote.",
    "None of this is simple, and I don't pretend it is.",
    "Anyway, I've said my piece.",
    "Back to my tea.",
    "Appreciate the thoughtful replies in this thread.",
    "Sorry to be a bit gloomy about it.",
    "Glad it's not my job to decide, honestly.",
    "We'll find out soon enough.",
    "Let's see whether the Green Alliance holds together.",
    "Maybe I'm being too cynical.",
)

REPLY_AGREE: tuple[str, ...] = (
    "Agree with most of this, {name}.",
    "I had the same reaction, {name}.",
    "{name}, that's a useful way of putting it.",
    "This is well put, {name}.",
    "Spot on, {name}.",
    "Same here, {name}.",
    "That's the crux of it, {name}.",
    "{name}, I'd add one thing to that.",
    "Thanks, {name}, I hadn't thought about it that way.",
    "Well said, {name}.",
)

REPLY_DISAGREE: tuple[str, ...] = (
    "Fair point, {name}, but I'd push back a little.",
    "Respectfully, {name}, I read it differently.",
    "Not sure I agree, {name}, though I understand why you'd say it.",
    "Have to disagree with you there, {name}.",
    "{name}, fair enough, but look at it from the other side.",
    "{name}, I'm not sure the numbers support that.",
    "I take your point, {name}, but I'm not convinced.",
    "{name}, I used to think that too, and then I changed my mind.",
    "Playing devil's advocate for a second, {name}.",
    "Interesting, {name}. My experience has been a bit different.",
)

REPLY_NEUTRAL: tuple[str, ...] = (
    "I see where you're coming from, {name}.",
    "{name}, I think you're half right.",
    "Good question, {name}.",
    "I'm with you on part of this, {name}.",
    "{name}, genuine question in return.",
    "Can't argue with the first part, {name}.",
    "You've made me think, {name}.",
    "Partly agree, {name}.",
    "I hear you, {name}.",
    "{name}, you may be right, but I'm less certain than you are.",
)

SHORT_TOP: tuple[str, ...] = (
    "Four votes. Wow.",
    "Honestly, I'm just relieved it passed.",
    "Can't believe how close this was.",
    "Great reporting, thank you.",
    "Watching this space.",
    "The list of measures is really helpful, thanks.",
    "Well, that was a nail-biter.",
    "So the housing rebels won half a battle.",
    "Clear, fair write-up. Appreciated.",
    "The real fight is in the new year.",
)

SHORT_REPLY: tuple[str, ...] = (
    "Agreed, well said.",
    "This, exactly.",
    "Good point, thanks.",
    "Fair enough, I'll give you that one.",
    "Hadn't considered that. Thanks.",
    "Respectfully, I don't think that's quite right.",
    "Strongly agree.",
    "We'll have to agree to disagree on this one.",
    "Interesting, thanks for explaining.",
    "Ha, fair.",
)

NAMES: tuple[str, ...] = (
    "Anya K.",
    "Bram Holloway",
    "Cass from Salt Lane",
    "Della Ortiz",
    "Eamon Reilly",
    "Fenna Visser",
    "Gus Pemberton",
    "Hattie Grove",
    "Idris M.",
    "Juno Blake",
    "Kit Ashworth",
    "Lorna Beaton",
    "Mick Ferris",
    "Nadia R.",
    "Ollie Stroud",
    "Paz Medina",
    "Quentin Hale",
    "Rosa Lindgren",
    "Stan Kowal",
    "Tegan Price",
    "Uma Sethi",
    "Viv Carmody",
    "Wes Olander",
    "Xander Pike",
    "Yasmin Darrow",
    "Zef Marku",
    "BramblesAndBooks",
    "Old Harbour Hand",
    "rentingforever",
    "ValleyFarmer",
    "north_shore_dad",
    "GullPointGran",
    "Mill St regular",
    "two-bus-commute",
    "quietly_hopeful",
    "Cllr-spotter",
    "The Accountant",
    "stillhopeful",
    "nightshift_nurse",
    "Wrenfield Walker",
    "aske_angler",
    "Teacher Tom",
    "JustAsking42",
    "Dot Hembry",
    "Frank O.",
    "Maisie Quill",
    "Lewin T.",
    "Priti Anand",
    "Sol Rainey",
    "Bea Kettering",
    "Ciaran Doyle",
    "Marek Novak",
    "Ottilie Fenn",
    "Ray Bankole",
    "Sigrid H.",
    "Hamish Tully",
    "Lou Pereira",
    "Effie Marsh",
    "Dev Kapadia",
    "Ingrid Solberg",
    "Tariq B.",
    "Corinne Lavelle",
    "Alfie Drummond",
    "Ros Kimber",
    "Niamh Gallagher",
    "Pavel Sorokin",
    "Greta Lund",
    "Hugh Ashby",
    "Femi Adeyemi",
    "Clem Wardle",
    "Saskia Brandt",
    "Rafa Delgado",
    "Winnie Cho",
    "Amos Yardley",
    "Bridget Nolan",
    "Ezra Whitlam",
    "Harbourside Hal",
    "OneMoreRenter",
    "Pensioner Pat",
    "the_sceptic",
    "CornExchangeCarol",
    "Lighthouse Liz",
    "Mo Farrant",
    "Selim Aydin",
    "Jenna Rook",
    "Otis Brennan",
    "Marnie Voss",
    "Kwame Asante",
    "Leah Gorski",
    "Dunstan Reeve",
)

_OPPOSITE = {"support": "critical", "critical": "support"}


def _likes(rng: random.Random, is_reply: bool) -> int:
    """Heavily skewed: most comments get 0-3 likes, a rare few get up to 150."""
    likes = int(rng.paretovariate(1.25)) - 1
    if is_reply:
        likes //= 2
    return min(likes, 150)


def _minutes(rng: random.Random, n: int) -> list[int]:
    """Non-decreasing minute offsets, busiest soon after publication."""
    return sorted(1 + int(SPAN_MINUTES * rng.random() ** 1.8) for _ in range(n))


def _compose(rng: random.Random, stance: str, opener: str) -> tuple[str, str]:
    """Opener, one or two middle sentences of one stance, maybe a closer.

    Returns the body and its first middle sentence (which replies sometimes quote)."""
    middles = rng.sample(STANCES[stance], rng.choice((1, 1, 2)))
    parts = [opener, *middles]
    if rng.random() < 0.45:
        parts.append(rng.choice(CLOSERS))
    return " ".join(parts), middles[0]


def big_thread_comments(n: int = 1200, seed: int = 7) -> list[dict]:
    """Return `n` comment dicts for the demo's big thread, deterministic for `seed`.

    Each dict has key, parent (None or an earlier key), name, body, minutes_after
    (non-decreasing) and likes. Roughly 65% are top level; the rest reply to a recent
    earlier comment, nesting at most MAX_DEPTH levels deep.
    """
    rng = random.Random(seed)
    minutes = _minutes(rng, n)
    comments: list[dict] = []
    depth: dict[str, int] = {}
    stance_of: dict[str, str] = {}
    quote_of: dict[str, str] = {}
    name_of: dict[str, str] = {}
    parent_of: dict[str, str | None] = {}

    for i in range(n):
        key = f"b{i + 1}"
        parent: str | None = None
        if comments and rng.random() < REPLY_SHARE:
            recent = [c["key"] for c in comments[-RECENT_WINDOW:] if depth[c["key"]] < MAX_DEPTH]
            if recent:
                # Favour the most recent comments, as readers reply to what they just read.
                weights = [k + 1 for k in range(len(recent))]
                parent = rng.choices(recent, weights=weights)[0]

        if parent is None:
            name = rng.choice(NAMES)
            stance = rng.choice(tuple(STANCES))
            if rng.random() < 0.08:
                body, quote = rng.choice(SHORT_TOP), ""
            else:
                body, quote = _compose(rng, stance, rng.choice(OPENERS))
            depth[key] = 0
        else:
            grandparent = parent_of[parent]
            if grandparent is not None and rng.random() < 0.3:
                # The original poster comes back to answer.
                name = name_of[grandparent]
            else:
                name = rng.choice(NAMES)
            while name == name_of[parent]:
                name = rng.choice(NAMES)
            parent_stance = stance_of[parent]
            mood = rng.choice(("agree", "disagree", "neutral"))
            if mood == "agree":
                stance, openers = parent_stance, REPLY_AGREE
            elif mood == "disagree":
                stance = _OPPOSITE.get(parent_stance) or rng.choice(("support", "critical"))
                openers = REPLY_DISAGREE
            else:
                stance, openers = "mixed", REPLY_NEUTRAL
            if rng.random() < 0.1:
                body, quote = rng.choice(SHORT_REPLY), ""
            else:
                opener = rng.choice(openers).format(name=name_of[parent])
                body, quote = _compose(rng, stance, opener)
                if quote_of[parent] and rng.random() < 0.12:
                    body = f"> {quote_of[parent]}\n\n{body}"
            depth[key] = depth[parent] + 1

        stance_of[key] = stance
        quote_of[key] = quote
        name_of[key] = name
        parent_of[key] = parent
        comments.append(
            {
                "key": key,
                "parent": parent,
                "name": name,
                "body": body,
                "minutes_after": minutes[i],
                "likes": _likes(rng, parent is not None),
            }
        )
    return comments
