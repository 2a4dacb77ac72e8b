"""Hand-written sentence banks for the demo corpus (read by build.py; data only).

Every sentence here was written for the framing kit. Real people and events appear only
in factual description; every quotation is attributed to an invented analyst or an
anonymous official, and every outlet, analyst, institute and interviewee is fictional.

Markers at the start of a bank entry (parsed by build.py):

- ``W: `` the sentence speaks in a Western voice (used by US outlets and neutral ones),
- ``E: `` the sentence speaks in a Russian/Chinese state voice (state outlets, neutral ones),
- ``[>YYYY-MM-DD] `` the sentence may only appear in an article dated on or after that day.

``{slot}`` is filled from ``SLOTS`` (topic-specific first, then ``COMMON_SLOTS``).
"""

FRAMES = [
    "conflict",
    "diplomacy",
    "pressure",
    "economic",
    "security",
    "peace",
    "alliance",
    "rivalry",
    "sovereignty",
    "humanitarian",
    "blame",
    "hedging",
    "human_interest",
    "morality",
    "responsibility",
]

# ---------------------------------------------------------------------------------------
# Outlets (all fictional). key -> record; `voice` selects W/E sentences, `tz` is the
# UTC offset used for the dateline ("Z" for the wire; "US" switches EDT/EST on 2 Nov 2025).
OUTLETS = {
    "wire": {
        "name": "Meridian Wire Service",
        "aliases": ["MWS", "Meridian Wire"],
        "type": "wire",
        "country": "CH",
        "lean": "center",
        "domain": "meridianwire.example",
        "voice": "neutral",
        "tz": "Z",
    },
    "cons": {
        "name": "The Liberty Ledger",
        "aliases": ["Liberty Ledger", "LL"],
        "type": "private",
        "country": "US",
        "lean": "right",
        "domain": "libertyledger.example",
        "voice": "W",
        "tz": "US",
    },
    "lib": {
        "name": "The Harbor Courier",
        "aliases": ["Harbor Courier", "THC"],
        "type": "private",
        "country": "US",
        "lean": "left",
        "domain": "harborcourier.example",
        "voice": "W",
        "tz": "US",
    },
    "ru": {
        "name": "Nord Vestnik International",
        "aliases": ["NVI", "Nord Vestnik"],
        "type": "state-affiliated",
        "country": "RU",
        "lean": "pro-government (Russia)",
        "domain": "nordvestnik.example",
        "voice": "E",
        "tz": "+03:00",
    },
    "cn": {
        "name": "Jade Bridge Daily",
        "aliases": ["JBD"],
        "type": "state-affiliated",
        "country": "CN",
        "lean": "pro-government (China)",
        "domain": "jadebridge.example",
        "voice": "E",
        "tz": "+08:00",
    },
    "sea": {
        "name": "The Monsoon Herald",
        "aliases": ["Monsoon Herald", "TMH"],
        "type": "private",
        "country": "MY",
        "lean": "center",
        "domain": "monsoonherald.example",
        "voice": "neutral",
        "tz": "+08:00",
    },
    "me": {
        "name": "Two Rivers Dispatch",
        "aliases": ["TRD", "2Rivers Dispatch"],
        "type": "private",
        "country": "IQ",
        "lean": "center",
        "domain": "tworivers.example",
        "voice": "neutral",
        "tz": "+03:00",
    },
}

# Planted tendencies: outlet x topic frame weights (relative; build.py normalises them).
WEIGHTS = {
    "wire": {
        "us_russia_talks": {
            "diplomacy": 40,
            "peace": 15,
            "hedging": 15,
            "security": 10,
            "pressure": 10,
            "economic": 5,
            "responsibility": 5,
        },
        "us_asia_policy": {
            "economic": 35,
            "diplomacy": 30,
            "pressure": 15,
            "hedging": 10,
            "security": 5,
            "alliance": 5,
        },
    },
    "cons": {
        "us_russia_talks": {
            "pressure": 45,
            "security": 20,
            "blame": 15,
            "morality": 10,
            "alliance": 5,
            "diplomacy": 5,
        },
        "us_asia_policy": {
            "pressure": 40,
            "rivalry": 25,
            "security": 20,
            "economic": 10,
            "alliance": 5,
        },
    },
    "lib": {
        "us_russia_talks": {
            "conflict": 35,
            "hedging": 25,
            "alliance": 15,
            "morality": 10,
            "humanitarian": 10,
            "diplomacy": 5,
        },
        "us_asia_policy": {
            "conflict": 30,
            "hedging": 25,
            "economic": 15,
            "alliance": 15,
            "human_interest": 10,
            "responsibility": 5,
        },
    },
    "ru": {
        "us_russia_talks": {
            "blame": 40,
            "sovereignty": 30,
            "diplomacy": 15,
            "peace": 5,
            "rivalry": 5,
            "security": 5,
        },
        "us_asia_policy": {
            "blame": 30,
            "sovereignty": 25,
            "rivalry": 20,
            "pressure": 15,
            "economic": 10,
        },
    },
    "cn": {
        "us_russia_talks": {
            "peace": 30,
            "diplomacy": 25,
            "rivalry": 15,
            "responsibility": 15,
            "sovereignty": 10,
            "economic": 5,
        },
        "us_asia_policy": {
            "economic": 35,
            "rivalry": 30,
            "sovereignty": 15,
            "diplomacy": 10,
            "responsibility": 10,
        },
    },
    "sea": {
        "us_russia_talks": {
            "diplomacy": 30,
            "economic": 30,
            "hedging": 15,
            "peace": 10,
            "security": 10,
            "human_interest": 5,
        },
        "us_asia_policy": {
            "economic": 45,
            "human_interest": 20,
            "pressure": 15,
            "sovereignty": 10,
            "hedging": 5,
            "diplomacy": 5,
        },
    },
    "me": {
        "us_russia_talks": {
            "humanitarian": 35,
            "peace": 30,
            "human_interest": 15,
            "morality": 10,
            "diplomacy": 5,
            "responsibility": 5,
        },
        "us_asia_policy": {
            "economic": 25,
            "peace": 20,
            "diplomacy": 15,
            "humanitarian": 15,
            "responsibility": 15,
            "hedging": 10,
        },
    },
}

# ---------------------------------------------------------------------------------------
# Slots
_FIRST = [
    "Mira",
    "Tomas",
    "Aiko",
    "Farid",
    "Helena",
    "Owen",
    "Priya",
    "Lukas",
    "Nadia",
    "Rafael",
    "Ingrid",
    "Daniel",
    "Leila",
    "Marcus",
    "Yuna",
    "Stefan",
    "Amara",
    "Jonah",
]
_LAST = [
    "Castellanos",
    "Whitcombe",
    "Okafor",
    "Lindqvist",
    "Haddad",
    "Brennan",
    "Sato",
    "Kowalczyk",
    "Ferreira",
    "Aldridge",
    "Moreau",
    "Tanaka",
    "Rahimi",
    "Vance-Holt",
    "Dunmore",
    "Petrakis",
    "Ismail",
    "Greaves",
]
_ROLES = [
    "a senior fellow",
    "a researcher",
    "an economist",
    "a political scientist",
    "a trade analyst",
    "a security analyst",
    "a lecturer in international relations",
]
_INSTITUTES = [
    "the Eastbridge Policy Institute",
    "the Halvorsen Centre for Security Studies",
    "the Lakemont School of Government",
    "the Pacific Crossroads Forum",
    "the Caspian Research Group",
    "Marlowe University",
    "the Tamarind Economic Institute",
    "the Northgate Council on Foreign Affairs",
    "the Saltmarsh Trade Observatory",
    "the Ridgeview Institute for Peace Research",
]

COMMON_SLOTS = {
    "analyst_first": _FIRST,
    "analyst_last": _LAST,
    "analyst_role": _ROLES,
    "institute": _INSTITUTES,
    "official_anon": [
        "a senior official",
        "one official",
        "a diplomat briefed on the talks",
        "a person familiar with the discussions",
        "an aide involved in the planning",
    ],
    "growth_hit": [
        "0.3 percentage points",
        "half a percentage point",
        "up to 1%",
        "nearly one percentage point",
    ],
}

SLOTS = {
    "us_russia_talks": {
        "us_side": ["Washington", "the Trump administration", "the White House", "U.S. officials"],
        "counterpart": ["Moscow", "the Kremlin", "Russian officials"],
        "counterpart_short": ["Moscow", "the Kremlin", "Russia"],
        "issue": ["the war in Ukraine", "the Ukraine war", "the fighting in Ukraine"],
        "process": ["the peace talks", "the negotiations over Ukraine", "the U.S.-Russia talks"],
        "allies": ["European allies", "NATO members", "governments in Europe"],
        "region": ["Europe", "eastern Europe", "the Baltic region"],
        "topic_short": ["Ukraine talks", "peace efforts on Ukraine", "U.S.-Russia contacts"],
        "event_short": ["the latest contacts", "this week’s exchanges", "the latest round"],
        "ua_city": ["Kharkiv", "Zaporizhzhia", "Dnipro", "Odesa", "Sumy", "Kryvyi Rih"],
        "person_f": ["Olena", "Iryna", "Nadiya", "Halyna", "Oksana", "Tetiana"],
        "person_m": ["Andriy", "Serhiy", "Mykola", "Petro", "Vasyl"],
        "n_days": ["10", "12", "14"],
    },
    "us_asia_policy": {
        "us_side": ["Washington", "the Trump administration", "the White House", "U.S. officials"],
        "counterpart": [
            "Beijing",
            "Asian governments",
            "Southeast Asian capitals",
            "trading nations in Asia",
        ],
        "counterpart_short": ["Beijing", "Asia", "ASEAN"],
        "issue": ["tariffs", "the tariff dispute", "U.S. trade policy in Asia"],
        "process": ["the tariff negotiations", "the trade talks", "talks on a trade framework"],
        "allies": ["Tokyo and Seoul", "allies in Asia", "Japan, South Korea and the Philippines"],
        "region": ["the Indo-Pacific", "the South China Sea", "East Asia"],
        "topic_short": ["tariff talks", "trade negotiations in Asia", "U.S. tariff moves"],
        "event_short": ["the latest tariff moves", "this week’s trade talks", "the new rates"],
        "country": ["Malaysia", "Vietnam", "Indonesia", "Thailand", "the Philippines", "Cambodia"],
        "rate": ["19%", "20%", "25%", "32%", "36%", "a 25\u00a0percent"],
        "product": [
            "electronics",
            "rubber gloves",
            "footwear",
            "semiconductors",
            "furniture",
            "garments",
            "solar panels",
            "frozen shrimp",
        ],
        "asia_city": ["Penang", "Ho Chi Minh City", "Bandung", "Bangkok", "Batam", "Phnom Penh"],
        "worker": ["Siti Rahmah", "Nguyen Thi Lan", "Dewi Kartika", "Maria Santos", "Sokha Chan"],
        "farmer": ["Somchai Wongsuwan", "Tran Van Minh", "Ahmad Zulkifli", "Rina Hartono"],
    },
}

# ---------------------------------------------------------------------------------------
# Framed sentences: FRAME_BANK[frame][topic] -> list of templates ("any" is shared).
ANALYST = "{analyst}"  # a different invented analyst each time within one article

FRAME_BANK = {
    "conflict": {
        "any": [
            "The exchange exposed a deep rift between {us_side} and {counterpart}, with each side questioning the other’s good faith.",
            "Tensions flared again as officials on both sides traded sharp words in public.",
            "“There is more confrontation than conversation right now,” said " + ANALYST + ".",
            "Behind the polite statements, the dispute over {issue} has hardened into an open standoff.",
        ],
        "us_russia_talks": [
            "The clash over terms for Ukraine shows how far apart the two governments remain.",
            "W: Critics in Congress attacked the approach, and the row spilled into a bitter partisan fight in Washington.",
            "W: Lawmakers from both parties clashed over whether the White House was conceding too much to the Kremlin.",
            "The feud between Moscow and European capitals deepened, with angry statements flying in both directions.",
            "Opponents of the deal denounced it within hours, and the backlash in Kyiv was swift.",
        ],
        "us_asia_policy": [
            "The tariff fight has turned into a wider clash over who sets the rules of commerce in Asia.",
            "Business groups warned that the escalating dispute could spiral out of control.",
            "The confrontation over export curbs and duties escalated sharply within days.",
            "W: Opponents at home criticized the campaign as a reckless fight with friends and rivals alike.",
            "Officials in several capitals were openly at odds with Washington over the new rates.",
            "The dispute spilled into public view when ministers in {country} criticized the rates as unfair.",
            "Tensions between Washington and Beijing flared again over chips and rare earths.",
        ],
    },
    "diplomacy": {
        "any": [
            "Diplomats described the talks as businesslike and said both delegations wanted to keep channels open.",
            "Officials said further meetings at the working level were expected in the coming weeks.",
            "The negotiations, held behind closed doors, ran longer than scheduled, according to {official_anon}.",
            "“Dialogue is slow, but it is the only road that leads anywhere,” said "
            + ANALYST
            + ".",
        ],
        "us_russia_talks": [
            "The two delegations agreed to continue consultations on embassy operations and on a framework for Ukraine.",
            "Envoys from Washington and Moscow have kept up a quiet diplomatic channel of phone calls and meetings in third countries.",
            "The summit format, with aides and interpreters in the room, was arranged after weeks of preparatory negotiations.",
            "Both sides presented the meeting as a chance to test ideas rather than to sign anything.",
            "E: Russian diplomats said Moscow remained open to dialogue with the American side on a broad agenda.",
            "Aides on both sides spent days negotiating the agenda before the two ministers sat down.",
            "The meeting ended with an agreement to keep a working group of diplomats in contact.",
            "Turkey, Saudi Arabia and the United Arab Emirates have offered to host further rounds of negotiations.",
            "Diplomats said the tone of the conversation was calmer than at any point since 2022.",
        ],
        "us_asia_policy": [
            "Negotiators from {country} and the United States met several times to narrow differences before the deadline.",
            "The ASEAN meetings gave American diplomats a chance to hold talks with counterparts from across the region in a single week.",
            "Trade negotiators described the sessions as constructive and said a written framework was being drafted.",
            "On the sidelines, foreign ministers held a string of bilateral meetings, including one between the American and Chinese delegations.",
            "E: Beijing said it welcomed dialogue on an equal footing and wanted consultations to continue.",
            "Foreign ministers used the closed-door session to discuss a code of conduct for the South China Sea.",
            "Envoys from {country} travelled to Washington twice in a month to keep the negotiations alive.",
            "The joint statement, negotiated until late at night, welcomed further dialogue between the bloc and its partners.",
        ],
    },
    "pressure": {
        "any": [
            "{us_side} has made clear that sanctions and tariffs remain on the table if progress stalls.",
            "The deadline, officials said, was meant to concentrate minds on the other side of the table.",
            "The threat of punitive measures hung over the discussions from the start.",
            "W: Supporters of the president argued that leverage, not goodwill, brought the other side to the table.",
            "W: “Pressure is the only language that moves them,” said " + ANALYST + ".",
        ],
        "us_russia_talks": [
            "The president threatened so-called secondary tariffs on countries that keep buying Russian oil, a step aimed at squeezing Moscow’s revenue.",
            "Treasury officials signalled that new sanctions on Russian energy companies were ready if the Kremlin kept stalling.",
            "The ultimatum gave Moscow a fixed number of days to agree to a ceasefire or face tougher penalties.",
            "E: Moscow dismissed the ultimatum, saying threats and sanctions had never changed its course.",
            "Buyers of Russian crude in Asia were put on notice that they, too, could be punished with penalty tariffs.",
            "Senators pushed a bill that would allow sweeping sanctions on buyers of Russian energy.",
            "The Treasury warned banks in third countries that they could lose access to the dollar if they helped Moscow evade sanctions.",
        ],
        "us_asia_policy": [
            "Letters signed by the president warned {country} that {rate} tariff would apply unless a deal was struck by the August 1 deadline.",
            "The tariff threat left exporters in {country} scrambling to beat the deadline set by Washington.",
            "Officials warned that goods found to be transshipped through third countries would face penalty rates as high as 40%.",
            "[>2025-10-10] The threat of an additional 100% tariff on Chinese goods was meant to force Beijing to back down on export controls.",
            "W: Administration officials said the tariff letters had already pushed several Asian governments to offer concessions.",
            "Washington warned it could raise the rates again on countries that retaliated with tariffs of their own.",
            "The administration used the threat of higher duties to press {country} to buy more American energy and aircraft.",
            "Customs officials were told to punish transshipment with penalty tariffs and possible blacklisting.",
        ],
    },
    "economic": {
        "any": [
            "Markets reacted nervously, and investors said the outcome would shape prices for months.",
            "Economists estimate the measures could shave {growth_hit} off growth in the most exposed economies.",
            "“Companies cannot plan investment when the rules change every few weeks,” said "
            + ANALYST
            + ".",
        ],
        "us_russia_talks": [
            "Energy markets watched closely, with oil prices moving on every hint of a deal or new sanctions.",
            "Russian officials have floated joint business projects, including in the Arctic, as part of any broader settlement.",
            "Traders said any easing of restrictions would matter for the prices of grain, fertiliser and energy.",
            "The war has cost the Russian economy dearly, with high interest rates and slowing growth, economists say.",
            "For Asian economies that buy Russian oil, the cost of compliance with Western measures keeps rising.",
            "Oil traders said Indian and Chinese refiners were reconsidering purchases of Russian crude as costs rose.",
            "Investors in European markets welcomed any sign of a deal that could lower energy prices.",
        ],
        "us_asia_policy": [
            "Exporters of {product} in {country} said orders from American buyers had slowed sharply since the tariff announcements.",
            "Economists said a higher tariff would cost manufacturing jobs and could push factories to delay investment.",
            "The surplus that {country} runs with the United States has made its economy an obvious target.",
            "Supply chains for electronics and semiconductors keep shifting across Southeast Asia, though at a higher cost.",
            "E: China’s commerce officials said cooperation benefits both economies and that tariffs only raise prices for American consumers.",
            "Investors in the region’s stock markets said lower duties would ease costs for exporters and consumers alike.",
            "Factory owners in {country} said American buyers were asking them to share the cost of the new duties.",
            "Shipping agents reported a rush of orders as importers tried to move goods before the new rates applied.",
            "Economists at regional banks trimmed their growth forecasts for export-dependent economies such as {country}.",
            "The price of {product} shipped to the United States could rise by several percent, importers estimated.",
            "E: Chinese economists said open markets and trade cooperation had lifted growth across Asia for decades.",
        ],
    },
    "security": {
        "any": [
            "Defence officials warned that the military balance in {region} remains fragile.",
            "Military planners in several capitals studied the security implications of the meeting.",
            "“Deterrence only works if the threat is credible,” said " + ANALYST + ".",
        ],
        "us_russia_talks": [
            "Planners worry that any deal could leave Ukraine exposed to renewed Russian military attack.",
            "Russian missile and drone strikes on Ukrainian cities continued through the week, officials in Kyiv said.",
            "Security guarantees for Ukraine, including a possible role for European troops, remain among the hardest questions.",
            "Military analysts said Russian forces were pressing slow advances along the front line while diplomats talked.",
            "NATO defence ministers reviewed air defence deliveries and the state of Ukraine’s armed forces.",
            "Ukraine’s armed forces have relied on Western air defence to protect cities from missile attacks.",
            "[>2025-09-11] Defence officials in Poland and the Baltic states put their troops on alert after drones crossed into their airspace.",
        ],
        "us_asia_policy": [
            "The United States keeps tens of thousands of troops in Japan and South Korea, and its navy patrols the South China Sea.",
            "Officials stressed that the U.S. military presence in the Indo-Pacific was not up for negotiation in trade talks.",
            "Chinese coast guard vessels have repeatedly confronted Philippine ships, forming the security backdrop to the talks.",
            "Defence ties with Manila, including joint drills and access to military bases, have expanded over the past two years.",
            "W: Hawks warned that weakening deterrence in the Taiwan Strait would be a far greater danger than any tariff.",
        ],
    },
    "peace": {
        "us_russia_talks": [
            "A ceasefire along the current front line has been discussed as a first step toward a wider peace settlement.",
            "Any peace plan would have to settle questions of territory, security guarantees and sanctions relief.",
            "Diplomats said a truce could open the way to a negotiated end to the war, though many details are unresolved.",
            "Hopes for peace have risen and fallen repeatedly since the start of the year.",
            "“A durable peace will need more than a signature on paper,” said " + ANALYST + ".",
            "Kyiv has said it is ready for an unconditional ceasefire, while Moscow insists on first addressing what it calls the root causes.",
            "E: Moscow says it favours a peaceful settlement that takes account of the realities on the ground.",
            "Proposals for a truce monitored by international observers were discussed, according to {official_anon}.",
            "Any peace deal would need to be written so that neither side could claim it was forced to surrender.",
            "European officials said a ceasefire that froze the front line without guarantees would not bring lasting peace.",
            "E: Russian commentators said a peace settlement was possible only if Western arms deliveries stopped.",
        ],
        "us_asia_policy": [
            "[>2025-07-29] The ceasefire between Thailand and Cambodia, reached after deadly border fighting in July, was held up as a regional success for peace.",
            "Regional leaders said peace and stability in the South China Sea were the foundation for everything else.",
            "Diplomats hoped a truce on trade would also cool tensions and help keep the region peaceful.",
            "Southeast Asian officials repeated that ASEAN wants to remain a zone of peace, not a stage for a showdown.",
            "The region’s foreign ministers also discussed a ceasefire in Gaza, where talks on a truce appeared to be moving.",
            "“Peace in the region is the quiet precondition for every trade deal,” said "
            + ANALYST
            + ".",
            "[>2025-10-26] The peace declaration signed in Kuala Lumpur by Thailand and Cambodia was meant to prevent a return to border fighting.",
            "Leaders said a peaceful South China Sea mattered more to the region than any single trade deal.",
        ],
    },
    "alliance": {
        "any": [
            "Allies were briefed before and after the meetings in an effort to show partners they were not being sidelined.",
            "The partnership with {allies} has been tested by the administration’s unpredictable moves.",
            "“Alliances are built over decades and can be damaged in weeks,” said " + ANALYST + ".",
        ],
        "us_russia_talks": [
            "European allies pressed Washington to keep Ukraine at the center of any talks with Moscow.",
            "NATO partners pledged solidarity with Kyiv and promised to coordinate closely with the United States.",
            "Leaders of the coalition of countries backing Ukraine held a video call to align their approach.",
            "E: Moscow pointed to visible cracks within the Western alliance over how to handle the war.",
        ],
        "us_asia_policy": [
            "Officials in Tokyo and Seoul stressed that their alliances with the United States remain the cornerstone of regional stability.",
            "Washington has said it intends to deepen rather than scale back its partnerships in Southeast Asia.",
            "The Quad partners — the United States, Japan, India and Australia — kept up their cooperation on maritime issues.",
            "Allies grumbled that tariffs were being imposed on friends as harshly as on rivals, straining trust in the partnership.",
            "Officials in Manila said the alliance with Washington remained strong despite the new tariff.",
            "Japan and Australia stepped up cooperation with Southeast Asian partners on maritime patrols.",
        ],
    },
    "rivalry": {
        "any": [
            "The episode was read in many capitals as another round in a wider great-power competition.",
        ],
        "us_russia_talks": [
            "Analysts framed the talks as part of a broader geopolitical contest between Washington, Moscow and Beijing.",
            "W: Hawks warned that Russia and China, acting as strategic rivals of the United States, were coordinating ever more closely.",
            "E: Russian commentators described Washington’s approach as an attempt to preserve a unipolar order that no longer exists.",
            "The growing partnership between Moscow and Beijing, a counterweight to American power, hung over the discussions.",
            "E: Commentators in Moscow said a multipolar world was taking shape whether Washington liked it or not.",
        ],
        "us_asia_policy": [
            "Washington’s Asia policy is increasingly defined by strategic competition with China for influence in the region.",
            "W: Officials said the tariff strategy was designed to stop China from using Southeast Asia as a back door into the American market.",
            "E: Beijing accused Washington of a Cold War mentality and of trying to contain China’s rise.",
            "E: Chinese officials said zero-sum rivalry and bloc politics would only make the region less stable.",
            "Southeast Asian governments say they do not want to be forced to choose sides between two great powers.",
            "W: “This is a contest for the future of the Indo-Pacific,” said " + ANALYST + ".",
            "Analysts said the competition between Washington and Beijing for influence in ASEAN has entered a new phase.",
            "E: Beijing said the region should not become an arena for great-power games or zero-sum contests.",
            "W: Hawks in Congress warned that China was using its economic weight to pull Southeast Asia into its sphere of influence.",
        ],
    },
    "sovereignty": {
        "any": [
            "E: Officials insisted that no outside power could dictate decisions that belong to a sovereign state.",
            "The principle of non-interference in internal affairs was invoked repeatedly during the week.",
        ],
        "us_russia_talks": [
            "E: Moscow repeated that its national interests and its security concerns were not up for negotiation.",
            "E: Russian diplomats rejected what they called attempts to dictate terms to a sovereign nation.",
            "Ukraine insists that any settlement must respect its sovereignty and territorial integrity.",
            "E: The Kremlin said decisions about Russia’s future would be taken in Moscow, not imposed from Washington or Brussels.",
            "The fate of occupied territory in the east remains the most sensitive question of sovereignty in the talks.",
            "Kyiv said no territory would be handed over without the consent of the Ukrainian people.",
            "E: Russian diplomats said the status of the annexed regions was settled and not open to discussion.",
        ],
        "us_asia_policy": [
            "Officials in {country} stressed that trade policy was a sovereign decision and would not be written in Washington.",
            "E: Beijing said it would firmly defend its sovereignty and development interests against unilateral tariffs.",
            "Several ASEAN members were wary of clauses that could limit their independence in dealing with other economies.",
            "Lawmakers in {country} asked whether the deal gave away too much control over national economic policy.",
            "ASEAN’s principle of non-interference shaped how members responded to outside demands.",
            "Opposition figures in {country} said the agreement should be debated in parliament as a question of national independence.",
            "E: Chinese officials said no country should allow outside powers to interfere in its internal affairs through trade deals.",
            "Diplomats in Kuala Lumpur said ASEAN members would decide their own ties with every major economy.",
        ],
    },
    "humanitarian": {
        "us_russia_talks": [
            "Aid agencies say millions of Ukrainians remain displaced and in need of humanitarian assistance.",
            "Civilians in frontline towns have endured months of shelling, with hospitals and power stations repeatedly hit.",
            "The human cost of the war, counted in tens of thousands of casualties, weighs on every round of diplomacy.",
            "Humanitarian groups urged negotiators to put prisoner exchanges and the return of deported children on the agenda.",
            "Relief workers fear repeated attacks on the energy grid will leave civilians without heat and water.",
            "The Red Cross and other aid groups asked for safe access to areas near the front line.",
            "Hospitals in frontline regions are short of medical supplies, aid workers said.",
            "The United Nations refugee agency says about six million Ukrainians are still living abroad as refugees.",
        ],
        "us_asia_policy": [
            "Aid groups warned that factory closures would push vulnerable households back into hardship.",
            "Humanitarian agencies said cuts to foreign aid programmes were already being felt in poorer parts of the region.",
            "[>2025-07-29] Families displaced by the fighting on the Thai-Cambodian border were still living in temporary shelters, relief officials said.",
            "The region’s foreign ministers also called for humanitarian aid to reach civilians in Gaza and in Myanmar.",
            "Rights groups asked that labour and human rights protections be written into any new agreement.",
        ],
    },
    "blame": {
        "any": [
            "Each side blamed the other for the lack of progress.",
            "Officials were quick to point the finger at the other side for the setback.",
        ],
        "us_russia_talks": [
            "E: Russian officials accused Western governments of sabotaging peace efforts by continuing to arm Kyiv.",
            "E: Moscow blamed European capitals for encouraging Kyiv to reject any compromise.",
            "E: Russian commentators said the previous American administration was to blame for letting the crisis escalate.",
            "W: The White House blamed the Kremlin for stalling, saying Moscow had shown too little flexibility.",
            "W: Critics faulted the Kremlin for continuing to bombard Ukrainian cities even as it talked of peace.",
            "E: Moscow accused Kyiv of staging provocations to derail the talks and blamed its Western backers.",
            "W: Administration officials blamed Moscow for the failure to agree even a limited ceasefire.",
            "E: Russian officials said the West was responsible for dragging out the war and should stop blaming Moscow.",
        ],
        "us_asia_policy": [
            "E: Chinese officials blamed Washington for disrupting global supply chains with unilateral tariffs.",
            "W: Administration officials accused Beijing of unfair practices that, they said, hollowed out American industry.",
            "E: Commentators in Moscow blamed American protectionism for the turmoil in Asian markets.",
            "W: The White House blamed years of lopsided deals for the deficits it now wants to close.",
            "E: Beijing said Washington alone was at fault for the latest escalation.",
        ],
    },
    "hedging": {
        "any": [
            "It remains unclear whether the discussions will produce anything concrete.",
            "Officials cautioned that it was too early to say how the process would unfold.",
            "“We may see movement, or we may not — it is genuinely hard to tell,” said "
            + ANALYST
            + ".",
            "Much could still change, and several key questions appear to remain open.",
        ],
        "us_russia_talks": [
            "It is not clear whether Moscow is prepared to accept terms Kyiv could live with.",
            "Analysts suggested the outcome might depend less on the meetings than on events on the battlefield.",
            "Whether another summit will take place, and when, remains uncertain.",
            "It remains to be seen whether the two presidents will meet again this year.",
            "Officials suggested a deal was possible, though they appeared uncertain about the timing.",
        ],
        "us_asia_policy": [
            "It was unclear how the new rates would be applied to goods assembled from parts made in several countries.",
            "Economists said the final impact could be smaller than feared, or larger, depending on how the deals are implemented.",
            "Details of the framework remain vague, and it is uncertain whether a binding text will follow.",
            "It is unclear whether the lower rates will survive the next round of reviews in Washington.",
            "Analysts said the truce might hold for months, or could unravel with a single announcement.",
        ],
    },
    "human_interest": {
        "us_russia_talks": [
            "In {ua_city}, a schoolteacher named {person_f} said she follows every headline about the talks, hoping her son can come home from the front.",
            "For {person_f}, a pensioner in {ua_city}, the summit mattered less than whether she and her family could sleep through the night.",
            "{person_m}, a driver in {ua_city}, recalled the morning his family lost everything in a strike and said he was afraid to hope.",
            "Relatives of prisoners of war gathered in Kyiv holding photographs of their loved ones, some of them in tears.",
            "In a town outside Moscow, a shopkeeper said she wanted her son back from the army and did not care who signed what.",
        ],
        "us_asia_policy": [
            "At a factory outside {asia_city}, {worker}, a line supervisor, said her family had already cut spending because her shifts were shrinking.",
            "{farmer}, who grows durian on a family plot, said buyers were already asking for lower prices and his children might have to leave school.",
            "Shrimp farmers in the Mekong Delta said they were afraid of losing American customers they had served for years.",
            "For garment workers in Cambodia, many of them young women supporting their families in the countryside, the talks are about their lives, not statistics.",
            "{worker}, a mother of two in {asia_city}, said she had heard the news on the radio and wept.",
            "{worker}, who sews sportswear for an American brand, said her children ask every week whether the factory will stay open.",
            "In {asia_city}, a furniture maker said he was afraid he would have to let go of workers who had been with his family business for 20 years.",
        ],
    },
    "morality": {
        "any": [
            "Critics said the approach raised a moral question about what kind of power the United States wants to be.",
            "“There is a principle at stake here, not just a bargain,” said " + ANALYST + ".",
        ],
        "us_russia_talks": [
            "W: Opponents said rewarding aggression with territory would betray the values the West claims to defend.",
            "Church leaders and human rights groups called it a moral duty to stand with the victims of the war.",
            "E: Russian commentators said Western talk of values was hypocritical given the wars the West itself has waged.",
            "Supporters of Ukraine argued that justice for war crimes could not be traded away in a deal — it would be shameful, they said.",
            "Human rights advocates said it would be immoral to grant amnesty for atrocities as part of a deal.",
            "W: Columnists called it a betrayal of Ukraine to negotiate its future without Ukrainians in the room.",
        ],
        "us_asia_policy": [
            "Critics called it unethical to punish poor countries for deficits they did little to create.",
            "Labour activists said it was morally wrong to bargain over tariffs without addressing workers’ dignity and wages.",
            "E: Chinese commentators said bullying smaller nations with tariffs showed the hypocrisy of talk about fair rules.",
        ],
    },
    "responsibility": {
        "any": [
            "Observers said the major powers bear a particular responsibility for making the process succeed.",
            "Several governments urged leaders to take action rather than wait for the next round.",
        ],
        "us_russia_talks": [
            "Analysts said Washington and Moscow, as nuclear powers, have a special obligation to prevent wider escalation.",
            "European leaders said they must take on more responsibility for Ukraine’s defence and reconstruction.",
            "E: Beijing called on all parties to act responsibly and to avoid steps that inflame the situation.",
            "Lawmakers demanded that the administration be held accountable for any commitments made in private.",
            "Analysts said Europe should take responsibility for its own security rather than wait for Washington.",
        ],
        "us_asia_policy": [
            "ASEAN leaders said they had a duty to keep the region open and to protect smaller economies.",
            "Economists urged governments to find solutions that cushion workers and companies from the shock.",
            "E: Beijing said major economies should shoulder their responsibility for global growth rather than raise barriers.",
            "Officials in {country} said they would take responsibility for finding new markets instead of waiting for relief.",
            "Business groups called on governments to take action to protect small exporters.",
        ],
    },
}

# Neutral background sentences per topic (chosen to avoid frame vocabulary).
NEUTRAL = {
    "us_russia_talks": [
        "Russia launched its full-scale invasion of Ukraine in February 2022.",
        "Marco Rubio serves as both secretary of state and national security adviser.",
        "Sergei Lavrov has been Russia’s foreign minister since 2004.",
        "The American and Russian embassies have worked with reduced staff for several years.",
        "A transcript of the remarks was later posted on the ministry’s website.",
        "No date was given for the next contact between the two sides.",
        "Steve Witkoff, a real estate developer and longtime friend of Trump, is the president’s special envoy.",
        "Reporting for this story was contributed from Washington and Moscow.",
        "The Kremlin published a short readout of the conversation later in the day.",
        "[>2025-08-16] Trump and Putin last met in person in Anchorage in August.",
        "The State Department released a brief statement after the meeting.",
        "Officials from both countries gave no further details on {weekday}.",
        "The Russian delegation flew in the night before the meeting.",
        "Yuri Ushakov is a foreign policy aide to the Russian president.",
        "Officials did not say how long the next session would last.",
        "The Russian Foreign Ministry posted photographs of the meeting on its channels.",
    ],
    "us_asia_policy": [
        "ASEAN was founded in 1967 and has its secretariat in Jakarta.",
        "Malaysia holds the rotating ASEAN chair in 2025.",
        "Scott Bessent is the U.S. Treasury secretary, and Jamieson Greer is the U.S. Trade Representative.",
        "Wang Yi returned to the post of China’s foreign minister in 2023.",
        "The Indo-Pacific has been a focus of U.S. policy under several administrations.",
        "A spokesperson for the ministry in {country} did not respond to a request for comment.",
        "Reporting for this story was contributed from Kuala Lumpur, Jakarta and Washington.",
        "The full text of the joint statement was released later in the evening.",
        "Officials in {country} said they would issue a statement later in the week.",
        "The figures were published by the U.S. Census Bureau, which compiles monthly data.",
        "Kuala Lumpur’s convention centre has hosted most of this year’s regional gatherings.",
        "Officials gave no further details on {weekday}.",
        "Jakarta, Hanoi and Manila each issued short statements on {weekday}.",
        "Officials in {country} said the text would be published after legal review.",
        "The statement was released in English and in the national language.",
        "Malaysia’s prime minister is Anwar Ibrahim.",
    ],
}

GENERIC_LEADS = {
    "us_russia_talks": [
        "Months of on-and-off contacts between Washington and Moscow have produced more headlines than results on Ukraine.",
        "The question of how the United States should deal with Russia over the war in Ukraine continues to divide policymakers.",
        "As the war in Ukraine grinds on, the channel between the White House and the Kremlin has become a fixture of the news.",
        "The shape of a settlement in Ukraine, and Washington’s role in reaching it, dominated commentary on Russia this week.",
    ],
    "us_asia_policy": [
        "The Trump administration’s tariff campaign has reshaped the relationship between the United States and Asia this year.",
        "Across Southeast Asia, governments are recalculating their ties with Washington and Beijing as U.S. trade policy shifts.",
        "American policy in the Indo-Pacific now runs through tariff negotiations as much as through defence ties.",
        "From Hanoi to Jakarta, officials spent the week parsing the latest signals from Washington on tariffs.",
    ],
}

GENERIC_PLACES = {
    "us_russia_talks": ["WASHINGTON", "MOSCOW", "KYIV", "BRUSSELS"],
    "us_asia_policy": ["WASHINGTON", "KUALA LUMPUR", "SINGAPORE", "JAKARTA", "HANOI"],
}

# ---------------------------------------------------------------------------------------
# Titles per primary frame ({event_short} comes from the event, or a generic phrase).
TITLES = {
    "conflict": [
        "Rift deepens over {topic_short} after {event_short}",
        "{event_short} exposes a clash between Washington and {counterpart_short}",
        "Tempers flare as {topic_short} hit a wall",
        "Sharp words and no meeting of minds on {topic_short}",
        "Standoff with {counterpart_short} hardens after {event_short}",
    ],
    "diplomacy": [
        "Diplomats keep talking after {event_short}",
        "{event_short}: both sides agree to further talks",
        "Quiet negotiations continue on {topic_short}",
        "Envoys see room for dialogue after {event_short}",
        "Talks, not threats: the diplomatic track on {topic_short}",
    ],
    "pressure": [
        "Washington turns up the pressure on {counterpart_short} after {event_short}",
        "Deadlines and threats shape {topic_short}",
        "Trump raises the stakes for {counterpart_short}",
        "Sanctions and deadlines: the hard line after {event_short}",
        "Ultimatum diplomacy returns to {topic_short}",
    ],
    "economic": [
        "What {event_short} means for prices and markets",
        "Markets weigh the cost of {topic_short}",
        "Businesses count the cost as {topic_short} drag on",
        "Exporters and investors brace for the fallout of {event_short}",
        "The bill for {topic_short}: jobs, prices and growth",
    ],
    "security": [
        "Security worries loom over {event_short}",
        "Military balance at stake in {topic_short}",
        "Defence planners watch {topic_short} closely",
        "Troops, missiles and the fine print of {topic_short}",
        "Deterrence questions follow {event_short}",
    ],
    "peace": [
        "Ceasefire hopes rise and fade after {event_short}",
        "A path to peace? {event_short} leaves questions",
        "Talk of a truce returns with {topic_short}",
        "Peace plan or pause? Reading {event_short}",
        "A truce within reach in {topic_short}?",
    ],
    "alliance": [
        "Allies seek reassurance after {event_short}",
        "Partners press Washington on {topic_short}",
        "Alliance ties tested by {topic_short}",
        "Friends first? Partners weigh {event_short}",
        "Allies ask for a seat at the table in {topic_short}",
    ],
    "rivalry": [
        "{event_short} seen as a new round in a great-power contest",
        "Competition with {counterpart_short} shadows {topic_short}",
        "Rivalry, not commerce, drives {topic_short}",
        "Great-power contest colours {event_short}",
        "Behind {topic_short}, a wider struggle for influence",
    ],
    "sovereignty": [
        "Sovereignty at the heart of {topic_short}",
        "{counterpart_short} rejects dictated terms after {event_short}",
        "‘No outside power decides for us’: sovereignty in {topic_short}",
        "Sovereign choices, outside demands: {topic_short}",
        "Red lines on independence after {event_short}",
    ],
    "humanitarian": [
        "The human toll behind {topic_short}",
        "Aid groups urge negotiators to remember civilians",
        "Civilians wait as {topic_short} go on",
        "Aid agencies count the human cost of {event_short}",
        "Relief groups ask who speaks for civilians in {topic_short}",
    ],
    "blame": [
        "Finger-pointing follows {event_short}",
        "{counterpart_short} and Washington trade blame over {topic_short}",
        "Who is to blame for stalled {topic_short}?",
        "Accusations fly after {event_short}",
        "A blame game over {topic_short}",
    ],
    "hedging": [
        "Little clarity after {event_short}",
        "Too early to judge {topic_short}, analysts say",
        "Uncertainty hangs over {topic_short}",
        "What {event_short} did and did not settle",
        "Mixed signals cloud {topic_short}",
    ],
    "human_interest": [
        "Far from the summits, families follow {topic_short}",
        "‘We just want to know what comes next’: the lives behind {topic_short}",
        "Ordinary people weigh {event_short}",
        "Kitchen-table worries behind {topic_short}",
        "Lives on hold as {topic_short} drag on",
    ],
    "morality": [
        "A question of principle in {topic_short}",
        "Critics see a moral test in {event_short}",
        "Values and bargains collide in {topic_short}",
        "Principles on the table in {topic_short}",
        "The ethics of the bargain after {event_short}",
    ],
    "responsibility": [
        "Who must act next after {event_short}?",
        "Leaders urged to own the outcome of {topic_short}",
        "Responsibility shifts after {event_short}",
        "Calls for accountability after {event_short}",
        "Who will own a solution in {topic_short}?",
    ],
}
