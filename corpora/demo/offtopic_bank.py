"""Off-topic article banks for the demo corpus (data only; read by build.py).

Some themes mention "Russia" or "tariff" in passing (a chess open, a water tariff), so a
topic query has to be more precise than a single keyword. The ``tech`` theme is used once
and quotes a script tag as an example, to test HTML escaping in reports.
"""

CITIES = {
    "wire": ["Geneva", "Lyon", "Rotterdam"],
    "cons": ["Columbus", "Dallas", "Phoenix"],
    "lib": ["Baltimore", "Portland", "Minneapolis"],
    "ru": ["Kazan", "Yekaterinburg", "Novosibirsk"],
    "cn": ["Chengdu", "Hangzhou", "Wuhan"],
    "sea": ["Ipoh", "Johor Bahru", "Kuching"],
    "me": ["Basra", "Erbil", "Mosul"],
}

OFFTOPIC = {
    "heatwave": {
        "titles": [
            "Heatwave grips {city} as temperatures climb",
            "{city} opens cooling centres in record heat",
        ],
        "sentences": [
            "Temperatures in {city} climbed above {temp} degrees Celsius on {weekday}, the highest reading this year.",
            "The local weather office said the hot spell would last at least until the weekend.",
            "City officials opened cooling centres in libraries and community halls for residents without air conditioning.",
            "Hospitals reported a rise in cases of heat exhaustion, mostly among older people and outdoor labourers.",
            "Schools shortened the day by an hour so pupils could travel home before the hottest part of the afternoon.",
            "The water utility asked households to avoid watering gardens between noon and six in the evening.",
            "Forecasters said a band of cooler air should arrive early next week, bringing scattered showers.",
            "Vendors selling iced drinks and fans said business had rarely been better.",
            "Doctors advised residents to drink water regularly and to check on elderly neighbours.",
            "Last summer the city recorded {n} days above 35 degrees, a number already matched this year.",
        ],
    },
    "flood": {
        "titles": [
            "Heavy rain floods streets in {city}",
            "Clean-up begins after downpour in {city}",
        ],
        "sentences": [
            "Heavy rain overnight left several districts of {city} under water on {weekday}.",
            "Emergency crews used pumps and small boats to reach homes in the lowest-lying streets.",
            "More than {n}0 millimetres of rain fell in six hours, according to the weather service.",
            "Several bus routes were suspended and two underpasses were closed to traffic.",
            "Residents stacked sandbags outside shops and moved furniture to upper floors.",
            "The mayor said the drainage upgrade approved last year would be brought forward.",
            "No serious injuries were reported, although dozens of cars were damaged.",
            "Volunteers handed out bottled water and dry clothes at a school gym.",
            "Forecasters expect drier weather from the middle of next week.",
            "Insurance companies said claims would be processed as quickly as possible.",
        ],
    },
    "football": {
        "titles": [
            "Late goal lifts {city} side to cup final",
            "{city} celebrates as home team clinches title",
        ],
        "sentences": [
            "A header in stoppage time sent the home side through to the final in front of a sold-out crowd in {city}.",
            "The coach praised his players for keeping their shape after going a goal down before half-time.",
            "The equaliser came from a corner in the 63rd minute, and the winner followed deep into added time.",
            "Supporters poured into the streets around the stadium after the final whistle.",
            "The club’s captain, playing his {nth} match for the team, called it the best night of his career.",
            "Ticket sales for the final are expected to open on {weekday}.",
            "The visiting side had won four of their previous five meetings.",
            "Club officials said the renovated north stand would be ready in time for the final.",
            "Local cafés stayed open late, showing replays of the winning goal on every screen.",
            "The team’s youth academy produced six of the eleven starting players.",
        ],
    },
    "marathon": {
        "titles": ["Thousands run the {city} marathon", "Course record falls at {city} marathon"],
        "sentences": [
            "About {n},000 runners took part in the {city} marathon on {weekday}, a record field.",
            "The men’s race was won in two hours and nine minutes, a new course record.",
            "Organisers moved the start forward by half an hour to avoid the heat of the late morning.",
            "Spectators lined the riverside section of the course with drums and homemade signs.",
            "The oldest finisher, a retired teacher aged 81, crossed the line to loud applause.",
            "Volunteers staffed {n}0 water stations along the route.",
            "Several roads in the city centre stayed closed until mid-afternoon.",
            "The women’s winner said she had trained on the same streets since she was a teenager.",
            "Charity runners raised money for a children’s hospital and a local food bank.",
            "Next year’s race will include a half-marathon for the first time.",
        ],
    },
    "budget": {
        "titles": [
            "{city} council approves new budget",
            "Road repairs and libraries top {city} spending plan",
        ],
        "sentences": [
            "The {city} city council approved its budget for the coming year on {weekday} after a five-hour session.",
            "The plan sets aside more money for road repairs, street lighting and two new branch libraries.",
            "Property levies will rise by {pct} percent, less than the increase first proposed.",
            "Council members argued for hours over the cost of a new bus depot before voting it through.",
            "The finance director said the city’s reserves remain healthy after a year of strong collections.",
            "Residents who spoke at the meeting asked for more crossings near schools.",
            "A proposal to extend the tram line was postponed until a study is finished.",
            "The budget also funds {n} new positions in parks and recreation.",
            "The vote was 9 to 3, with two members absent.",
            "The spending plan takes effect at the start of the next fiscal year.",
        ],
    },
    "water_tariff": {
        "titles": [
            "{city} water tariff to rise next month",
            "Households face higher utility bills in {city}",
        ],
        "sentences": [
            "The municipal water company in {city} will raise its household tariff by {pct} percent from next month.",
            "The utility said the increase would pay for replacing pipes that are more than 50 years old.",
            "A typical family will pay a little more each month, according to the company’s own estimate.",
            "Consumer groups said the new tariff should come with better service and fewer outages.",
            "Low-income households can apply for a reduced rate at any customer office.",
            "The electricity tariff, set by a separate regulator, is not affected by the change.",
            "The company plans to install {n},000 smart meters across the city over two years.",
            "Officials said the previous increase took effect four years ago.",
            "Leaks account for roughly a fifth of the water pumped into the network, engineers say.",
            "A public hearing on the new rates is scheduled for {weekday}.",
        ],
    },
    "chess": {
        "titles": [
            "Young talent shines at {city} chess open",
            "{city} chess open draws players from 30 countries",
        ],
        "sentences": [
            "More than {n}00 players from about 30 countries are competing at the international chess open in {city} this week.",
            "The top seed, a grandmaster from Russia, drew his first two games against lower-rated opponents.",
            "A 14-year-old local player surprised the field by beating two international masters in a row.",
            "Games are played in the main hall of the city library, with live boards shown online.",
            "Organisers said entries from India, Uzbekistan and Russia had grown the most since last year.",
            "The tournament follows the Swiss system over nine rounds, ending on {weekday}.",
            "A simultaneous exhibition for children drew a long queue on the opening day.",
            "The prize fund was raised this year thanks to a local bank and a software firm.",
            "Spectators are asked to keep phones switched off in the playing hall.",
            "The winner will earn a place at next year’s continental championship.",
        ],
    },
    "festival": {
        "titles": [
            "Food and music festival returns to {city}",
            "Street festival fills {city} old town",
        ],
        "sentences": [
            "The annual food and music festival returned to the old town of {city} on {weekday}.",
            "Around {n}0 stalls sold dishes from across the country, from grilled fish to sweet pastries.",
            "Three stages hosted local bands, school choirs and a folk ensemble.",
            "Organisers expect more than {n}0,000 visitors over the three days.",
            "Several streets were closed to cars, and extra late-night buses were added.",
            "A craft market in the main square offered pottery, textiles and woodwork.",
            "Families crowded a lantern-making workshop run by art students.",
            "Rubbish collection was doubled, and visitors were asked to bring reusable cups.",
            "The festival began 25 years ago as a neighbourhood gathering of a few hundred people.",
            "Fireworks over the river will close the event on the final night.",
        ],
    },
    "library": {
        "titles": [
            "New library opens in {city} suburb",
            "{city} library aims to be a neighbourhood living room",
        ],
        "sentences": [
            "A new public library opened in a fast-growing suburb of {city} on {weekday}.",
            "The building has reading rooms, a makerspace with 3D printers and a rooftop garden.",
            "It holds about {n}0,000 books, with a large section for children and teenagers.",
            "Librarians said {n}00 people signed up for library cards on the first morning.",
            "The library will stay open until nine in the evening on weekdays.",
            "Architects used timber and large windows to keep the rooms bright and cool.",
            "A homework club for secondary-school pupils will start next month.",
            "Residents had campaigned for a library in the area for more than a decade.",
            "The city plans a second branch on the other side of the river.",
            "Free language classes for adults are already fully booked.",
        ],
    },
}

# Used exactly once (the HTML-escaping test article).
TECH = {
    "title": "How a hidden script can hijack a web page — and how to stop it",
    "sentences": [
        "Security researchers in {city} are warning small businesses about a common weakness in web forms.",
        "The problem, known as cross-site scripting, occurs when a site displays text typed by a visitor without cleaning it first.",
        "In the simplest demonstration, an attacker types \"<script>alert('x')</script>\" into a comment box, and every later visitor sees a pop-up.",
        "A pop-up is harmless, but the same trick can be used to steal login cookies or redirect users to fake pages.",
        "Developers prevent it by escaping special characters, so that angle brackets are shown as text rather than run as code.",
        "Modern web frameworks do this by default, the researchers said, but older plug-ins often do not.",
        "They advise owners to update their content management systems and to remove plug-ins they no longer use.",
        "A content security policy, set in the server’s headers, adds a second line of defence.",
        "The team has published a free checklist for shop owners and community groups.",
        "They will run an open workshop at the city’s technology hub on {weekday}.",
    ],
}
