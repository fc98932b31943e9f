"""Generator for ``blog_spam.jsonl`` -- blog/news comment spam versus real comments.

The spam side follows patterns that comment forms on small blogs and news sites
receive: generic praise carrying a link, SEO keyword author names, crypto and
loan scams, work-from-home offers, pharmacy spam, essay mills, casino and
"follower" sellers. The ham side is ordinary reader comments on news articles;
some cite a source with a legitimate link, some are short, some are angry but
on topic. Every item carries the comment ``author`` as a comment form would
submit it (the benchmark scores the text; the author is there for scorers that
use it). All texts and domains are invented for Soundoff.

Regenerate with ``python -m soundoff.classifier.suites.blog_spam_gen``.
"""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "blog_spam.jsonl"

SPAM_LABELS = {"identity_attack": 0, "threat": 0, "insult": 0, "toxicity": 0, "spam": 1}
HAM_LABELS = {"identity_attack": 0, "threat": 0, "insult": 0, "toxicity": 0, "spam": 0}

# (case_type, author, text)
SPAM: list[tuple[str, str, str]] = [
    # generic praise with a link
    (
        "spam_praise_link",
        "Kelly Brandt",
        "Great post! I have been reading your blog for a while and I really enjoy it. "
        "Check out my site too: https://best-roof-repair-quotes.net",
    ),
    (
        "spam_praise_link",
        "home decor ideas",
        "Wow, this article is very informative. Thanks for sharing such valuable "
        "content. Visit https://homedecor-trendz.shop for more ideas.",
    ),
    (
        "spam_praise_link",
        "Marina",
        "Hi there, I found your website via Google while searching for a related topic, "
        "your site came up, it looks great. I have bookmarked it. https://marina-deals.top",
    ),
    (
        "spam_praise_link",
        "seo services london",
        "Nice blog, keep it up! Really helpful information. "
        "<a href='https://rank1-seo-london.co'>seo services london</a>",
    ),
    (
        "spam_praise_link",
        "Jason",
        "Very nice write-up. I certainly appreciate this website. Continue the good work! "
        "http://jsn-wholesale-jerseys.biz",
    ),
    (
        "spam_praise_link",
        "cheap flights",
        "Thank you for the good writeup. It in fact was a amusement account it. "
        "Look advanced to more added agreeable from you! https://cheapflightz-now.info",
    ),
    (
        "spam_praise_link",
        "Anna Smith",
        "I like the valuable info you provide in your articles. I will bookmark your blog "
        "and check again here regularly. Greetings from [url=https://bestvpn-review.xyz]"
        "best vpn 2026[/url]",
    ),
    (
        "spam_praise_link",
        "plumber near me",
        "Awesome article! This is the type of info that should be shared across the web. "
        "Shame on Google for not positioning this post higher! https://plumber-near-me.pro",
    ),
    (
        "spam_praise_link",
        "Rosalind",
        "Hello! This is my first comment here so I just wanted to give a quick shout out "
        "and say I truly enjoy reading through your posts. https://rosalind-makeup.store",
    ),
    (
        "spam_praise_link",
        "dental implants turkey",
        "Excellent article. Keep posting such kind of information on your page. "
        "Im really impressed by your blog. https://smile-istanbul-clinic.health",
    ),
    (
        "spam_praise_link",
        "Tom",
        "Thanks for finally writing about this topic, liked it! My page: http://bit.ly/3xT9qQz",
    ),
    (
        "spam_praise_link",
        "furniture outlet",
        "Pretty section of content. I just stumbled upon your weblog and wanted to say "
        "that I have really enjoyed browsing your blog posts. https://sofa-outlet-uk.shop",
    ),
    (
        "spam_praise_link",
        "Derek L.",
        "It's really a nice and helpful piece of information. I am glad that you shared "
        "this useful info with us. Please keep us up to date like this. "
        "https://derek-gutter-cleaning.com",
    ),
    (
        "spam_praise_link",
        "water damage restoration",
        "This design is incredible! You certainly know how to keep a reader entertained. "
        "https://flood-restoration-experts.net/services",
    ),
    (
        "spam_praise_link",
        "Priya",
        "Superb blog! Do you have any tips for aspiring writers? "
        "I'm planning to start my own site soon. https://priya-blogging-tips.online",
    ),
    (
        "spam_praise_link",
        "buy instagram followers",
        "Your article helped me a lot, is there any more related content? Thanks! "
        "https://insta-boost-followers.top",
    ),
    # SEO keyword text
    (
        "spam_seo",
        "best cbd oil uk",
        "best cbd oil uk, cbd oil for anxiety, cbd gummies cheap, buy cbd online uk "
        "https://cbd-wellness-hub.shop",
    ),
    (
        "spam_seo",
        "locksmith manchester 24/7",
        "locksmith manchester, emergency locksmith manchester, 24 hour locksmith near me, "
        "cheap locksmith manchester call now",
    ),
    (
        "spam_seo",
        "Car Accident Lawyer",
        "Injured in a car accident? Top rated car accident lawyer, no win no fee, "
        "free consultation. Best personal injury attorney near you. https://injury-claims-fast.law",
    ),
    (
        "spam_seo",
        "replica watches",
        "replica watches, swiss replica watches, cheap rolex replica, high quality replica "
        "watches for sale https://lux-replicas.cc",
    ),
    (
        "spam_seo",
        "web design agency",
        "Affordable web design agency offering SEO, PPC, social media marketing and "
        "website development. Rank #1 on Google guaranteed! https://webagency-pro.digital",
    ),
    (
        "spam_seo",
        "escort service",
        "Hot local girls waiting for you tonight, discreet escort service in your area, "
        "click here https://date-local-now.xyz",
    ),
    (
        "spam_seo",
        "movers and packers",
        "Best movers and packers in Dubai, cheap movers Dubai, house shifting Dubai, "
        "office relocation. Call +971 55 000 0000",
    ),
    (
        "spam_seo",
        "keto diet pills",
        "Keto diet pills that really work, lose 10kg in 2 weeks, keto burn extreme, "
        "order your free trial now https://keto-slim-trial.shop",
    ),
    (
        "spam_seo",
        "carpet cleaning",
        "Carpet cleaning near me | professional carpet cleaners | same day service | "
        "https://carpet-clean-bros.co.uk",
    ),
    (
        "spam_seo",
        "solar panels cost",
        "solar panels cost, solar panel installation near me, free solar panels grant 2026, "
        "check eligibility https://solar-grant-check.energy",
    ),
    # crypto
    (
        "spam_crypto",
        "Amanda Crypto",
        "I started with $500 and now I earn $4,000 every week with Bitcoin trading thanks "
        "to expert Mrs Laura Hughes. Contact her on WhatsApp +44 7700 900123",
    ),
    (
        "spam_crypto",
        "BTC Recovery",
        "Lost your crypto to a scam? Our recovery experts can get your Bitcoin back in 48 "
        "hours. Email recoverywizard at protonmail dot com",
    ),
    (
        "spam_crypto",
        "Michael",
        "Don't miss the presale of $MOONCAT, the next 100x token! Only 3 days left. "
        "Join now: https://mooncat-presale.io",
    ),
    (
        "spam_crypto",
        "crypto signals",
        "Free crypto signals with 95% accuracy, join our Telegram group t.me/pumpsignalsvip "
        "and start making profit today",
    ),
    (
        "spam_crypto",
        "Elon Giveaway",
        "To celebrate our launch we are giving away 5,000 BTC. Send 0.1 BTC to the address "
        "below and receive 1 BTC back instantly!",
    ),
    (
        "spam_crypto",
        "Sandra",
        "My life changed when I invested with Mr. James Carter, his forex and crypto "
        "strategy pays 30% weekly. God bless him. Write to him on Telegram @jcarterfx",
    ),
    (
        "spam_crypto",
        "airdrop bot",
        "Claim your free USDT airdrop now, connect your wallet at https://claim-usdt-drop.app "
        "before the snapshot ends",
    ),
    (
        "spam_crypto",
        "Greg",
        "Everyone talking about inflation while I'm making passive income with automated "
        "AI trading bots. Ask me how, link in my profile.",
    ),
    (
        "spam_crypto",
        "Nora",
        "Warning to all: don't invest without speaking to a licensed account manager first. "
        "I recommend Mr Dave at davefx-managers dot com, he doubled my savings.",
    ),
    # loans
    (
        "spam_loan",
        "Quick Cash Loans",
        "Need money fast? Get a loan of up to £5,000 today, no credit check, instant "
        "approval, bad credit OK! Apply at https://quickcash-loans-now.co",
    ),
    (
        "spam_loan",
        "Mr. Peter Lewis",
        "Do you need a loan for business or personal use? We offer loans at 2% interest "
        "rate. Contact us via email: peterlewisloanfirm at gmail dot com",
    ),
    (
        "spam_loan",
        "debt relief",
        "Drowning in debt? Our debt consolidation programme can cut your payments in half. "
        "Free quote in 60 seconds https://debtfree-today.money",
    ),
    (
        "spam_loan",
        "payday loans",
        "Payday loans online same day, direct lender, guaranteed approval, no paperwork. "
        "https://payday-express.loans",
    ),
    (
        "spam_loan",
        "Helen W",
        "I was rejected by every bank until I found Mrs Grace Finance, she gave me a loan "
        "of $30,000 in 24 hours. Reach her on WhatsApp +1 555 0100",
    ),
    (
        "spam_loan",
        "credit repair",
        "Fix your credit score fast! Remove late payments and collections, 100% legal. "
        "Call 1-800-555-0199 now.",
    ),
    (
        "spam_loan",
        "Victor",
        "Get a private loan without collateral, any amount from 5,000 to 5,000,000 euros, "
        "reply to this comment with your email.",
    ),
    # work from home
    (
        "spam_wfh",
        "Jessica",
        "I am making $85 an hour working from home. I never thought it was possible but "
        "my best friend earns over $10k a month doing this. Go here: https://wfh-income.work",
    ),
    (
        "spam_wfh",
        "online jobs",
        "Start earning today! Simple copy paste jobs from home, no experience needed, "
        "get paid daily. Register free at https://easy-online-jobs.club",
    ),
    (
        "spam_wfh",
        "Rachel P",
        "Google is paying $200 per hour for work at home. I just got paid $17,000 this "
        "month. Copy this site and start: https://homeprofit-now.site",
    ),
    (
        "spam_wfh",
        "Laura",
        "My neighbour's daughter makes $9,000 a month on her laptop part time. "
        "Check it out, you won't regret it: https://laptop-cash.today",
    ),
    (
        "spam_wfh",
        "survey money",
        "Earn £50 per survey from the comfort of your sofa! Limited spots available, sign up "
        "before midnight https://paid-surveys-uk.fun",
    ),
    (
        "spam_wfh",
        "Kevin",
        "Quit your 9-5! I'm a single dad making six figures online with this simple system. "
        "DM me 'INFO' to find out how.",
    ),
    (
        "spam_wfh",
        "data entry",
        "Hiring now: data entry clerks, work from home, weekly pay $1,500. Send your CV to "
        "hr.remotejobs.intl at gmail dot com",
    ),
    # pharma
    (
        "spam_pharma",
        "cheap viagra",
        "Buy viagra online without prescription, lowest prices, discreet shipping worldwide "
        "https://mens-pharmacy-direct.pw",
    ),
    (
        "spam_pharma",
        "Online Pharmacy",
        "Order tramadol, xanax, oxycodone online overnight delivery, no prescription needed "
        "https://rx-overnight-meds.cc",
    ),
    (
        "spam_pharma",
        "weight loss",
        "Ozempic without prescription, fast worldwide delivery, best price guaranteed! "
        "Order at https://slim-pens-shop.health",
    ),
    (
        "spam_pharma",
        "cialis 20mg",
        "cialis 20mg price, generic cialis online, cialis vs viagra, buy cialis cheap "
        "https://generic-ed-pills.store",
    ),
    (
        "spam_pharma",
        "Dr. Okoro",
        "Dr Okoro's herbal medicine cured my herpes in two weeks. He also cures HIV, "
        "diabetes and cancer. Email him today: drokoroherbal at gmail dot com",
    ),
    (
        "spam_pharma",
        "hair loss cure",
        "Stop hair loss in 7 days with our natural formula, doctors hate this trick! "
        "https://regrow-hair-secret.com",
    ),
    (
        "spam_pharma",
        "Modafinil",
        "Buy modafinil online, 200mg, study better, focus longer. Paypal accepted, "
        "next day delivery https://smart-pills-uk.co",
    ),
    # essay mills
    (
        "spam_essay",
        "essay writing service",
        "Struggling with your assignments? Our professional essay writing service delivers "
        "plagiarism-free papers in 24 hours. https://top-essay-writers.org",
    ),
    (
        "spam_essay",
        "Emily Johnson",
        "Thanks for the article! By the way, students who need help can pay someone to write "
        "my essay at https://write-my-paper-cheap.net, it saved my semester.",
    ),
    (
        "spam_essay",
        "dissertation help",
        "Dissertation help UK, PhD writers, guaranteed first class grades, 20% discount "
        "code WELCOME20 https://dissertation-masters.uk",
    ),
    (
        "spam_essay",
        "Assignment Help",
        "Best assignment help in Australia, nursing, law and MBA assignments done by experts. "
        "WhatsApp +61 400 000 000",
    ),
    (
        "spam_essay",
        "Mark",
        "Great points. For anyone in college, I recommend the homework help site I used, "
        "they even take online exams for you: https://examhelpers.pro",
    ),
    (
        "spam_essay",
        "coursework writer",
        "Cheap coursework writing, any subject, any deadline, money back guarantee. "
        "Order now and get a free title page https://coursework-club.biz",
    ),
    # casino, followers, misc link drops
    (
        "spam_casino",
        "online casino",
        "Best online casino bonus 2026, 300 free spins no deposit, play slots now at "
        "https://spin-win-palace.casino",
    ),
    (
        "spam_casino",
        "Lucky Bet",
        "I won €12,000 last night on this new betting app! Use my code LUCKY100 for a free "
        "bet https://luckybet-app.vip",
    ),
    (
        "spam_casino",
        "sports betting tips",
        "100% fixed matches, sure odds, guaranteed wins every weekend. Contact us on "
        "Telegram @fixedmatchking",
    ),
    (
        "spam_followers",
        "Grow Fast",
        "Get 10,000 real followers and likes for just $9.99! Boost your brand today "
        "https://grow-fast-social.net",
    ),
    (
        "spam_followers",
        "youtube views",
        "Buy YouTube views, subscribers and watch hours, monetise your channel in a week. "
        "https://tube-boost.store",
    ),
    (
        "spam_link_drop",
        "asdfgh",
        "https://xn--best-deals-9za.top https://bargain-hunt-now.shop https://freegift-claim.win",
    ),
    (
        "spam_link_drop",
        "Sergei",
        "see here http://ru-forum-portal.ru/topic/8812",
    ),
    (
        "spam_link_drop",
        "Free iPhone",
        "Congratulations! You have been selected to receive a free iPhone 17. Claim your "
        "prize here before it expires: https://prize-centre-claim.win",
    ),
    (
        "spam_link_drop",
        "Jen",
        "Hot singles in your area want to meet you tonight. No sign-up fee! "
        "https://meet-singles-tonight.date",
    ),
    (
        "spam_link_drop",
        "movie streaming",
        "Watch all new movies free in HD, no sign-up, no ads: https://hd-movies-free.stream",
    ),
    (
        "spam_praise_link",
        "Pet Supplies Online",
        "I couldn't agree more with this article. Our dog loved it too! We sell premium "
        "dog food online at https://pawfect-petfood.shop, free delivery this week.",
    ),
    (
        "spam_praise_link",
        "roofing contractor",
        "Such an interesting read on the council budget. If anyone's roof was damaged in "
        "the storm, we offer free inspections: https://storm-roofing-pros.com",
    ),
    (
        "spam_seo",
        "solicitors near me",
        "Good article. Need a solicitor? Conveyancing, divorce, wills, immigration, "
        "best solicitors near me with fixed fees https://solicitor-finder-uk.law",
    ),
    (
        "spam_crypto",
        "Olivia",
        "This is why I moved my pension into crypto. My adviser Mr Frank Miller turned "
        "£2k into £48k. Message him on Instagram @frankmillertrades",
    ),
    (
        "spam_wfh",
        "Beth",
        "Interesting article about the jobs market. Meanwhile I earn £300 a day from my "
        "kitchen table, details here https://kitchen-table-income.biz",
    ),
    (
        "spam_pharma",
        "CBD Gummies",
        "Sorry to hear about the hospital waiting times. Our CBD gummies relieve pain "
        "naturally, 60% off today only https://calm-leaf-cbd.shop",
    ),
    (
        "spam_loan",
        "Ava",
        "Sad story about the cost of living. If anyone needs a loan urgently, Mrs Kate "
        "Wilson Loan Firm helped me, email katewilsonfirm at outlook dot com",
    ),
    (
        "spam_essay",
        "Jacob",
        "Useful for my media studies essay, thanks. Also students: get 25% off essays at "
        "https://essay-pros-writing.com with code NEWS25",
    ),
    (
        "spam_seo",
        "best vpn",
        "best vpn for streaming, best free vpn, vpn for china, fastest vpn 2026 "
        "https://vpn-compare-top10.net",
    ),
    (
        "spam_casino",
        "Lottery Winner",
        "I won the lottery jackpot thanks to a powerful spell caster, Dr Ade. Contact him "
        "for lottery numbers and love spells: spellhome at yahoo dot com",
    ),
    (
        "spam_followers",
        "Boost Reviews",
        "Need 5-star Google reviews for your business? Buy verified reviews, safe and "
        "permanent, from $3 each https://review-boosters.biz",
    ),
    (
        "spam_praise_link",
        "Lina",
        "Amazing content as always! By the way, I just launched my online shop selling "
        "handmade candles, would love your support https://lina-candles-shop.etsy-store.xyz",
    ),
]

HAM: list[tuple[str, str, str]] = [
    # comments on news articles, some citing sources
    (
        "ham_link",
        "Margaret Hale",
        "The figures in the third paragraph don't match the ONS release. The latest "
        "bulletin is here: https://www.ons.gov.uk/employmentandlabourmarket",
    ),
    (
        "ham_link",
        "David Okafor",
        "For anyone wondering about the legal background, the judgment is published in "
        "full at https://www.judiciary.uk and it's worth reading before commenting.",
    ),
    (
        "ham_link",
        "Sam",
        "The council's planning documents are public, see "
        "https://planning.example-council.gov.uk/application/24-00813 for the full plans.",
    ),
    (
        "ham_link",
        "J. Whitfield",
        "The Met Office warned about this on Tuesday: https://www.metoffice.gov.uk/weather/"
        "warnings-and-advice - shame the roads weren't gritted in time.",
    ),
    (
        "ham_link",
        "Ines",
        "Good piece. The original study the article mentions is open access, here it is: "
        "https://doi.org/10.1371/journal.pone.0000000",
    ),
    (
        "ham_link",
        "Rob Ellis",
        "If you want to object to the incinerator, the consultation closes Friday. Details "
        "on the county site: https://www.example-county.gov.uk/consultations",
    ),
    (
        "ham_link",
        "Chloe",
        "The Wikipedia article on the 1953 flood has some good photos of the same street: "
        "https://en.wikipedia.org/wiki/North_Sea_flood_of_1953",
    ),
    (
        "ham_link",
        "Tariq",
        "Here's the hospital trust's own board paper showing the waiting list numbers: "
        "https://www.example-nhs-trust.nhs.uk/board-papers - page 14.",
    ),
    (
        "ham_link",
        "Pauline",
        "The food bank is asking for tinned fish and toiletries this month, list is on their "
        "page https://www.trussell.org.uk if anyone wants to help.",
    ),
    (
        "ham_link",
        "Owen",
        "Anyone who wants the actual numbers rather than the spin: the club's accounts are on "
        "Companies House, https://find-and-update.company-information.service.gov.uk",
    ),
    (
        "ham_link",
        "Beatriz",
        "This follows the report the BBC ran last spring, https://www.bbc.co.uk/news, "
        "nothing has changed since then by the looks of it.",
    ),
    (
        "ham_link",
        "Graham Nutt",
        "The bus operator's timetable PDF still shows the old route: "
        "https://www.example-buses.co.uk/timetables/route-7.pdf. Somebody should tell them.",
    ),
    (
        "ham_link",
        "Kemi",
        "Useful explainer on how the council tax bands work: "
        "https://www.gov.uk/council-tax-bands. Ours hasn't been revalued since 1991.",
    ),
    (
        "ham_link",
        "Liam",
        "The match highlights are on the club's official site https://www.example-fc.co.uk "
        "and the second goal was clearly offside.",
    ),
    (
        "ham_link",
        "Anja",
        "Source for the river pollution figures: Environment Agency data at "
        "https://environment.data.gov.uk. The readings spike after every storm.",
    ),
    # ordinary comments
    ("ham_comment", "Peter", "Thanks for covering this, the local papers ignored it completely."),
    (
        "ham_comment",
        "Hannah B",
        "My mum lived on that street for forty years. Sad to see the shop closing.",
    ),
    (
        "ham_comment",
        "Alan",
        "Does anyone know whether the library will keep its Saturday hours after the refit?",
    ),
    (
        "ham_comment",
        "Mrs Patel",
        "The crossing outside the primary school has needed a lollipop lady for years. "
        "Glad someone finally listened.",
    ),
    (
        "ham_comment",
        "Steve R",
        "I was at the meeting and the article is accurate. About two hundred people turned up.",
    ),
    (
        "ham_comment",
        "Ruth",
        "Well written, but I think you undersell how much the volunteers did during the floods.",
    ),
    (
        "ham_comment",
        "Jonny",
        "Great result for the under-12s, they've worked hard all season.",
    ),
    (
        "ham_comment",
        "Eleanor",
        "The photo caption is wrong, that's the old town hall, not the corn exchange.",
    ),
    (
        "ham_comment",
        "Musa",
        "Ramadan iftar at the community centre was lovely, thanks for the write-up.",
    ),
    (
        "ham_comment",
        "Keith",
        "Potholes on Mill Lane are worse than ever. Reported them three times now.",
    ),
    (
        "ham_comment",
        "Agnieszka",
        "I moved here from Gdańsk ten years ago and this is still my favourite market.",
    ),
    (
        "ham_comment",
        "Phil",
        "Twenty quid for parking at the hospital is daylight robbery.",
    ),
    (
        "ham_comment",
        "Nadia",
        "Congratulations to the nurses who won the award, well deserved.",
    ),
    (
        "ham_comment",
        "Brian T.",
        "The article says the bypass opens in March but the sign on site says June. Which is it?",
    ),
    (
        "ham_comment",
        "Sophie",
        "RIP Mr Jenkins. He taught me chemistry in 1998 and was the best teacher I ever had.",
    ),
    (
        "ham_comment",
        "George",
        "I'm not convinced by the new cycle lanes, but I'll give them six months before judging.",
    ),
    (
        "ham_comment",
        "Lucy",
        "Interesting interview. I'd love a follow-up on how the scheme is funded.",
    ),
    (
        "ham_comment",
        "Arjun",
        "We went to the Diwali lights switch-on last night, the kids loved the fireworks.",
    ),
    (
        "ham_comment",
        "Frances",
        "Does the new bin collection schedule start this week or next? The leaflet is unclear.",
    ),
    (
        "ham_comment",
        "Ian",
        "Good to see the pier finally repaired. Took long enough.",
    ),
    (
        "ham_comment",
        "Mo",
        "As a taxi driver I can tell you the one-way system has made traffic worse, not better.",
    ),
    (
        "ham_comment",
        "Joan",
        "Lovely story about the bakery. Their sourdough is the best in the county.",
    ),
    (
        "ham_comment",
        "Chris",
        "Can the paper publish how each councillor voted? That would be useful.",
    ),
    (
        "ham_comment",
        "Yusuf",
        "The mosque open day was a great idea. More of this, please.",
    ),
    (
        "ham_comment",
        "Diane",
        "I've emailed my MP about the bus cuts. Suggest others do the same.",
    ),
    (
        "ham_comment",
        "Tom W",
        "Typo in the headline: it's 'principal', not 'principle'.",
    ),
    (
        "ham_comment",
        "Fiona",
        "The flooding on the A38 happens every winter. Why is nobody fixing the drains?",
    ),
    (
        "ham_comment",
        "Raj",
        "Shout out to the paramedics who helped my dad last week. Absolute heroes.",
    ),
    (
        "ham_comment",
        "Carol",
        "I remember when this was all fields. Not sure 400 new houses is what the village needs.",
    ),
    (
        "ham_comment",
        "Daniel",
        "The referee had a poor game but the team didn't create enough chances either.",
    ),
    (
        "ham_comment",
        "Amelia",
        "Will there be a recording of the public meeting for those of us who work evenings?",
    ),
    (
        "ham_comment",
        "Oskar",
        "Fair play to the students who organised the litter pick.",
    ),
    (
        "ham_comment",
        "Bernadette",
        "Thank you for this article. My son has autism and the school support has been poor.",
    ),
    # positive feedback to the author -- looks like spam praise but has no link or offer
    (
        "ham_praise",
        "Gwen",
        "Great article, thanks for taking the time to dig into the contract details.",
    ),
    (
        "ham_praise",
        "Harry",
        "Really well researched piece. This is why I pay for local news.",
    ),
    (
        "ham_praise",
        "Martina",
        "Thank you for writing this. I had no idea the archive was at risk.",
    ),
    (
        "ham_praise",
        "Dev",
        "Brilliant reporting, keep it up. Please follow up when the inquiry reports.",
    ),
    (
        "ham_praise",
        "Ellen",
        "Very informative, I've shared it with my residents' association.",
    ),
    (
        "ham_praise",
        "Colm",
        "Nice to read a balanced article on this for once. Thanks.",
    ),
    (
        "ham_praise",
        "Ayesha",
        "Loved this profile of the volunteers. More stories like this please!",
    ),
    (
        "ham_praise",
        "Victor H",
        "Excellent piece. The graphics made the budget numbers easy to follow.",
    ),
    # on-topic comments that mention money, jobs, loans or medicine (hard negatives)
    (
        "ham_topic_money",
        "Pete",
        "The payday loan shop on the high street closed last year, which tells you something.",
    ),
    (
        "ham_topic_money",
        "Lena",
        "Working from home saved me two hours a day, I hope the council lets staff keep it.",
    ),
    (
        "ham_topic_money",
        "Gareth",
        "Crypto scams are everywhere now. My uncle lost eight thousand pounds to one.",
    ),
    (
        "ham_topic_money",
        "Maya",
        "The pharmacy on Station Road is the only one open late. Losing it would be awful.",
    ),
    (
        "ham_topic_money",
        "Dominic",
        "Students shouldn't be blamed for essay mills, the universities should block them.",
    ),
    (
        "ham_topic_money",
        "Irene",
        "The casino licence decision is wrong. We already have three betting shops in town.",
    ),
    (
        "ham_topic_money",
        "Harun",
        "Interest rates going up again will hit first-time buyers hardest.",
    ),
    (
        "ham_topic_money",
        "Claire",
        "My GP said the weight-loss injections are rationed. The article should mention that.",
    ),
    (
        "ham_topic_money",
        "Martin",
        "The credit union is a far better option than those loan apps, please spread the word.",
    ),
    (
        "ham_topic_money",
        "Zoe",
        "Beware of the fake bitcoin adverts with celebrities, the police say they're all scams.",
    ),
    (
        "ham_topic_money",
        "Andrew",
        "The job centre told me there are 300 vacancies in care work locally. Pay is the issue.",
    ),
    (
        "ham_topic_money",
        "Rebecca",
        "SEO agencies keep cold-calling my small business. Is there any way to stop it?",
    ),
    (
        "ham_topic_money",
        "Ola",
        "Solar panels on the school roof are a great idea, they'll pay for themselves.",
    ),
    (
        "ham_topic_money",
        "Neil",
        "A friend got a text about a free iPhone prize last week. Obvious scam, don't click.",
    ),
    # short comments
    ("ham_short", "Kate", "Well said."),
    ("ham_short", "Adam", "Agree 100%."),
    ("ham_short", "Femi", "What a lovely story."),
    ("ham_short", "Rose", "About time!"),
    ("ham_short", "Hugo", "This is shocking."),
    ("ham_short", "Dan", "Which ward is this in?"),
    ("ham_short", "Sara", "Congratulations to all involved."),
    ("ham_short", "Ben", "Not surprised at all."),
    ("ham_short", "Wendy", "Thanks for the update."),
    ("ham_short", "Jamal", "Source?"),
    # critical but on-topic
    (
        "ham_critical",
        "Norman",
        "This is a one-sided article. You didn't speak to a single resident who supports the plan.",
    ),
    (
        "ham_critical",
        "Sheila",
        "Another closure, another consultation nobody listens to. Depressing.",
    ),
    (
        "ham_critical",
        "Victor",
        "The headline is misleading. The fine was reduced on appeal, not scrapped.",
    ),
    (
        "ham_critical",
        "Imran",
        "I've lived here all my life and the council has never cared about the east side.",
    ),
    (
        "ham_critical",
        "Paula",
        "Why does every story about young people focus on crime? Write about the good stuff too.",
    ),
    (
        "ham_critical",
        "Edward",
        "The club has been badly run for a decade and the fans know it.",
    ),
    (
        "ham_critical",
        "Jess",
        "The new paywall means I can't read half the stories any more. Disappointing.",
    ),
    (
        "ham_critical",
        "Tony",
        "Spending £2m on a new sign while the leisure centre crumbles is absurd.",
    ),
]


def build() -> list[dict]:
    items = []
    for n, (case, author, text) in enumerate(SPAM):
        items.append(
            {
                "id": f"spam-{n:03d}",
                "text": text,
                "author": author,
                "case_type": case,
                "target_group": "none",
                "expected": dict(SPAM_LABELS),
                "flag": 1,
            }
        )
    for n, (case, author, text) in enumerate(HAM):
        items.append(
            {
                "id": f"ham-{n:03d}",
                "text": text,
                "author": author,
                "case_type": case,
                "target_group": "none",
                "expected": dict(HAM_LABELS),
                "flag": 0,
            }
        )
    return items


def write(path: Path = OUT) -> int:
    items = build()
    with path.open("w", encoding="utf-8") as fh:
        for item in items:
            fh.write(json.dumps(item, ensure_ascii=False) + "\n")
    return len(items)


if __name__ == "__main__":
    print(f"wrote {write()} items to {OUT}")
