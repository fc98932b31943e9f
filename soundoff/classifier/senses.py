"""Innocent senses of words that are also slurs (the "Scunthorpe problem", word-level).

"A chink in the armour", "homo sapiens", "flame retardant", "faggots and peas", "a fag
break", "the tranny in my truck", "a queer feeling", "Maine Coon", "kaffir lime": each
contains a word the models learned as a slur, in a sense that attacks nobody. A model that
reads words cannot tell them apart from the attack; the surrounding words can. Each entry
below is a context that fixes the innocent sense, and the neutral word that stands in for
the ambiguous one while the comment is scored (never in what is stored or shown).

The patterns run on lower-cased text: on normalised text in :func:`normalize` (so the fast
tier's features and its spans, mapped back to the original, see the stand-in), and on the
raw text in :func:`rewrite` for the semantic tier. The slur itself, used of people, never
matches: every pattern needs a context word that only the innocent sense has.

The same mechanism reads insulting words aimed at things as plain criticism
(:data:`THING_SENSES`: "this policy is stupid" is scored as "this policy is bad"), since the
insult category means disparagement of a person.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

__all__ = [
    "SAFE_SENSES",
    "THING_SENSES",
    "find",
    "rewrite",
    "without_innocent_senses",
    "without_thing_senses",
]

_DET = r"(?:a|an|the|my|his|her|their|our|your|its|this|that|one|another|some)"

# (pattern, stand-in). The group named ``w`` is what is replaced; without it, the whole match.
SAFE_SENSES: tuple[tuple[str, str], ...] = (
    # chink: a narrow gap, a clinking sound
    (r"\b(?P<w>chinks?) (?:in|of) (?:" + _DET + r" )?(?:\w+ )?(?:armou?r|defen[cs]es?|logic|argument|case|plan|curtains?|wall|fence|door|light|hope|cloud)", "gap"),  # noqa: E501
    (r"\b(?P<w>chink(?:ed|ing)?) (?:of )?(?:glasses|coins|cups|ice|bottles|keys|cutlery|china)\b", "clink"),  # noqa: E501
    # homo: the genus
    (r"\b(?P<w>homo) (?=sapiens|erectus|habilis|neanderthalensis|floresiensis|economicus|ludens|faber|naledi|heidelbergensis|antecessor|luzonensis)", "human"),  # noqa: E501
    # retard: to slow; a retardant
    (r"\b(?:flame|fire)[- ](?P<w>retardants?)\b", "resistant"),
    (r"\b(?P<w>retardants?)\b", "inhibitor"),
    (r"\b(?P<w>retard(?:s|ed|ing)?) (?=(?:the |its |their |further |plant |seed |root |cell |tumou?r )?(?:growth|progress|spread|development|rate|ignition|timing|spark|rot|decay|corrosion|germination|ripening|flow|combustion|ageing|aging|flowering|setting|curing|oxidation|evaporation)\b)", "slow"),  # noqa: E501
    (r"\b(?:growth|mental|psychomotor|fetal|foetal|intrauterine) (?P<w>retardation)\b", "delay"),
    # faggot: a bundle of sticks; a meatball
    # "A pile / load / heap of faggots" is far more often the slur than firewood: not here.
    (r"\b(?:bundles?|sticks?|armfuls?|cart ?loads?) of (?P<w>faggots?)\b", "kindling"),
    (r"\b(?P<w>faggots?) (?=of (?:wood|sticks|twigs|kindling|brushwood|firewood|hazel|straw)\b)", "bundles"),  # noqa: E501
    (r"\b(?P<w>faggots?) (?=(?:and|in|with|&) (?:mushy |onion |rich )?(?:peas|gravy|mash|onions?|chips|potatoes)\b)", "meatballs"),  # noqa: E501
    (r"\b(?:pork|beef|lamb|homemade|home made|brains?|butcher'?s|frozen|traditional|welsh) (?P<w>faggots?)\b", "meatballs"),  # noqa: E501
    (r"\b(?P<w>faggots?) (?=for (?:my |our |the )?(?:dinner|tea|lunch|supper|starters?|mains?)\b)", "meatballs"),  # noqa: E501
    (r"\b(?P<w>faggots?) (?=(?:for|on) (?:the )?(?:fire|stove|kindling|hearth|bonfire|oven)\b)", "kindling"),  # noqa: E501
    # fag: a cigarette (British); fagged out
    (r"\b(?P<w>fag)(?= (?:break|breaks|end|ends|packet|packets|paper|papers|smoke|lighter|machine)\b)", "cigarette"),  # noqa: E501
    (r"\b(?:packets?|packs?|boxes|box|cartons?|twenty|pouch) of (?P<w>fags)\b", "cigarettes"),
    (r"\b(?:smok(?:e|ed|es|ing)|light(?:ed|s|ing)?|lit|roll(?:ed|s|ing)?|sparked up|spark up|puff(?:ed|ing)? on|stubb?(?:ed)? out|cadg(?:e|ed|ing)|bumm?(?:ed|ing)?|nip(?:ped)? out for|popp?(?:ed)? out for|went out for|go out for|gasping for) (?:" + _DET + r" )?(?:quick )?(?P<w>fags?)\b", "cigarette"),  # noqa: E501
    (r"\b(?:nip(?:ped|s)?|popp?(?:ed|s)?|went|go(?:es|ing)?|stepp?(?:ed|s)?|head(?:ed|s)?) out(?:side)?(?: (?:of )?the \w+)? for (?:" + _DET + r" )?(?:quick |crafty |sneaky )?(?P<w>fags?)\b", "cigarette"),  # noqa: E501
    (r"\b(?P<w>fags?) (?=and (?:booze|beer|a pint|lager|whisky|coffee|tea|a drink|matches|a lighter)\b)", "cigarettes"),  # noqa: E501
    (r"\b(?P<w>fagged) (?=out\b)", "worn"),
    # bitch: a female dog. "This bitch has / had / is ..." is mostly the insult, so the words
    # after it must be about a litter, whelping, a season or spaying.
    (r"\b(?:our|my|his|her|their|the|a|your|that|this) (?P<w>bitch) (?=(?:(?:has |had )?(?:just |recently |finally )?(?:had|has|gave birth to|delivered|is expecting|is carrying|produced|raised)(?: a| her| the| another| (?:two|three|four|five|six|seven|eight|nine|ten|\d+))?(?: healthy| new| first| second)? (?:litters?|pups|puppies|whelps)|whelped|(?:is|was|has been) (?:in (?:season|heat|whelp|pup)|spayed|mated|whelping)|and (?:her|the) (?:puppies|pups|litter))\b)", "dog"),  # noqa: E501
    (r"\b(?:breeding|brood|pedigree|champion|greyhound|labrador|spaniel|terrier|collie|retriever|whippet|beagle|husky|poodle|sheepdog|hound|lurcher|setter|pointer|mastiff|dachshund|boxer|maiden|in-whelp) (?P<w>bitch(?:es)?)\b", "dog"),  # noqa: E501
    (r"\b(?:dogs?|puppy|pups?|puppies|litters?|stud) (?:and|or|&) (?P<w>bitch(?:es)?)\b", "dog"),
    (r"\b(?P<w>bitch(?:es)?) (?:and|or|&) (?=(?:dogs?|puppy|pups?|puppies|litters?|studs?)\b)", "dog"),  # noqa: E501
    # tranny: a car's transmission; a transistor radio
    (r"\b(?P<w>trann(?:y|ies)) (?=(?:fluid|rebuild|rebuilt|shop|cooler|mount|case|oil|pan|repair|swap|box|gear|gears|line|lines|filter|slipping|slips|slipped|went|blew|died|failed|broke|problems?|issues?|is (?:slipping|shot|gone|toast|broken|leaking))\b)", "transmission"),  # noqa: E501
    (r"\b(?:manual|automatic|auto|rebuilt|new|used|\d-speed|five-speed|six-speed|truck'?s|car'?s|van'?s|jeep'?s) (?P<w>trann(?:y|ies))\b", "transmission"),  # noqa: E501
    (r"\b(?P<w>trann(?:y|ies)) (?=(?:in|on|of) (?:" + _DET + r" )?(?:old )?(?:car|truck|van|jeep|ute|bike|pickup|tractor|wagon|motor|engine|civic|corolla|f-?150)s?\b)", "transmission"),  # noqa: E501
    (r"\b(?P<w>tranny) (?=radio)", "transistor"),
    # queer: odd, strange
    (r"\b(?P<w>queer) (?=(?:feeling|feelings|sensation|sense|look|looks|noise|noises|sound|sounds|smell|taste|thing|things|fish|turn|fellow|old|sort|kind|business|goings|shape|shapes|light|dream|dreams|mood|atmosphere|silence|coincidence|situation|place|tingle|shiver|hush|glint|expression|notion|notions|idea|ideas)\b)", "odd"),  # noqa: E501
    (r"\b(?:felt|feel|feels|feeling|looked|looks|sounded|sounds|smelled|smells|smelt|seemed|seems|tasted|tastes|went all|a bit|rather|most|quite|how|so|all) (?P<w>queer)\b(?! (?:people|folk|folks|men|women|kids|youth|teens?|community|couples?|persons?|people's|friends?|artists?|writers?|rights|pride|identity|and)\b)", "odd"),  # noqa: E501
    (r"\bin (?P<w>queer) street\b", "money"),
    # dyke / dike: an embankment
    (r"\b(?:van|offa'?s|devil'?s) (?P<w>dykes?)\b", "embankment"),
    (r"\b(?:sea|flood|river|canal|drainage|tidal|earthen|earth|stone|clay|polder|dutch|fen|storm) (?P<w>dykes?)\b", "embankment"),  # noqa: E501
    (r"\b(?P<w>dykes?) (?=(?:and|or|&) (?:dams?|levees?|ditches|canals?|polders?|embankments?|sluices?|dikes?|drains?|ditch)\b)", "embankment"),  # noqa: E501
    (r"\b(?:dams?|levees?|ditches|ditch|canals?|polders?|embankments?|sluices?|drains?) (?:and|or|&) (?P<w>dykes?)\b", "embankment"),  # noqa: E501
    (r"\b(?:breach(?:ed|es)?|burst|built|build|reinforced?|strengthened|repaired|shored up|overtopp?(?:ed|ing)?|topped) (?:" + _DET + r" )?(?:old |new |sea |river )?(?P<w>dykes?)\b", "embankment"),  # noqa: E501
    (r"\b(?P<w>dykes?) (?=(?:burst|breached|broke|gave way|failed|held|along the (?:river|coast|canal|shore))\b)", "embankment"),  # noqa: E501
    # coon: a raccoon; the cat breed
    (r"\bmaine (?P<w>coons?)\b", "cat"),
    (r"\b(?P<w>coon) ?(?=(?:hounds?|dogs?|hunting|hunt|hunters?|skin|skins|cap)\b)", "raccoon"),
    (r"\b(?P<w>coon)(?=(?:hounds?|skin|skins)\b)", "raccoon "),
    (r"\b(?P<w>coon'?s age)\b", "long time"),
    (r"\b(?:a|the) (?P<w>coons?) (?=(?:got into|raided|knocked over|in the (?:attic|trash|garbage|bins?|roof|yard|garden|shed))\b)", "raccoon"),  # noqa: E501
    # spic and span
    (r"\b(?P<w>spi(?:c|ck)(?:-| and | & | n' | n )spa[nm])\b", "spotless"),
    # niggardly: stingy; niggle: a minor worry
    (r"\b(?P<w>niggard(?:ly|liness|s)?)\b", "stingy"),
    (r"\b(?P<w>niggl(?:e|es|ed|ing))\b", "nag"),
    (r"\b(?P<w>niggly) (?=(?:little |wee )?(?:injur(?:y|ies)|problems?|pains?|doubts?|worr(?:y|ies)|issues?|details?|knees?|hamstrings?|backs?|groins?|calf|calves|ankles?|things?|feelings?|questions?)\b)", "nagging"),  # noqa: E501
    # negro: Spanish and Portuguese place names; the historic leagues and spirituals
    (r"\b(?:rio|río|cabo|monte|sierra|agua|arroyo|cerro|rancho|pinot|isla|puerto|valle|pico|punta|lago) (?P<w>negro)\b", "nero"),  # noqa: E501
    (r"\b(?P<w>negro) (?=(?:river|rio|league|leagues|spirituals?|national league|american league)\b)", "black"),  # noqa: E501
    # kaffir lime / lily
    (r"\b(?P<w>kaffir) (?=(?:limes?|lilies|lily|corn|plums?|beer|boom|leaves|leaf)\b)", "makrut"),
    # sambo: the martial art
    (r"\b(?P<w>sambo) (?=(?:wrestling|wrestler|wrestlers|fighter|fighters|championships?|match|matches|class|classes|practitioners?|tournaments?|belt|world|coach|club|gym|federation)\b)", "grappling"),  # noqa: E501
    (r"\b(?:combat|sport|practi[cs]e[sd]?|practi[cs]ing|trains?|training in|trained in|learn|learning|learnt|learned|judo and|bjj and|wrestling and) (?P<w>sambo)\b", "grappling"),  # noqa: E501
    # cracker: a biscuit; a great one; crazy
    (r"\b(?:cheese|cream|water|graham|rice|soda|saltine|christmas|animal|prawn|wheat|oat|ritz|crab|bread|flat|table|butter|pita|corn|sesame) (?P<w>crackers?)\b", "biscuit"),  # noqa: E501
    (r"\b(?P<w>crackers?) (?=(?:and|with|&) (?:cheese|dip|butter|jam|pate|pâté|soup|peanut butter|hummus|salsa|milk|cheddar|brie)\b)", "biscuits"),  # noqa: E501
    (r"\b(?P<w>cracker) (?=of (?:a|an) (?:goal|game|match|shot|day|film|book|idea|year|race|finish|save|season|read|night)\b)", "beauty"),  # noqa: E501
    (r"\b(?:gone|go|going|drive me|driving me|drove me|drives me|absolutely|completely|totally|quite) (?P<w>crackers)\b", "mad"),  # noqa: E501
    # spade: the garden tool; plain speaking
    (r"\b(?P<w>call(?:s|ed|ing)? a spade a spade)\b", "speak plainly"),
    (r"\b(?P<w>spades?) (?=(?:and|or|&) (?:forks?|shovels?|rakes?|trowels?|hoes?|buckets?|wheelbarrows?)\b)", "shovel"),  # noqa: E501
    (r"\b(?:garden|border|digging|trenching|snow|sharp|rusty|old|new|wooden|long-handled) (?P<w>spades?)\b", "shovel"),  # noqa: E501
    # other food, plants, animals, places, idioms
    (r"\b(?P<w>redskin) (?=(?:potato(?:es)?|peanuts?)\b)", "red"),
    (r"\b(?P<w>oreos?)(?= (?:cookies?|biscuits?|milkshakes?|cheesecake|ice cream|crumbs?|truffles?)\b)", "chocolate"),  # noqa: E501
    (r"\b(?P<w>nip) (?=of (?:whisky|whiskey|brandy|gin|rum|scotch|vodka|port|sherry|cognac|schnapps)\b)", "sip"),  # noqa: E501
    (r"\b(?P<w>nip (?:it |this |that )?in the bud)\b", "stop early"),
    (r"\b(?P<w>nip and tuck)\b", "neck and neck"),
    (r"\b(?P<w>spastic) (?=(?:colon|bladder|paralysis|diplegia|dysphonia|muscles?|cerebral palsy)\b)", "spasming"),  # noqa: E501
    (r"\b(?P<w>honky[- ]?tonks?)\b", "bar"),
    (r"\b(?P<w>mick) (?=jagger|fleetwood|hucknall|jones|foley|mccarthy|lynch)", "michael"),
    (r"\btaking the (?P<w>mick(?:ey)?)\b", "joke"),
    (r"\b(?P<w>paddy) (?=(?:fields?|rice|farms?|farmers?|terraces?)\b)", "rice"),
    (r"\b(?P<w>gyps(?:y|ies)) (?=(?:moths?|jazz|caterpillars?)\b)", "spongy"),
    (r"\b(?P<w>eskimo) (?=(?:rolls?|kiss|kisses)\b)", "kayak"),
    (r"\b(?P<w>fairy) (?=(?:tales?|lights|cakes?|godmother|dust|rings?|wings?|story|stories|liquid|penguins?)\b)", "magic"),  # noqa: E501
    (r"\btooth (?P<w>fairy)\b", "sprite"),
    (r"\b(?:plant(?:ed|ing)?|grow(?:ing|s)?|pots? of|beds? of|purple|yellow|winter|violas and|trays? of|planted some) (?P<w>pansies)\b", "violets"),  # noqa: E501
    (r"\bwith (?P<w>gay) abandon\b", "wild"),
    (r"\b(?P<w>gay) (?=old time|nineties|paree\b)", "merry"),
    (r"\b(?P<w>crippl(?:e|ed|es|ing)) (?=(?:the |our |their |its |his |her )?(?:economy|debts?|costs?|sanctions|strikes?|network|system|supply|industry|shortages?|inflation|injury|injuries|pain|fear|anxiety|blow|effect|effects|losses|tax(?:es)?|bills?|drought|heat|cold)\b)", "damaging"),  # noqa: E501
    (r"\b(?P<w>crippled) (?=by\b)", "hit"),
    (r"\bho ho ho\b", "ha ha ha"),
    # "I'd kill for a decent bus service": wanting something badly, not a threat
    (r"\b(?:i'?d|i would|we'?d|we would|people would|anyone would) (?:honestly |literally |happily )?(?P<w>kill) for (?:a|an|some|one|decent|proper|good|better|reliable|working|cheaper)\b(?! (?:chance|shot|go|minute|moment) (?:to|at)\b)", "pay"),  # noqa: E501
)  # fmt: skip

# Insulting words aimed at things. "Disparagement of a person" is what the insult category
# means, but "stupid", "idiotic" or "pathetic" were learned from comments where they mostly
# describe people, so "this policy is stupid" or "I hate this stupid weather" read as personal
# attacks and went to the moderators. When the word qualifies a thing a news comment talks
# about (a policy, a plan, a road, an app, the weather), it stands in as plain criticism,
# "bad" (or "worst"); the comment is still scored for everything else. Never changed: the
# same words of people or groups, of "your ..." (aimed at the reader), of ideas bound to an
# identity (religion, culture), or of someone's words ("a stupid comment"), and slurs.
_ADJ = (
    r"stupid|idiotic|dumb|moronic|pathetic|ridiculous|asinine|absurd|ludicrous|insane|"
    r"brainless|hideous|useless|laughable|imbecilic|senseless|nonsensical|crazy"
)
# The same of a thing as a noun: "the bus service is a disgrace", "this policy is garbage".
_NOUN_WORDS = r"disgrace|garbage|trash|rubbish"
_NOUN = r"(?:an? )?(?:(?:total|complete|absolute|utter|national|public) )?(?:" + _NOUN_WORDS + r")"
_ADJ_MOST = r"stupidest|dumbest|most (?:stupid|idiotic|moronic|pathetic|ridiculous|absurd|useless)"
_THING = (
    r"weather|rain|snow|wind|heat|heatwave|traffic|roads?|potholes?|bridges?|roundabouts?|"
    r"junctions?|parking|meters?|cameras?|bus|buses|trains?|ferry|ferries|timetables?|apps?|"
    r"websites?|phones?|printers?|computers?|software|updates?|system|systems|designs?|logo|"
    r"plans?|ideas?|decisions?|polic(?:y|ies)|laws?|bills?|rules?|regulations?|budgets?|"
    r"tax|taxes|levy|fees?|fines?|prices?|schemes?|proposals?|projects?|programmes?|"
    r"programs?|strateg(?:y|ies)|reforms?|bans?|changes?|process|games?|match|matches|"
    r"results?|movies?|films?|shows?|songs?|books?|articles?|headlines?|column|survey|polls?|"
    r"situation|mess|queues?|delays?|service|food|coffee|menu|adverts?|"
    r"ads|campaign|slogan|contracts?|deals?|ruling|investigation|inquiry|reports?|study|"
    r"figures|statistics|signs?|lights|buildings?|towers?|stadium|cars?|vans?|lanes?|"
    r"speed bumps?|layout|format|timing|schedule|route|detour|closure|construction|"
    r"roadworks|paint job|colou?r scheme|paywall|comment section|redesign"
)
# A word between the insulting one and the thing: a few neutral modifiers or another
# thing ("stupid new parking rules", "idiotic bus timetable").
_MOD = (
    r"(?:(?:new|old|whole|latest|current|proposed|entire|little|same|so-called|(?:"
    + _THING
    + r")) ){0,2}"
)
# ... unless the thing names the people it is about ("stupid game players").
_NOT_PEOPLE = (
    r"(?! (?:people|players|fans|voters|supporters|drivers|riders|users|owners|makers|"
    r"lovers|designers|writers|officials|staff|workers|managers|ministers?|bosses|boss|"
    r"planners|operators|organi[sz]ers|committee|board|department)\b)"
)
_LINK = r"(?:is|are|was|were|seems|seemed|looks|looked|sounds|sounded|feels|felt|remains)"
_ADV = r"(?:(?:so|just|really|truly|completely|totally|absolutely|utterly|plain|pretty|quite|frankly|honestly|simply|downright|beyond|incredibly|unbelievably) )?"  # noqa: E501
_NOT_YOURS = r"(?<!\byour )(?<!\byou )(?<!\byoure )(?<!\byou're )"

# Where the subject starts: at the start of the text or of a clause, after an optional
# opener ("honestly", "I think") and determiner, then up to two more words. So "the plan is
# dumb" and "I think the council's plan is crazy" match, and "the people running the system
# are useless" does not (its subject is the people).
_OPENER = r"(?:but|and|so|honestly|frankly|sadly|clearly|yes|no|well|i think|i reckon|imo)"
_CLAUSE = (
    r"(?:^|(?<=[.!?;:,(\"]))\s*(?:" + _OPENER + r",? )?"
    r"(?:(?:the|this|that|these|those|my|our|his|her|their|its|a|an) )?"
    r"(?:(?!your\b|you\b|you're\b|youre\b)[\w-]+(?:'s)? ){0,2}"
)

THING_SENSES: tuple[tuple[str, str], ...] = (
    # "this stupid weather", "what a dumb way to design a roundabout" is left: "way" is not a thing
    (_NOT_YOURS + r"\b(?P<w>" + _ADJ + r")(?= " + _MOD + r"(?:" + _THING + r")\b" + _NOT_PEOPLE + ")", "bad"),  # noqa: E501
    (_NOT_YOURS + r"\b(?P<w>" + _ADJ_MOST + r")(?= " + _MOD + r"(?:" + _THING + r")\b" + _NOT_PEOPLE + ")", "worst"),  # noqa: E501
    # "the ferry app is idiotic", "these rules are so stupid": the thing opens the clause
    # (after a determiner, or at its start), so "teachers in the system are useless" is left
    (_CLAUSE + r"(?:" + _THING + r") " + _LINK + r" " + _ADV + r"(?P<w>" + _ADJ + r")\b", "bad"),
    (_CLAUSE + r"(?:" + _THING + r") " + _LINK + r" " + _ADV + r"(?P<w>" + _NOUN + r")\b", "bad"),
)  # fmt: skip

_COMPILED = tuple((re.compile(p), stand_in) for p, stand_in in SAFE_SENSES)
_THING_COMPILED = tuple((re.compile(p), stand_in) for p, stand_in in THING_SENSES)
_THING_STARTING, _THING_ENDING = _THING_COMPILED[:2], _THING_COMPILED[2:]
# Where the insulting word is: the patterns are only tried there (the first two start at
# it; the others end at it, their clause at most _REACH characters before), so a long comment
# costs no more than a short one with the same words.
_THING_TRIGGER = re.compile(r"\b(?:" + _ADJ + r"|" + _ADJ_MOST + r"|" + _NOUN_WORDS + r")\b")
_REACH = 120
# Substrings one of which every insulting word above contains: most comments have none, and
# a few substring tests are much cheaper than the trigger's alternation.
_THING_STEMS = (
    "stupid", "idiot", "dumb", "moron", "pathetic", "ridiculous", "asinine", "absurd",
    "ludicrous", "insane", "brainless", "hideous", "useless", "laughable", "imbecil",
    "senseless", "nonsensical", "crazy", "disgrace", "garbage", "trash", "rubbish",
)  # fmt: skip
_TRIGGER = re.compile(
    r"chink|homo|retard|faggot|fag|bitch|trann|queer|dyke|coon|spi[ck]|nigg|negro|kaffir|sambo"
    r"|cracker|spade|redskin|oreo|nip|spastic|honky|mick|paddy|gyps|eskimo|fairy|pans|gay"
    r"|crippl|ho ho|kill",
)


_TRIGGER_WORDS = tuple(_TRIGGER.pattern.split("|"))


def _gates(pattern: str) -> tuple[str, ...]:
    """The trigger words a pattern's source spells out: a comment without any of them
    cannot match it (a pattern naming none is always tried)."""
    return tuple(t for t in _TRIGGER_WORDS if re.search(t, pattern))


# (compiled pattern, stand-in, trigger words it needs): only patterns whose trigger word
# occurs in the comment are run (there are about sixty of them).
_GATED = tuple(
    (rx, stand_in, _gates(pattern))
    for (pattern, _), (rx, stand_in) in zip(SAFE_SENSES, _COMPILED, strict=True)
)
_PLAIN_TRIGGERS = {t for t in _TRIGGER_WORDS if re.escape(t) == t}


def _present(lowered: str) -> set[str]:
    return {
        t
        for t in _TRIGGER_WORDS
        if (t in lowered if t in _PLAIN_TRIGGERS else re.search(t, lowered))
    }


def find(lowered: str) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, stand_in)`` in ``lowered`` (lower-case text), in order."""
    found: list[tuple[int, int, str]] = []
    off = _OFF.get()
    if "slurs" not in off and _TRIGGER.search(lowered):
        present = _present(lowered)
        for rx, stand_in, gates in _GATED:
            if gates and present.isdisjoint(gates):
                continue
            _collect(rx, stand_in, lowered, found)
    if "things" not in off and any(stem in lowered for stem in _THING_STEMS):
        for t in _THING_TRIGGER.finditer(lowered):
            for rx, stand_in in _THING_STARTING:
                if m := rx.match(lowered, t.start()):
                    _add(m.span("w"), stand_in, found)
            for rx, stand_in in _THING_ENDING:
                for m in rx.finditer(lowered, max(0, t.start() - _REACH), t.end()):
                    _add(m.span("w"), stand_in, found)
    return sorted(found)


# Which kinds of stand-in are off in this thread or task ("slurs", "things").
_OFF: ContextVar[frozenset[str]] = ContextVar("senses_off", default=frozenset())


@contextmanager
def _off(*kinds: str) -> Iterator[None]:
    token = _OFF.set(_OFF.get() | frozenset(kinds))
    try:
        yield
    finally:
        _OFF.reset(token)


def without_innocent_senses() -> contextlib.AbstractContextManager[None]:
    """Within this block (this thread or task only), no stand-in is used: normalisation's
    step 6 leaves every word as written. The fast tier is trained so (``train.train_fast``:
    it learns from the training sets as written)."""
    return _off("slurs", "things")


def without_thing_senses() -> contextlib.AbstractContextManager[None]:
    """Within this block (this thread or task only), insulting words aimed at things are
    left as written. ``train-semantic`` fits the stacker so: the shipped heads were fitted
    before these stand-ins existed, and ``soundoff train`` rebuilds them."""
    return _off("things")


def _collect(rx: re.Pattern, stand_in: str, lowered: str, found: list) -> None:
    for m in rx.finditer(lowered):
        _add(m.span("w") if "w" in rx.groupindex else m.span(), stand_in, found)


def _add(span: tuple[int, int], stand_in: str, found: list) -> None:
    start, end = span
    if start < end and all(end <= s or start >= e for s, e, _ in found):
        found.append((start, end, stand_in))


def rewrite(text: str) -> str:
    """``text`` with each innocent sense replaced by its stand-in (for the semantic tier)."""
    lowered = text.lower()
    if len(lowered) != len(text):  # rare letters whose lower case is longer: leave as is
        return text
    out, last = [], 0
    for start, end, stand_in in find(lowered):
        out += [text[last:start], stand_in]
        last = end
    return "".join(out) + text[last:] if out else text
