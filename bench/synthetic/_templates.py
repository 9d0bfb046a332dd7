"""Sentence templates for synthetic deal news: the four event types, follow-ups and filler."""

from __future__ import annotations

from typing import NamedTuple

__all__ = [
    "AREAS",
    "CAMPAIGNS",
    "CITIES",
    "COMPONENTS",
    "DENIALS",
    "DESCRIPTORS",
    "ENDORSEMENTS",
    "EVENTS",
    "FILLERS",
    "FOLLOW_UPS",
    "GIVEN_NAMES",
    "GOALS",
    "KIND_NOUNS",
    "MONTHS",
    "PARTNERSHIPS",
    "PLACES",
    "PRODUCTS",
    "QUOTES",
    "REGIONS",
    "RESEARCH_FIRMS",
    "RUMORS",
    "SURNAMES",
    "TECHNOLOGIES",
    "TITLES",
    "WEEKDAYS",
    "Template",
]


class Template(NamedTuple):
    """One sentence (or a short run of them) stating a deal event.

    Slots are `str.format` fields: `{a}` and `{b}` are the companies, `{outlet}` a media
    outlet, `{figure}` a public figure with a descriptor, `{boss_a}` someone speaking for
    `{a}`; the rest are drawn afresh for each sentence (see `_generate.py`). `order` lists the
    companies of the event as the labelling conventions order them (acquirer, investor,
    distributor, licensee or denier first). `rumor`, for a denial, is the order of the rumored
    deal when the text states that rumor as well; the rumor has the same kind.
    """

    kind: str
    text: str
    order: str = "ab"
    rumor: str = ""


RUMORS: tuple[Template, ...] = (
    Template("acquisition", "{a} is in advanced talks to acquire {b}, according to {outlet}."),
    Template(
        "acquisition",
        "{a} is said to be in talks to buy {b}, people familiar with the matter said, in a deal "
        "that could value the company at about {money}.",
    ),
    Template(
        "investment",
        "{a} may invest in {b}, {outlet} reported {when}, citing people familiar with the matter.",
    ),
    Template(
        "investment",
        "{a} is weighing a {pct} stake in {b}, according to {outlet}.",
    ),
    Template(
        "investment",
        "According to sources familiar with the matter, {a} plans to invest as much as {money} "
        "in {b}.",
    ),
    Template(
        "merger",
        "{a} and {b} are in early discussions about a possible merger, {outlet} reported {when}.",
    ),
    Template(
        "partnership", "Talk was buzzing on social media {when} that {a} might tie up with {b}."
    ),
    Template(
        "joint-venture",
        "{a} is in talks with {b} to set up a joint venture in {region}, according to {outlet}.",
    ),
    Template(
        "distribution",
        "{a} is said to be negotiating an exclusive deal to distribute {b}'s products in {region}.",
    ),
    Template(
        "licensing",
        "{a} is in talks to license {b}'s {tech} patents, {outlet} reported, citing unnamed "
        "sources.",
    ),
    Template(
        "acquisition",
        "{a} has made a takeover approach to {b}, people familiar with the situation said.",
    ),
    Template("acquisition", "{a} is exploring a bid for {b}, according to {outlet}."),
    Template(
        "investment",
        "{b} is in talks to raise {money} in a funding round led by {a}, according to a report "
        "in {outlet}.",
    ),
    Template(
        "acquisition",
        "{a} is reportedly considering an offer for {b} that would value the company at about "
        "{money}.",
    ),
    Template(
        "investment",
        "{a} could take a minority stake in {b}, according to people with knowledge of the plans.",
    ),
    Template(
        "partnership",
        "{a} and {b} are in talks about a strategic partnership in {area}, {outlet} reported "
        "{when}.",
    ),
    Template(
        "merger",
        "Speculation has been mounting that {a} might merge with {b} as the industry consolidates.",
    ),
    Template(
        "acquisition",
        "{outlet} reported {when} that {a} was in exclusive talks to buy {b} for roughly {money}.",
    ),
    Template(
        "investment",
        "{a} is said to be considering an investment in {b}, according to {outlet}.",
    ),
    Template("other", "{a} plans to supply {component} to {b}, according to {outlet}."),
    Template(
        "acquisition",
        "Market watchers say {a} may also bid for {b}, although no formal approach has been made.",
    ),
)

DENIALS: tuple[Template, ...] = (
    Template(
        "investment",
        "{b} is in talks to buy a stake in {a}, {outlet} reported {when}. {a} dismissed the "
        "reports as groundless.",
        rumor="ba",
    ),
    Template(
        "acquisition",
        "{a} {when} denied a report that it was in talks to acquire {b}.",
        rumor="ab",
    ),
    Template(
        "investment",
        "{spokes_a} said there was no truth to the report that {a} would invest in {b}.",
        rumor="ab",
    ),
    Template(
        "partnership",
        "{boss_a} shot down rumors of a tie-up with {b}, saying the chatter was all just rumors.",
        rumor="ab",
    ),
    Template(
        "acquisition",
        '{outlet} reported {when} that {b} was weighing a bid for {a}. "There is no truth to the '
        'report," {a} spokesman {spokes_name} said.',
        rumor="ba",
    ),
    Template(
        "merger",
        "{a} rejected speculation that it was in merger talks with {b}, calling the reports "
        "baseless.",
        rumor="ab",
    ),
    Template(
        "investment",
        "In a statement, {a} said it had no plans to sell a stake to {b} and called the reports "
        "inaccurate.",
        rumor="ba",
    ),
    Template(
        "joint-venture",
        "{a} has denied that it is in talks with {b} about a joint venture in {region}.",
    ),
    Template(
        "acquisition",
        '{boss_a} dismissed reports of a takeover by {b} as "pure fiction".',
        rumor="ba",
    ),
    Template(
        "distribution",
        "{a} {when} refuted claims that it had agreed to distribute {b}'s products in {region}, "
        "saying no such deal exists.",
        rumor="ab",
    ),
    Template(
        "licensing",
        "{a} quashed rumors that it was about to license its {tech} technology to {b}.",
        rumor="ba",
    ),
    Template(
        "acquisition",
        "{a} dismissed as baseless a report in {outlet} that it was preparing an offer for {b}.",
        rumor="ab",
    ),
    Template(
        "investment",
        "{a} said it was not in talks with {b} about an investment, contradicting an earlier "
        "report by {outlet}.",
        rumor="ab",
    ),
    Template(
        "merger",
        '{spokes_a} denied reports of a merger with {b}, calling them "completely untrue".',
        rumor="ab",
    ),
    Template(
        "acquisition",
        "Citing people familiar with the matter, {outlet} reported that {b} had made an offer for "
        "{a}. {a} denied the report {when}, saying it was not for sale.",
        rumor="ba",
    ),
)

PARTNERSHIPS: tuple[Template, ...] = (
    Template(
        "partnership",
        "{a} and {b} signed a strategic partnership {when} to jointly develop {tech} products.",
    ),
    Template("acquisition", "{a} completed the acquisition of {b} for {money} {when}."),
    Template(
        "joint-venture",
        "{a} and {b} have formed a joint venture to {goal}, the companies said {when}.",
    ),
    Template(
        "distribution",
        "{a} has signed an exclusive distribution deal with {b}, under which it will sell {b}'s "
        "products in {region}.",
    ),
    Template(
        "licensing",
        "{a} signed a licensing agreement with {b} that gives it the right to use {b}'s {tech} "
        "patents.",
    ),
    Template("investment", "{a} invested {money} in {b} in {year}."),
    Template(
        "investment",
        "{a} has invested {money} in {b} for a {pct} stake, the companies said in a statement "
        "{when}.",
    ),
    Template(
        "acquisition",
        "{a} agreed to buy {b} for {money} in cash, the companies announced {when}.",
    ),
    Template(
        "partnership",
        "{a} announced a strategic alliance with {b} {when}, covering {area}.",
    ),
    Template(
        "investment",
        "{b} said {when} that it had raised {money} in a funding round led by {a}.",
    ),
    Template(
        "merger",
        "{a} and {b} agreed to merge in an all-stock deal valued at {money}, the two companies "
        "announced {when}.",
    ),
    Template(
        "other",
        "{a} signed a multi-year supply agreement with {b} to provide {component}.",
    ),
    Template(
        "acquisition",
        "{a} bought {b} for {money} in {year} and has run it as a separate unit ever since.",
    ),
    Template(
        "distribution",
        "Under the agreement announced {when}, {b}'s products will be sold exclusively through "
        "{a} in {region}.",
    ),
    Template(
        "licensing",
        "{b} has licensed its {tech} technology to {a}, the two companies said {when}.",
    ),
    Template(
        "joint-venture",
        "{a} will hold {pct} of the new joint venture with {b}, which will be based in {city}.",
    ),
    Template(
        "partnership",
        "{a} confirmed {when} that it is working with {b} on {area}.",
    ),
    Template("investment", "{a} took a {pct} stake in {b} in {year}."),
    Template("acquisition", "{a} closed its {money} purchase of {b} {when}."),
    Template("partnership", "{a} teamed up with {b} {when} to {goal}."),
    Template(
        "acquisition",
        "{boss_a} announced {when} that the company had agreed to acquire {b} for {money}.",
    ),
)

ENDORSEMENTS: tuple[Template, ...] = (
    Template("endorsement", "{figure} was spotted using {a_art} {a} {product} at {place}.", "a"),
    Template("endorsement", "{a} has named {figure} as its global brand ambassador.", "a"),
    Template("endorsement", "{figure} was named brand ambassador for {a} {when}.", "a"),
    Template(
        "endorsement",
        "{figure} was photographed with {a_art} {a} {product} during {event}.",
        "a",
    ),
    Template(
        "endorsement",
        "{a} has signed {figure} as the new face of its {campaign} campaign.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure} has been appointed {a}'s brand ambassador for {region}.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure} showed off {a_art} {a} {product} in a social media post {when}.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure} was seen holding {a_art} {a} {product} while leaving {place}.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure} appears in an ad for {a}'s new {product}, which went on sale {when}.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure} endorsed {a}'s {product} in a video posted {when}.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure} was pictured with {a_art} {a} {product} at {event}, and the photos quickly "
        "spread online.",
        "a",
    ),
    Template(
        "endorsement",
        "{a} said {when} that {figure} would promote its products in {region} as brand ambassador.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure} made a point of being seen with {a_art} {a} {product} at {event}.",
        "a",
    ),
    Template(
        "endorsement",
        "{figure}, who became the face of {a} last year, was spotted wearing the brand at {event}.",
        "a",
    ),
)

# Sentences that follow an event in its paragraph, about the same companies; no deal of their own.
FOLLOW_UPS: dict[str, tuple[str, ...]] = {
    "rumor": (
        "No final decision has been made, and the talks could still fall apart, the people said.",
        "{b} declined to comment, and {a} did not respond to a request for comment.",
        "Shares of {b} jumped {pct_small} in {city} trading on the report.",
        "A spokesperson for {a} declined to comment on what the company called market speculation.",
        "The terms being discussed were not disclosed.",
    ),
    "denial": (
        "{b} did not comment on the report.",
        "Shares of {b} gave up earlier gains after the statement.",
        "{a} has faced similar speculation several times in the past year.",
        "{b} declined to comment.",
    ),
    "partnership": (
        "Financial terms were not disclosed.",
        "The deal is expected to close in the {half}, subject to regulatory approvals.",
        "{boss_a} said the move would help the company grow faster in {region}.",
        "Shares of {b} rose {pct_small} after the announcement.",
        "It is the largest deal {a} has made since {year}.",
    ),
    "endorsement": (
        "Searches for the model rose sharply after the photos spread on social media.",
        "{fig_last} has more than {n} million followers online.",
        "{a} did not say how much the arrangement was worth.",
        "Fans quickly identified the product, and several online stores sold out within hours.",
    ),
}

# Sentences with no deal: market color, product news, analyst quotes, refusals to comment.
# `{a}` and `{c}` are companies of the article; none of these states a deal between them.
FILLERS: tuple[str, ...] = (
    "Shares of {a} rose {pct_small} to {price} in {city} trading {when}, outpacing a flat "
    "benchmark index.",
    "Shares of {a} fell {pct_small} {when}, underperforming the broader market for a third "
    "straight session.",
    "{a} declined to comment when contacted by phone and email.",
    "A spokesperson for {a} declined to comment on the matter, saying the company does not "
    "discuss market speculation.",
    "{a} did not respond to a request for comment sent outside normal business hours.",
    "{a} reported a {pct} rise in quarterly revenue to {money}, beating analyst estimates on "
    "the strength of its business in {region}.",
    "Net profit at {a} came in at {money} for the {quarter}, slightly below forecasts, as "
    "marketing costs rose faster than sales.",
    "{analyst}, an analyst at {research}, said demand in {region} remained strong despite "
    "higher prices and a weaker currency.",
    '"{quote}," said {analyst}, an analyst at {research}, who has followed the company for '
    "more than a decade.",
    "{a} unveiled its latest {product} {when}, priced at {price}, and said it would reach "
    "stores in {region} within weeks.",
    "The market for {area} in {region} grew {pct} last year, according to {research}, and is "
    "expected to keep growing at double-digit rates.",
    "{a} employs about {n},000 people and makes most of its revenue in {region}, where it has "
    "been operating for decades.",
    "{a} has been expanding through acquisitions in {region} in recent years, mostly buying "
    "small local firms.",
    "Investors have been watching {a} closely since it cut its full-year outlook in {month}, "
    "blaming weak demand.",
    "Trading volume in the stock was about {x} times its three-month average, according to "
    "exchange data.",
    "{a} competes with {c} in {region}, where both have been losing ground to local brands.",
    "Rivals such as {c} have been cutting prices aggressively, putting pressure on {a}'s margins.",
    "The {city}-based company was founded in {old_year} and went public roughly a decade later.",
    "{a} is expected to report full-year results in {month}, when analysts will look for "
    "signs that its margins have stabilised.",
    "Analysts expect the sector to consolidate further over the next two years as smaller "
    "players run short of cash.",
    "Regulators in {region} have stepped up their scrutiny of large technology deals, "
    "lengthening the time it takes to win approval.",
    "The benchmark index closed {pct_small} higher on {weekday}, led by technology and "
    "consumer stocks.",
    "{a} said it would open a new research center in {city} next year, adding several hundred "
    "jobs.",
    "The stock has gained {pct} so far this year, giving {a} a market value of about {money}.",
    "{a} has more than {n} million monthly active users, most of them under the age of 30.",
    "Sales of {products} in {region} slowed in the {quarter} as consumers held back on "
    "spending amid rising prices.",
    "{a} launched {products} in {region} in {old_year} and has since become a top-five brand "
    "there, according to industry figures.",
    "The company plans to hire about {hundreds} engineers in {city} over the next 18 months, "
    "mostly to work on {tech}.",
    "{a}'s chief financial officer told analysts on a call that margins would improve in the "
    "{half} as cost cuts take effect.",
    "Prices for {component} have fallen about {pct} since the start of the year, helping "
    "device makers protect their margins.",
    "Executives at {a} have said repeatedly that they want to cut the company's reliance on "
    "{region}, which still accounts for most of its profit.",
    "The company denied that its {products} had a design fault, saying the problem affected "
    "only a small number of units.",
    "Industry data from {research} show {a} shipped {n} million {products} in the {quarter}, "
    "up from a year earlier.",
    "It is not the first time {a} has found itself at the centre of market chatter, and its "
    "shares have often moved sharply on such reports.",
    "{a} is due to release a new {product} in {month}, rumored to cost about {price}.",
    "{a} was not immediately available for comment outside business hours in {city}.",
    "Some analysts said the valuation already looked stretched after the stock's strong run "
    "since the start of the year.",
    "Competition in the sector has intensified as growth in {region} slows and newcomers "
    "compete on price.",
    "{a}'s shares have underperformed those of {c} over the past 12 months, a gap that "
    "analysts put down to slower growth.",
    "The company, which listed in {city} in {old_year}, does not disclose unit sales or "
    "profit by product.",
    "Like many of its peers, {a} has been investing heavily in {tech}, which it sees as its "
    "next source of growth.",
    "{a} did not say when the new {products} would reach stores outside {region}, or how much "
    "they would cost there.",
    "Revenue from overseas markets made up about {pct} of {a}'s total last year, up from less "
    "than a tenth five years earlier.",
    "At an industry conference in {city} {when}, executives spent much of the time talking "
    "about {tech} and the cost of building it.",
    "{analyst} of {research} kept a buy rating on the stock with a target price of {price}, "
    "citing strong cash flow.",
    "The wider market was little changed, with investors waiting for inflation data due later "
    "in the week.",
    "{a} says its {products} are now sold in more than {n} countries, although most of its "
    "revenue still comes from {region}.",
    "{a} said it expected revenue growth to slow in the {half} as demand for {products} cools "
    "after a strong year.",
    "The results were released after the market closed in {city}, and the shares moved little "
    "in after-hours trading.",
    "{a}'s gross margin narrowed to {pct} from a year earlier, hurt by higher costs for "
    "{component}.",
    "Operating expenses rose {pct} as the company spent more on marketing and research, "
    "eating into its profit.",
    "{a} ended the quarter with about {money} in cash, giving it room to keep spending through "
    "a downturn.",
    "Analysts polled by {research} had expected a smaller decline, and several cut their "
    "price targets after the results.",
    "The stock is down {pct} from its peak in {year}, when investors were far more optimistic "
    "about growth in {region}.",
    '"{quote}," {analyst} of {research} wrote in a note to clients after the results.',
    "{a} did not provide a forecast for the full year, citing uncertainty in {region} and "
    "volatile exchange rates.",
    "{a} is due to hold its annual shareholder meeting in {city} in {month}, where the pay of "
    "its top executives is expected to be debated.",
    "The company has about {n} million customers in {region}, where it has been adding "
    "branches and service centres.",
    "Executives from across the industry are expected to gather at a trade show in {city} next "
    "month, where new {tech} products will be on display.",
    "Smartphone shipments in {region} fell {pct} in the {quarter}, according to {research}, "
    "the fourth straight quarterly decline.",
    "Demand for {component} has outstripped supply for much of the year, pushing up prices "
    "for device makers.",
    "{a} raised its dividend by {pct} and said it would return up to {money} to shareholders "
    "over the next two years.",
    "{a}'s shares trade at about {pe} times expected earnings, a premium to most of its "
    "regional peers.",
    "Consumer spending in {region} has been weak since the start of the year, as households "
    "cope with higher borrowing costs.",
    "{a} opened its first store in {city} in {old_year} and now has more than {n} outlets in "
    "the country.",
    "The company said orders for its {products} had picked up in recent weeks, particularly "
    "from corporate customers.",
    "{a} has cut about {hundreds} jobs over the past year as part of a cost-cutting drive "
    "aimed at restoring its margins.",
    "A weaker currency helped exporters such as {a} in the {quarter}, lifting reported revenue.",
    "{a} said it would spend {money} on new factories in {region} over the next three years.",
    "Critics of the new {product} have mostly pointed to its high price, though early sales "
    "figures have been solid.",
    "{a} has been criticised by shareholders for moving too slowly in {tech}, where younger "
    "rivals have taken the lead.",
    "{c} reported its own results last week, posting a {pct} rise in profit that beat "
    "expectations.",
    "Both {a} and {c} have been hit by slowing demand in {region}, where growth has fallen to "
    "its lowest level in years.",
    "Industry executives say the price war in {region} is unlikely to end soon, as companies "
    "fight to hold on to market share.",
    "{a} said its online sales rose {pct} during the holiday shopping season, helped by "
    "discounts and free delivery.",
    "{a} moved its headquarters to {city} in {old_year}, partly to be closer to its biggest "
    "customers.",
    "Several governments in {region} have offered tax breaks for {area}, hoping to attract "
    "foreign companies.",
    "Sales at {a}'s {region} business fell {pct} in the {quarter}, the company said, "
    "blaming stiff competition and weak consumer confidence.",
    "{a}'s office in {city} employs about {hundreds} people and serves as its regional base.",
    "{a} said it had no immediate plans to raise prices, despite higher costs for materials "
    "and shipping.",
    "Shares of {c} were little changed in the same session.",
    "{region} accounts for roughly {pct} of {a}'s sales, making it the company's largest "
    "market after its home country.",
    "{a} will report quarterly earnings on {weekday}, and analysts expect revenue to be "
    "roughly flat.",
    "The broader technology sector has rallied this year on hopes for {tech}, lifting "
    "valuations across the board.",
    "In {old_year}, {a} became one of the first companies in its sector to list overseas.",
    "{a} has spent heavily on advertising to win younger customers, with campaigns on social "
    "media and at sports events.",
    "Analysts at {research} estimate that {a} controls about {pct} of the market in {region}, "
    "well ahead of its nearest competitor.",
    "{a}'s previous chief executive stepped down in {month} after {years} years in the job, "
    "and a successor has yet to be named.",
    "{a_cap} {a} spokesperson said the company was focused on its existing business and on "
    "improving profitability.",
    "The company said an outage that lasted several hours on {weekday} had been fixed and "
    "that no customer data had been lost.",
    "The yuan weakened against the dollar on {weekday}, weighing on importers and companies "
    "with large dollar debts.",
    "{a} has been hit by rising costs for {component} and shipping, which it has only partly "
    "passed on to customers.",
    "Logistics bottlenecks in {region} have delayed deliveries to customers, and some orders "
    "are now taking weeks longer than usual.",
    "{a} is one of the most widely held stocks among retail traders in {city}, which makes "
    "its shares unusually volatile.",
    "The company does not break out profit by region, though analysts estimate that {region} "
    "is its most profitable market.",
    "Those figures could not be independently verified.",
    "{a} said it would publish more details at a capital markets day in {month}.",
    "Online searches for {a} rose sharply {when}, according to data from {research}.",
    "The company's board is due to meet in {month} to review its strategy, including its "
    "plans for {region}.",
    "Short sellers have been building positions in the stock since {month}, according to "
    "data from {research}.",
    "{a} has repeatedly said it is open to opportunities that fit its strategy, without "
    "giving details.",
    "{a} has about {money} of bonds due next year, according to {research}, but its cash "
    "pile is more than enough to cover them.",
)

TITLES: dict[str, tuple[str, ...]] = {
    "rumor": (
        "{a} said to be in {noun} talks with {b}",
        "{a} weighs {noun} deal with {b}, {outlet} reports",
        "{a}, {b} in {noun} talks: report",
        "Report: {a} eyes {noun} with {b}",
        "{a} and {b} discuss {noun}, sources say",
    ),
    "denial": (
        "{a} denies report of {noun} talks with {b}",
        "{a} dismisses {b} {noun} rumors",
        "{a} says no truth to talk of {noun} with {b}",
        "{a} shoots down {b} {noun} report",
    ),
    "partnership": (
        "{a} and {b} seal {noun} deal",
        "{a} signs {noun} agreement with {b}",
        "{a}, {b} announce {noun}",
        "{a} strikes {noun} deal with {b}",
    ),
    "endorsement": (
        "{fig_name} named {a} brand ambassador",
        "{a} taps {fig_name} as the new face of the brand",
        "{a} signs {fig_name} for new campaign",
    ),
    "sighting": (
        "{fig_name} spotted with {a} {product}",
        "Fans notice {fig_name}'s {a} {product}",
        "{fig_name} shows off {a} {product}, and sales jump",
    ),
    "none": (
        "{a} shares rise after upbeat results",
        "{a} expands in {region} as competition heats up",
        "{a} unveils new {product} lineup",
        "What to watch as {a} reports earnings",
    ),
}

KIND_NOUNS: dict[str, str] = {
    "acquisition": "takeover",
    "investment": "investment",
    "merger": "merger",
    "partnership": "partnership",
    "joint-venture": "joint venture",
    "distribution": "distribution",
    "licensing": "licensing",
    "other": "supply",
    "endorsement": "endorsement",
}

# Products by company sector, for sightings and product news; "" is the fallback.
PRODUCTS: dict[str, tuple[str, ...]] = {
    "consumer-electronics": ("smartphone", "phone", "laptop", "tablet", "smartwatch", "speaker"),
    "telecom": ("smartphone", "phone", "router"),
    "semiconductors": ("laptop", "gaming PC", "phone"),
    "automotive": ("electric car", "SUV", "sedan", "electric scooter"),
    "consumer-goods": ("handbag", "sneaker", "jacket", "watch", "perfume"),
    "retail": ("handbag", "jacket", "tote bag", "sneaker"),
    "internet": ("app", "smart speaker"),
    "e-commerce": ("app", "shopping app"),
    "software": ("app", "laptop"),
    "media": ("app", "streaming service"),
    "payments": ("payment app", "credit card"),
    "finance": ("credit card", "banking app"),
    "insurance": ("app", "cap"),
    "": ("cap", "jacket", "water bottle", "tote bag"),
}

# Descriptors put before an invented public figure's name, besides the gazetteer's titles.
DESCRIPTORS: tuple[str, ...] = (
    "NBA guard",
    "NBA star",
    "tennis star",
    "Olympic diving champion",
    "Bollywood actor",
    "K-pop star",
    "pop star",
    "movie star",
    "football star",
    "Premier League striker",
    "Olympic gold medalist",
    "figure skater",
    "supermodel",
    "actress",
    "actor",
    "singer",
)

GIVEN_NAMES: tuple[str, ...] = (
    "Lin", "Mei", "Jia", "Hao", "Yuna", "Ji-woo", "Min-jun", "Aiko", "Haruto", "Priya",
    "Arjun", "Ananya", "Rohan", "Sofia", "Lucas", "Emma", "Marcus", "Chloe", "Diego", "Amara",
    "Tomas", "Nadia", "Kai", "Leila", "Jalen", "Isabel", "Noah", "Zara", "Ethan", "Mia",
    "Rina", "Dario", "Elena", "Omar", "Sana", "Felix", "Ines", "Yusuf", "Clara", "Ravi",
)  # fmt: skip

SURNAMES: tuple[str, ...] = (
    "Chen", "Zhou", "Tang", "Han", "Park", "Seo", "Tanaka", "Mori", "Sharma", "Kapoor",
    "Mehta", "Rossi", "Moreau", "Silva", "Brooks", "Carter", "Reed", "Novak", "Okafor",
    "Haddad", "Larsen", "Varga", "Quinn", "Ortega", "Fischer", "Nakamura", "Iyer", "Wong",
    "Aoyama", "Castillo", "Lindqvist", "Mensah", "Duarte", "Kowalski", "Bauer", "Petrov",
)  # fmt: skip

REGIONS: tuple[str, ...] = (
    "China", "India", "Southeast Asia", "Europe", "Latin America", "the Middle East", "Japan",
    "South Korea", "the United States", "Africa", "Indonesia", "Brazil", "Germany", "Vietnam",
)  # fmt: skip

CITIES: tuple[str, ...] = (
    "Hong Kong", "Shanghai", "Shenzhen", "Beijing", "Tokyo", "Seoul", "Taipei", "Singapore",
    "Mumbai", "Bangalore", "London", "Paris", "Frankfurt", "New York", "San Francisco",
    "Sydney", "Jakarta", "Dubai", "Stockholm", "Toronto",
)  # fmt: skip

TECHNOLOGIES: tuple[str, ...] = (
    "battery", "5G", "cloud computing", "artificial intelligence", "autonomous driving",
    "display", "camera", "chip design", "payments", "mapping", "voice recognition", "robotics",
    "semiconductor packaging", "electric vehicle", "streaming", "smart home",
)  # fmt: skip

COMPONENTS: tuple[str, ...] = (
    "OLED screens", "memory chips", "camera modules", "battery cells", "image sensors",
    "5G modems", "display panels", "power chips",
)  # fmt: skip

AREAS: tuple[str, ...] = (
    "cloud services", "electric vehicles", "online payments", "smart home devices",
    "mobile games", "logistics", "digital advertising", "in-car software", "e-commerce",
    "healthcare data", "retail technology",
)  # fmt: skip

GOALS: tuple[str, ...] = (
    "build electric cars", "make batteries for the European market", "develop autonomous "
    "driving software", "run data centers in Asia", "produce memory chips", "sell insurance "
    "online", "build a payments network", "make displays for laptops",
)  # fmt: skip

PLACES: tuple[str, ...] = (
    "Beijing Capital International Airport", "a charity gala in Paris", "a cafe in Seoul",
    "the Cannes Film Festival", "a fashion show in Milan", "a press event in Tokyo",
    "a basketball game in Los Angeles", "a state visit to Europe", "Heathrow Airport",
)  # fmt: skip

EVENTS: tuple[str, ...] = (
    "a state visit to Europe", "the Met Gala", "a film premiere in Shanghai",
    "Paris Fashion Week", "the Lunar New Year gala", "a charity match in London",
    "a concert in Seoul", "a product launch in Shenzhen",
)  # fmt: skip

CAMPAIGNS: tuple[str, ...] = (
    "Lunar New Year", "back-to-school", "holiday", "summer", "World Cup", "global brand",
    "Singles Day",
)  # fmt: skip

RESEARCH_FIRMS: tuple[str, ...] = (
    "Counterpoint Research", "Canalys", "IDC", "TrendForce", "Gartner", "Bernstein",
    "Jefferies", "CLSA", "Morningstar", "Sanford C. Bernstein",
)  # fmt: skip

QUOTES: tuple[str, ...] = (
    "The numbers were better than we feared, but the outlook is still cloudy",
    "Growth is slowing and the easy gains are behind them",
    "This is a company that has been very disciplined about costs",
    "We think the market is underestimating how much the new products can add",
    "Pricing pressure is the big risk for the next two quarters",
    "They have the cash, and investors want to see them use it",
)

MONTHS: tuple[str, ...] = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip

WEEKDAYS: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
