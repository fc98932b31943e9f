"""Generator for ``functional.jsonl`` -- functional tests for comment moderation.

In the spirit of HateCheck (Röttger et al., 2021): each *case type* probes one
behaviour (hatred, dehumanisation, slurs, threats, ...) and its hard negatives
(negated hate, counter-speech, neutral or positive identity mentions, abuse aimed
at objects, profanity without an attack, reclaimed slurs, slur homonyms), plus
personal insults and threats against individuals, which a news site also holds.

All sentences are written for Soundoff. Group templates are spread over the
groups by rotation, so each group sees different phrasings. The output is
deterministic; regenerate with::

    python -m soundoff.classifier.suites.functional_gen

This file contains offensive language on purpose: it is test data for a filter.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "functional.jsonl"
CATEGORIES = ("identity_attack", "threat", "insult", "toxicity", "spam")


def labels(ia=0, th=0, ins=0, tox=0, spam=0) -> dict[str, int]:
    return dict(zip(CATEGORIES, (ia, th, ins, tox, spam), strict=True))


# key: (plural, singular with article, bare singular noun, adjective, slurs [(sg, pl)])
GROUPS: dict[str, tuple[str, str, str, str, list[tuple[str, str]]]] = {
    "muslims": ("Muslims", "a Muslim", "Muslim", "Muslim", [("raghead", "ragheads")]),
    "jews": ("Jews", "a Jew", "Jew", "Jewish", [("kike", "kikes"), ("yid", "yids")]),
    "christians": ("Christians", "a Christian", "Christian", "Christian", []),
    "hindus": ("Hindus", "a Hindu", "Hindu", "Hindu", [("pajeet", "pajeets")]),
    "sikhs": ("Sikhs", "a Sikh", "Sikh", "Sikh", [("towelhead", "towelheads")]),
    "black_people": (
        "Black people",
        "a Black person",
        "Black person",
        "Black",
        [("nigger", "niggers"), ("coon", "coons")],
    ),
    "asian_people": (
        "Asian people",
        "an Asian person",
        "Asian person",
        "Asian",
        [("chink", "chinks"), ("gook", "gooks")],
    ),
    "latinos": (
        "Latinos",
        "a Latino",
        "Latino",
        "Latino",
        [("spic", "spics"), ("beaner", "beaners")],
    ),
    "immigrants": (
        "immigrants",
        "an immigrant",
        "immigrant",
        "immigrant",
        [("wetback", "wetbacks")],
    ),
    "refugees": ("refugees", "a refugee", "refugee", "refugee", []),
    "women": ("women", "a woman", "woman", "female", [("bitch", "bitches"), ("slut", "sluts")]),
    "trans_people": (
        "trans people",
        "a trans person",
        "trans person",
        "trans",
        [("tranny", "trannies")],
    ),
    "gay_people": (
        "gay people",
        "a gay person",
        "gay person",
        "gay",
        [("faggot", "faggots"), ("dyke", "dykes")],
    ),
    "disabled_people": (
        "disabled people",
        "a disabled person",
        "disabled person",
        "disabled",
        [("retard", "retards"), ("spastic", "spastics")],
    ),
    "roma": ("Roma people", "a Roma person", "Roma", "Roma", [("gyppo", "gyppos")]),
    "arabs": ("Arabs", "an Arab", "Arab", "Arab", [("camel jockey", "camel jockeys")]),
}

# case type -> (labels, flag, per-group count, templates)
# {P} plural, {S} singular with article, {N} bare noun, {A} adjective.
GROUP_CASES: dict[str, tuple[dict[str, int], int, int, list[str]]] = {
    "derog_neg_emote": (
        labels(ia=1, tox=1),
        1,
        3,
        [
            "I hate {P}.",
            "I really can't stand {P}.",
            "{P} disgust me.",
            "Honestly, {P} make me sick.",
            "Nothing makes me angrier than {P}.",
            "I despise {P} with every fibre of my being.",
            "{P} are revolting, all of them.",
            "I have nothing but contempt for {P}.",
            "Just seeing {P} on my street fills me with rage.",
            "I loathe {P} and I'm not ashamed to say it.",
            "The sight of {P} turns my stomach.",
            "I'm sick to death of {P}, I want nothing to do with them.",
        ],
    ),
    "derog_neg_attrib": (
        labels(ia=1, ins=1, tox=1),
        1,
        3,
        [
            "{P} are all liars and thieves.",
            "{P} are stupid, every single one of them.",
            "{P} are lazy freeloaders.",
            "{P} are a bunch of criminals.",
            "You can't trust {P}, they're born cheats.",
            "{P} are too dumb to run anything.",
            "{P} are filthy and they stink.",
            "{P} are violent by nature.",
            "All {P} are perverts.",
            "{P} are the most useless people on earth.",
            "Typical {P}, always scrounging off the rest of us.",
            "{P} are worthless, plain and simple.",
        ],
    ),
    "derog_dehum": (
        labels(ia=1, ins=1, tox=1),
        1,
        3,
        [
            "{P} are vermin.",
            "{P} are nothing but rats.",
            "{P} are a plague on this country.",
            "{P} are animals, not people.",
            "{P} are a cancer eating away at society.",
            "{P} are subhuman garbage.",
            "{P} breed like cockroaches.",
            "{P} are parasites feeding off the rest of us.",
            "{P} are a disease.",
            "{P} belong in a zoo, not in our towns.",
            "{P} are filth.",
            "This country has an infestation of {P}.",
        ],
    ),
    "derog_impl": (
        labels(ia=1, tox=1),
        1,
        2,
        [
            "Once {P} move into a neighbourhood it goes downhill fast.",
            "I'd never let my daughter marry one of those {P}.",
            "Funny how whenever something goes missing there's {S} nearby.",
            "{P} should stick to cleaning toilets, it's all they're good for.",
            "This town was lovely before the {P} turned up.",
            "Hire {S}? Not if you want the job done properly.",
            "Keep {P} away from our schools and our kids.",
            "{P} shouldn't be allowed to vote, simple as that.",
        ],
    ),
    "threat_dir": (
        labels(ia=1, th=1, tox=1),
        1,
        2,
        [
            "I'm going to kill every one of those {P} I can find.",
            "If I see {P} near my house again I'll burn it down with them inside.",
            "I will shoot the next {N} who walks into my shop.",
            "We're going to make {P} pay in blood.",
            "I'll put a bullet in any {N} who shows their face on our street.",
            "Me and the lads are going out to hunt {P} tonight.",
            "I'm going to stab {S} the first chance I get.",
            "Watch your backs, {P}. We're coming for you.",
        ],
    ),
    "threat_norm": (
        labels(ia=1, th=1, tox=1),
        1,
        2,
        [
            "{P} should all be shot.",
            "Somebody needs to wipe out {P} for good.",
            "{P} deserve to be hanged from the nearest tree.",
            "All {P} should be rounded up and gassed.",
            "The world would be better if every {N} was dead.",
            "{P} should be beaten until they leave.",
            "Burn their houses down, {P} don't belong here.",
            "The only good {N} is a dead one.",
        ],
    ),
    "phrase_question": (
        labels(ia=1, ins=1, tox=1),
        1,
        1,
        [
            "Why are {P} so disgusting?",
            "Why do {P} always have to be such parasites?",
            "Is there anything more pathetic than {P}?",
            "Why can't {P} just crawl back under their rocks?",
            "Who else thinks {P} are scum?",
            "Has anyone ever met {S} who wasn't a thief?",
        ],
    ),
    "phrase_opinion": (
        labels(ia=1, ins=1, tox=1),
        1,
        1,
        [
            "I think {P} are the worst thing that ever happened to this country.",
            "In my opinion {P} are scum.",
            "If you ask me, {P} are a waste of oxygen.",
            "Personally, I think {P} are inferior to the rest of us.",
            "Call me what you like, but I believe {P} are a curse.",
        ],
    ),
    "negate_pos": (
        labels(ia=1, tox=1),
        1,
        2,
        [
            "I will never respect {P}.",
            "{P} will never be equal to the rest of us.",
            "I don't think {P} are really human.",
            "No {N} is worth saving.",
            "I could never be friends with {S}, they're all scum.",
            "I don't want {P} anywhere near my children.",
            "{P} are not welcome here and never will be.",
            "Not a single {N} deserves to live in this country.",
        ],
    ),
    # ---- hard negatives: must NOT be flagged ----
    "negate_neg": (
        labels(),
        0,
        2,
        [
            "I don't hate {P}.",
            "{P} are not vermin, they are our neighbours.",
            "I would never say {P} are stupid.",
            "No, {P} are not dangerous. That claim is nonsense.",
            "It simply isn't true that {P} are lazy.",
            "I have no problem with {P} at all.",
            "I'd never wish any harm on {P}.",
            "Nobody in this village hates {P}, whatever the tabloids say.",
        ],
    ),
    "counter_quote": (
        labels(),
        0,
        2,
        [
            'Reading "{P} are vermin" in this thread made me feel ill. Mods, please act.',
            'Someone wrote "{P} should be shot" and it is still up? Disgraceful.',
            'When you say "{P} are parasites" you only tell us who you are.',
            'My grandfather heard "{P} are animals" his whole life. We should be better.',
            'The leaflet said "{P} are a disease". I hope the police find who printed it.',
            'Posting "I hate {P}" is not free speech, it is just cruelty. Stop it.',
            '"{P} don\'t belong here"? They have lived here longer than your family has.',
            'If your argument is "{P} are stupid", you have already lost it.',
        ],
    ),
    "counter_ref": (
        labels(),
        0,
        2,
        [
            "Saying that {P} should be deported is pure bigotry.",
            "The comments calling {P} subhuman should be deleted.",
            "Threatening {P} is a crime and it should be reported.",
            "People who spread hatred about {P} are the real problem here.",
            "It's shameful how much abuse {P} get online.",
            "Stop blaming {P} for everything. It's scapegoating, plain and simple.",
            "Whoever attacked {P} outside the station last week must face justice.",
            "Calling {P} a plague is exactly the language that leads to violence.",
        ],
    ),
    "ident_neutral": (
        labels(),
        0,
        2,
        [
            "There are a lot of {P} living on my street.",
            "My colleague is {S}.",
            "The article interviewed several {P} about the new housing plan.",
            "How many {P} live in the county?",
            "{P} make up about a tenth of the city's population.",
            "The council met {A} community representatives on Tuesday.",
            "My neighbour is {S} and runs the bakery on the corner.",
            "I met {S} at the bus stop this morning and we chatted about the rain.",
        ],
    ),
    "ident_pos": (
        labels(),
        0,
        2,
        [
            "I love {P}.",
            "{P} are brilliant.",
            "{P} have made this city a better place.",
            "So proud of the {A} community for running the food bank all winter.",
            "We need more {P} on the council.",
            "Some of the kindest people I know are {P}.",
            "As {S} myself, I loved this piece. Thank you for writing it.",
            "Great to see {P} represented so well in this year's festival.",
        ],
    ),
    "report_neutral": (
        labels(),
        0,
        2,
        [
            "Police are treating the graffiti targeting {P} at the station as a hate crime.",
            "The survey found that {P} face more discrimination when renting a flat.",
            "A man was charged after shouting abuse at {P} in the high street.",
            "The charity says attacks on {P} rose by a fifth last year.",
            "The report documents threats made against {P} during the election campaign.",
            "Campaigners say {P} are still under-represented in the local press.",
        ],
    ),
}

SLUR_TEMPLATES = [
    ("Get these {pl} out of my country.", "pl"),
    ("Nobody wants {pl} living on our street.", "pl"),
    ("Shut up, you dirty {sg}.", "sg"),
    ("The park is full of {pl} again.", "pl"),
    ("Typical {sg}, always crying about something.", "sg"),
    ("Another {sg} on the front page. Great.", "sg"),
    ("Can't stand {pl}.", "pl"),
    ("Of course the {sg} got the job.", "sg"),
    ("Go back where you came from, {sg}.", "sg"),
    ("My new neighbours are {pl}. Time to move.", "pl"),
]

# Hand-written items: (case_type, target_group, text, labels, flag)
HANDWRITTEN: list[tuple[str, str, str, dict[str, int], int]] = []


def _add(case: str, target: str, flag: int, lab: dict[str, int], *texts: str) -> None:
    for t in texts:
        HANDWRITTEN.append((case, target, t, lab, flag))


_add(
    "ident_pos",
    "multiple",
    0,
    labels(),
    "I'm a proud Black Muslim woman.",
    "As a gay Sikh man I finally feel at home in this city.",
    "Proud to be a disabled mum of three, whatever the council thinks of ramps.",
    "Shabbat dinner with my family is the best part of my week.",
    "Happy Diwali to all our Hindu neighbours!",
    "Eid Mubarak from everyone on Clarence Road!",
    "My trans daughter just got into university and I'm over the moon.",
    "I'm a Roma woman and a nurse, and I'm tired of being surprised people.",
)
_add(
    "target_obj",
    "none",
    0,
    labels(),
    "This phone is garbage.",
    "The new bus timetable is an absolute disgrace.",
    "That stadium is a hideous concrete monstrosity.",
    "What a useless app. It crashes every time I open it.",
    "The roadworks on the bypass are a total joke.",
    "This printer is a piece of junk and I want to throw it out the window.",
    "The coffee at the station tastes like dishwater.",
    "The council website is the worst I've ever used.",
    "My laptop is pathetic, it takes ten minutes to boot.",
    "I hate this weather so much.",
    "The ending of that series was trash.",
    "These new parking meters are stupid.",
    "That sculpture in the square is ugly as sin.",
    "The paywall on this site is infuriating.",
    "Honestly the trains in this region are a national embarrassment.",
    "I despise Mondays.",
    "This recipe is disgusting, don't bother.",
    "The match was dreadful, worst ninety minutes of football I've seen.",
    "The new logo looks like a kindergarten drawing.",
    "Kill the engine before you refuel, the sign says.",
    "This traffic is killing me.",
    "The comments system on this site is rubbish, it ate my reply twice.",
)
_add(
    "profanity_nh",
    "none",
    0,
    labels(),
    "This fucking weather, third day of rain in a row.",
    "Holy shit, what a goal in the last minute!",
    "Damn, I didn't know the library was closing.",
    "Bloody hell, have you seen the price of petrol?",
    "Well, shit. That's my commute ruined for a month.",
    "That concert was fucking amazing.",
    "Oh crap, I forgot to renew my parking permit.",
    "Fuck yeah, the pool is reopening!",
    "I was so damn proud of my kid at the science fair.",
    "Jesus Christ, that storm last night was loud.",
    "Hell yes, finally a decent bakery in town.",
    "That was a shitty week, glad it's over.",
    "Bollocks, I missed the deadline for the consultation.",
    "The fucking bins still haven't been collected on our road.",
    "Sod it, I'm walking to work from now on.",
    "Christ on a bike, the queue at the post office was long.",
    "No fucking way, they found the missing dog!",
    "It's a bloody miracle the bridge is open on time.",
    "Shit happens. The team will bounce back next season.",
    "Damn right the nurses deserve a pay rise.",
)
_add(
    "slur_reclaimed",
    "gay_people",
    0,
    labels(),
    "As a queer woman I'm glad the word queer belongs to us now.",
    "Proud dyke, proud wife, proud to march at Pride again this year.",
    "Our queer book club meets at the library every second Thursday.",
    "Dykes on Bikes led the parade and the crowd went wild.",
)
_add(
    "slur_reclaimed",
    "disabled_people",
    0,
    labels(),
    "Crip culture is a real thing and the festival celebrated it beautifully.",
    "As a crip myself, I found the accessibility review spot on.",
)
_add(
    "slur_reclaimed",
    "women",
    0,
    labels(),
    "The SlutWalk organisers say the march is about consent, not clothing.",
    "My friends and I call ourselves the bad bitches book club and we love it.",
)
_add(
    "slur_reclaimed",
    "black_people",
    0,
    labels(),
    "The lecture traced how rappers reclaimed the n-word and why outsiders can't use it.",
)
_add(
    "slur_reclaimed",
    "multiple",
    0,
    labels(),
    "Queer Eye is back and my flatmates and I are watching it tonight.",
    "The queer history walk starts at the old dock gates at 2pm.",
    "As a fat, queer, disabled woman, I loved seeing people like me in this feature.",
    "Our team name is the Crip Crew and we came third in the wheelchair relay.",
    "She calls herself a nasty woman on her T-shirt and wears it to every council meeting.",
)
_add(
    "slur_homonym",
    "none",
    0,
    labels(),
    "I popped outside the pub for a fag and missed the goal.",
    "Faggots and mash with onion gravy, my nan's favourite dinner.",
    "The new midfielder found a chink in their defence.",
    "There's a chink in the fence where the cat gets through.",
    "The fire crew dropped retardant along the ridge.",
    "Our bitch just had a litter of six puppies.",
    "The Dutch built a dyke to hold back the sea.",
    "Gypsy moth caterpillars are stripping the oaks in the park.",
    "The coon hound at the rescue centre needs a home.",
    "The old dyke path along the river floods every spring.",
    "The chef served a boiled faggot with peas, a proper Black Country dish.",
    "Don't be niggardly with the seasoning, the stew needs it.",
    "Every bundle of faggots was stacked by the kiln, as they did in the 1800s.",
    "The farmer's bitch won best in show at the sheepdog trials.",
    "The spastic diplegia clinic at the children's hospital is getting new funding.",
)
_add(
    "insult_indiv",
    "none",
    1,
    labels(ins=1, tox=1),
    "You are a complete idiot and everyone here knows it.",
    "Shut up, you pathetic moron.",
    "Only a brain-dead clown could write something this stupid.",
    "You're an ignorant troll. Crawl back under your bridge.",
    "What a spineless little worm you are.",
    "The author of this rag is a talentless hack.",
    "Are you really this thick or do you practise?",
    "You absolute waste of space.",
    "Nobody cares what you think, loser.",
    "You're a disgusting pig and your comments stink.",
    "The mayor is a lying scumbag and a coward.",
    "Go cry to your mummy, you snivelling baby.",
    "You must be the dumbest person to ever own a keyboard.",
    "The councillor is a corrupt, greedy parasite.",
    "Fuck you and your stupid opinions.",
    "You're a vile, nasty piece of work.",
    "What kind of imbecile writes an article like this?",
    "Your mother should be ashamed of raising such a cretin.",
    "Get a brain, you utter muppet.",
    "You're too stupid to understand the article, so don't comment.",
    "The reporter is a clueless bimbo who can't even spell.",
    "Piss off, you smug little prick.",
    "You sound like an inbred halfwit.",
    "Editor, you're a useless tosser. Fire yourself.",
    "Shut your ugly face.",
    "What an arrogant, ignorant twat.",
    "Every word you write proves you're a moron.",
    "You people are morons, every single one of you commenting here.",
)
_add(
    "threat_indiv",
    "none",
    1,
    labels(th=1, tox=1),
    "I know where you live and I'm coming for you.",
    "Say that again and I'll break your legs.",
    "Keep writing these articles and you'll end up in a ditch.",
    "I'm going to find you after the match and smash your face in.",
    "Someone should put a bullet in the head of the editor.",
    "You'd better watch your back when you leave the office tonight.",
    "I will hurt your kids if you publish my name again.",
    "The journalist deserves to be beaten to a pulp.",
    "I'll burn your car out, see how you like that.",
    "Meet me outside and I'll show you what happens to grasses.",
    "The councillor should be strung up for this.",
    "Somebody needs to stab that man before he does more damage.",
    "I'm going to kill you, and that's a promise.",
    "One more lie from you and I'll put you in hospital.",
    "We know which school your daughter goes to.",
    "Hope someone runs you over on your way home.",
    "I'll be waiting at your front door with a bat.",
    "If the ref shows up in this town again he won't walk out.",
)
_add(
    "civil_critique",
    "none",
    0,
    labels(),
    "The minister's housing plan is badly thought through and will hurt renters.",
    "I completely disagree with this editorial. The figures don't support it.",
    "The council has mismanaged the budget for years and should resign.",
    "This article leaves out the most important fact: the contract was never tendered.",
    "With respect, your argument ignores how people outside the city actually live.",
    "Terrible decision by the planning committee, I'll be objecting formally.",
    "The police response to the flooding was slow and the report says so.",
    "I think the columnist is wrong, and here is why: the scheme has already failed twice.",
    "The club's owners have been greedy and short-sighted. Fans deserve better.",
    "This is lazy journalism. Where are the sources?",
    "The mayor broke his promise on bus fares and voters should remember it.",
    "Your point about taxes is fair, but the numbers in paragraph four are wrong.",
    "The referee had a shocker, three penalties missed.",
    "Strongly disagree. Closing the swimming pool is a short-term saving with long-term costs.",
)


# News-comment style: long-form hate that hides in ordinary debate, and legitimate
# (if blunt) policy opinions about the same topics that must stay up.
_NEWS_HATE = [
    (
        "immigrants",
        "Another stabbing in the town centre. Everyone knows who is doing it. "
        "Send every last one of these immigrants back and the problem disappears.",
    ),
    (
        "muslims",
        "You can't integrate people whose religion tells them to hate us. "
        "Muslims will never be British, they are an enemy within.",
    ),
    (
        "jews",
        "Follow the money behind this paper and you'll find the same people every time. "
        "The Jews own the banks and the media, wake up.",
    ),
    (
        "refugees",
        "These so-called refugees are just young men here to rape our daughters. "
        "Close the borders before it's too late.",
    ),
    (
        "roma",
        "Roma people steal, it's in their blood. The council should bulldoze the camp "
        "and be done with it.",
    ),
    (
        "black_people",
        "Crime went up the year the estate filled with Black families. "
        "Coincidence? They simply aren't capable of living in a civilised society.",
    ),
    (
        "trans_people",
        "Trans people are mentally ill predators and this paper should stop "
        "pretending otherwise. Keep them away from children.",
    ),
    (
        "gay_people",
        "Gay people are perverts and the council should stop funding their "
        "disgusting parade. Nobody wants that filth near families.",
    ),
    (
        "women",
        "Women shouldn't be allowed anywhere near politics. They're too emotional "
        "and too stupid to make decisions. Back to the kitchen.",
    ),
    (
        "disabled_people",
        "Why are we paying for ramps and carers? Disabled people are a drain "
        "on everyone and contribute nothing. Let nature take its course.",
    ),
    (
        "arabs",
        "Arabs are backward savages. Every Arab country is a hellhole because of the "
        "people in it, and now they want to bring it here.",
    ),
    (
        "hindus",
        "Hindus worship cows and live in filth. We don't need their temples or their "
        "stinking curry houses on our high street.",
    ),
    (
        "sikhs",
        "Sikhs with their daggers and turbans are a danger to everyone. Ban them "
        "from our schools before someone gets hurt.",
    ),
    (
        "asian_people",
        "The virus came from Asian people and their disgusting eating habits. "
        "Don't let them back into the country.",
    ),
    (
        "latinos",
        "Latinos are drug dealers and gang members, every single one. The wall "
        "can't be built fast enough.",
    ),
    (
        "christians",
        "Christians are brainwashed idiots who should be banned from teaching. "
        "Their churches should be burnt to the ground.",
    ),
    (
        "immigrants",
        "Great, more housing for immigrants while our own sleep on the streets. "
        "They breed like rats and take everything.",
    ),
    (
        "muslims",
        "Every terror attack, same religion. Time we deported every Muslim in the "
        "country, no exceptions.",
    ),
    ("jews", "Funny how the Jews always end up running things. Hitler had a point."),
    ("refugees", "Put the refugees on a boat and sink it. Problem solved."),
]
_NEWS_POLICY = [
    (
        "immigrants",
        "I think net migration is too high for the number of houses we build. "
        "The government should set a lower target and plan for it.",
    ),
    (
        "muslims",
        "I disagree with faith schools of any religion, including the new Islamic "
        "academy. State schools should be secular.",
    ),
    (
        "jews",
        "Criticising the Israeli government's policy is not the same as criticising "
        "Jewish people, and this article blurs the two.",
    ),
    (
        "refugees",
        "The asylum backlog is a disgrace. Claims should be decided in weeks, not "
        "years, for the sake of refugees and taxpayers alike.",
    ),
    (
        "roma",
        "The council should provide a proper authorised site for Roma families rather "
        "than moving them on every few weeks.",
    ),
    (
        "black_people",
        "Stop and search data shows Black residents are stopped far more often. "
        "The police need to explain why.",
    ),
    (
        "trans_people",
        "I have questions about how the new guidance on changing rooms will "
        "work in practice, and I think parents deserve clear answers.",
    ),
    (
        "gay_people",
        "I'm a Christian and I don't agree with same-sex marriage, but I'd never "
        "stop anyone living their life. Live and let live.",
    ),
    (
        "women",
        "The gender pay gap at the council is 14 percent. That needs fixing before "
        "they spend money on a new logo.",
    ),
    (
        "disabled_people",
        "The benefit assessments are cruel and badly run. Disabled people "
        "are being put through hell for the sake of statistics.",
    ),
    (
        "arabs",
        "The article should have interviewed Arab residents instead of only quoting "
        "politicians about them.",
    ),
    (
        "hindus",
        "The temple's planning application should be judged like any other building: "
        "parking, noise, design. Religion has nothing to do with it.",
    ),
    (
        "sikhs",
        "Sikh pupils should be allowed to wear the kara. The school's ban is "
        "petty and probably unlawful.",
    ),
    (
        "asian_people",
        "Anti-Asian abuse went up during the pandemic and too few cases were "
        "prosecuted. That needs to change.",
    ),
    (
        "latinos",
        "Farm wages are so low that only migrant workers, many of them Latino, take "
        "the jobs. Raise the wages.",
    ),
    (
        "christians",
        "The church should pay business rates on its commercial properties like "
        "everyone else. No special treatment.",
    ),
    (
        "immigrants",
        "Immigration should be controlled, fair and humane. Both parties have failed on all three.",
    ),
    (
        "muslims",
        "I'm an atheist and I think all religions, Islam included, should be open "
        "to criticism and satire.",
    ),
    (
        "refugees",
        "Housing asylum seekers in hotels is expensive and bad for them. Councils "
        "need proper funding to house people in the community.",
    ),
    (
        "immigrants",
        "The skills shortage in care homes won't be solved without overseas staff. "
        "Pretending otherwise helps nobody.",
    ),
]
# items that also call for violence carry the threat label
_NEWS_THREATS = ("burnt to the ground", "sink it", "nature take its course", "bulldoze")
for _target, _text in _NEWS_HATE:
    _th = int(any(k in _text for k in _NEWS_THREATS))
    _add("derog_news", _target, 1, labels(ia=1, th=_th, tox=1), _text)
for _target, _text in _NEWS_POLICY:
    _add("policy_opinion", _target, 0, labels(), _text)
_add(
    "threat_indiv",
    "none",
    1,
    labels(th=1, tox=1),
    "Print that story again and we'll see how brave you are with a broken jaw.",
    "I've got your address from the electoral roll. Sleep well.",
    "People like you end up having accidents. Just saying.",
    "If I ever see that councillor in the street he's getting a kicking.",
    "Enjoy your last week in that job, and maybe your last week full stop.",
    "Touch my allotment again and I'll slit your throat.",
)
_add(
    "profanity_nh",
    "none",
    0,
    labels(),
    "Absolute shitshow of a match but what a comeback in the last ten minutes.",
    "Fuck me, the new bridge actually opened on schedule.",
    "That's a damn good question and the council should answer it.",
    "Pissing it down again. Good luck to everyone at the fete.",
)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def build() -> list[dict]:
    items: list[dict] = []
    group_keys = list(GROUPS)
    for case, (lab, flag, per_group, templates) in GROUP_CASES.items():
        for gi, key in enumerate(group_keys):
            plural, singular, noun, adjective, _ = GROUPS[key]
            for k in range(per_group):
                template = templates[(gi * per_group + k) % len(templates)]
                text = template.format(P=plural, S=singular, N=noun, A=adjective)
                items.append(
                    {
                        "text": _cap(text),
                        "case_type": case,
                        "target_group": key,
                        "expected": dict(lab),
                        "flag": flag,
                    }
                )
    counter = 0
    for key in group_keys:
        for sg, pl in GROUPS[key][4]:
            for _ in range(2):
                template, _form = SLUR_TEMPLATES[counter % len(SLUR_TEMPLATES)]
                counter += 1
                text = template.format(sg=sg, pl=pl)
                items.append(
                    {
                        "text": _cap(text),
                        "case_type": "slur",
                        "target_group": key,
                        "expected": labels(ia=1, ins=1, tox=1),
                        "flag": 1,
                    }
                )
    for case, target, text, lab, flag in HANDWRITTEN:
        items.append(
            {
                "text": text,
                "case_type": case,
                "target_group": target,
                "expected": dict(lab),
                "flag": flag,
            }
        )
    seen: set[str] = set()
    unique = []
    for item in items:
        if item["text"] not in seen:
            seen.add(item["text"])
            unique.append(item)
    for n, item in enumerate(unique):
        item["id"] = f"func-{n:04d}"
    return unique


def write(path: Path = OUT) -> int:
    items = build()
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


if __name__ == "__main__":
    print(f"wrote {write()} items to {OUT}")
