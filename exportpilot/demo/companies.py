"""A deterministic generator of fictional Sønderborg SMEs for the demo workspace.

Everything comes from one ``random.Random(seed)``: the same seed gives the same
companies, byte for byte, on every machine. Nothing here touches the database;
:mod:`exportpilot.demo.loader` turns the result into rows.

What is real: the towns and postcodes of Sønderborg municipality (kommunekode
540), the NACE Rev. 2 classes of its industries, CVR's employee interval codes
and legal forms, HS 2022 product codes and ISO country codes. What is invented:
every company, name, CVR number, street number, website, e-mail and person.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field

from exportpilot.reference.cvr import is_valid_cvr, parse_employee_interval
from exportpilot.reference.sme import sme_class

__all__ = [
    "COMPANY_COUNT",
    "SECTORS",
    "SEED",
    "CompanySpec",
    "ContactSpec",
    "Sector",
    "fictional_cvr",
    "generate_companies",
]

SEED = 5402021  # kommunekode 540, plan start 2021
COMPANY_COUNT = 300


@dataclass(frozen=True)
class Sector:
    """A DB07 industry code with the trade words and HS products that fit it."""

    industry_code: str  # DB07: NACE Rev. 2 class + 2-digit Danish subdivision
    group: str  # mechatronics, energy, food, software, trade
    count: int
    trades: tuple[str, ...]
    products: tuple[str, ...]  # HS 2022 six-digit subheadings


# The NACE classes are those DOMAIN.md 1.2 lists for Sønderborg. DB07 adds two
# digits; "00" where the class is not subdivided. 10.71 and 71.12 are
# subdivided in DB07: 10.71.10 is industrial bread and cake making, 71.12.20
# engineering consultancy for production and machinery.
SECTORS: tuple[Sector, ...] = (
    # Mechatronics and electronics: the backbone (about 40 %).
    Sector(
        "281200",
        "mechatronics",
        15,
        ("Hydraulik", "Fluidteknik", "Pneumatik"),
        ("841221", "841229", "841231", "848120"),
    ),
    Sector(
        "281300",
        "mechatronics",
        12,
        ("Pumper", "Pumpeteknik", "Kompressorteknik"),
        ("841370", "841360", "841350", "841480", "841391"),
    ),
    Sector(
        "281400",
        "mechatronics",
        15,
        ("Ventiler", "Ventilteknik", "Armatur"),
        ("848180", "848140", "848130", "848190"),
    ),
    Sector(
        "282900",
        "mechatronics",
        16,
        ("Maskinfabrik", "Maskinteknik", "Filterteknik", "Procesudstyr"),
        ("847989", "842139", "842121", "848790"),
    ),
    Sector(
        "271100",
        "mechatronics",
        12,
        ("Elmotorer", "Drivteknik", "Effektelektronik"),
        ("850152", "850140", "850131", "850440", "850300"),
    ),
    Sector(
        "271200",
        "mechatronics",
        15,
        ("Automation", "Styringsteknik", "Tavlebyg"),
        ("853710", "853720", "853650", "853690", "853890"),
    ),
    Sector(
        "279000",
        "mechatronics",
        10,
        ("Elektronik", "Elektroteknik", "Elektro"),
        ("854370", "850440", "850490", "854442"),
    ),
    Sector(
        "265100",
        "mechatronics",
        13,
        ("Måleteknik", "Sensorteknik", "Instrumenter"),
        ("902610", "902620", "903180", "902519", "903289"),
    ),
    Sector(
        "331200",
        "mechatronics",
        10,
        ("Maskinservice", "Industriservice", "Servicemontage"),
        ("848190", "841391", "847990", "850300"),
    ),
    # Energy technology and cleantech (about 15 %).
    Sector(
        "282500",
        "energy",
        18,
        ("Køleteknik", "Varmepumper", "Klimateknik", "Ventilation"),
        ("841861", "841869", "841950", "841459", "841581"),
    ),
    Sector(
        "711220",
        "energy",
        16,
        ("Ingeniørrådgivning", "Engineering", "Energirådgivning"),
        ("903289", "903180", "847989", "850440"),
    ),
    Sector(
        "721900",
        "energy",
        10,
        ("Energilab", "Cleantech", "Innovation"),
        ("850440", "854143", "850760", "903180"),
    ),
    # Food (about 15 %).
    Sector(
        "101100",
        "food",
        8,
        ("Slagteri", "Kødforarbejdning"),
        ("020319", "020329", "021019"),
    ),
    Sector(
        "101300",
        "food",
        12,
        ("Pølsemageri", "Røgeri", "Charcuteri"),
        ("160100", "160249", "021019"),
    ),
    Sector(
        "105100",
        "food",
        10,
        ("Mejeri", "Ostemejeri"),
        ("040690", "040510", "040221", "040320"),
    ),
    Sector(
        "107110",
        "food",
        15,
        ("Brødfabrik", "Kiksfabrik", "Bagerifabrik"),
        ("190590", "190531", "190540", "190520"),
    ),
    # Software and services (about 20 %).
    Sector(
        "620100",
        "software",
        40,
        ("Software", "Data", "Digital", "Systems", "IT"),
        ("847150", "851762", "847180", "852351"),
    ),
    Sector(
        "466900",
        "trade",
        23,
        ("Maskinhandel", "Industrihandel", "Teknikhandel"),
        ("848180", "841370", "853710", "847989"),
    ),
)

# Invented name parts: they sound Danish but are made up, so a name like
# "Klukkedal Drivteknik A/S" is plainly fictional.
_STEM_HEADS = (
    "Knirk", "Snurre", "Vimmel", "Pjusk", "Sprudle", "Klukke", "Fjumre",
    "Hvisle", "Glimre", "Drøne", "Skvulpe", "Humpe", "Rumle", "Bimle",
    "Krølle", "Plaske", "Susle", "Tindre", "Pusle", "Dingle", "Flimre",
    "Gumle", "Kvidre", "Tumle",
)  # fmt: skip
_STEM_TAILS = (
    "holm", "vig", "toft", "bæk", "lund", "rup", "gård", "mose", "skov",
    "høj", "næs", "dal", "bjerg", "enge", "vang", "sted",
)  # fmt: skip

# Real towns of Sønderborg municipality with their postcodes (postal district
# names, as CVR's ``postdistrikt``). Villages such as Guderup and Havnbjerg lie
# in 6430 Nordborg, Hørup and Kegnæs in 6470 Sydals. Weights: share of firms.
TOWNS: tuple[tuple[str, str, int], ...] = (
    ("6400", "Sønderborg", 52),
    ("6430", "Nordborg", 16),
    ("6300", "Gråsten", 9),
    ("6440", "Augustenborg", 7),
    ("6310", "Broager", 6),
    ("6470", "Sydals", 6),
    ("6320", "Egernsund", 4),
)
# Common Danish street names; house numbers are drawn at random.
_INDUSTRIAL_STREETS = (
    "Industrivej", "Håndværkervej", "Fabriksvej", "Erhvervsvej", "Mekanikervej",
    "Smedevej", "Teknikervej", "Værkstedsvej", "Lagervej", "Produktionsvej",
)  # fmt: skip
_TOWN_STREETS = (
    "Storegade", "Nørregade", "Østergade", "Vestergade", "Møllevej",
    "Havnevej", "Stationsvej", "Skovvej", "Engvej", "Bakkevej",
)  # fmt: skip

# CVR employee interval codes with the share of demo firms in each: most are
# micro or small, some medium, a handful large (the EU class follows headcount).
EMPLOYEE_BANDS: tuple[tuple[str, int], ...] = (
    ("ANTAL_0_0", 4),
    ("ANTAL_1_1", 9),
    ("ANTAL_2_4", 23),
    ("ANTAL_5_9", 21),
    ("ANTAL_10_19", 17),
    ("ANTAL_20_49", 13),
    ("ANTAL_50_99", 6),
    ("ANTAL_100_199", 4),
    ("ANTAL_200_499", 2),
    ("ANTAL_500_999", 1),
)
_TOP_BAND = "ANTAL_1000_999999"

# Obviously fictional people: common first names, invented surnames.
_FIRST_NAMES_DA = (
    "Anne", "Mette", "Hanne", "Susanne", "Lene", "Camilla", "Louise", "Maria",
    "Jens", "Peter", "Michael", "Lars", "Søren", "Thomas", "Henrik", "Rasmus",
)  # fmt: skip
_FIRST_NAMES_DE = ("Uwe", "Karsten", "Heike", "Birgit", "Jürgen", "Sabine")
_FIRST_NAMES_EN = ("Emma", "James", "Sarah", "Daniel")
_SURNAMES = (
    "Demosen", "Prøvesen", "Eksempelsen", "Fiktivsen", "Opdigtsen",
    "Påfundsen", "Testgaard", "Prøvegaard", "Eksempelgaard", "Demolund",
    "Fiktivholm", "Opdigtrup",
)  # fmt: skip
_TITLES_PRIMARY = ("Direktør", "Administrerende direktør", "Medejer")
_TITLES_SECOND = ("Eksportchef", "Salgschef", "Økonomichef", "Teknisk chef")

# Markets beyond the focus markets where some demo firms already sell.
# (country, share exporting, share interested)
_OTHER_MARKETS: tuple[tuple[str, float, float], ...] = (
    ("SWE", 0.16, 0.06),
    ("NOR", 0.12, 0.05),
    ("NLD", 0.09, 0.06),
    ("GBR", 0.07, 0.04),
    ("USA", 0.05, 0.08),
)
# How likely a firm of each EU class exports to Germany / China at all, and how
# each sector shifts that. Germany is next door; China is far and mostly a wish.
_EXPORT_BY_CLASS = {
    "micro": (0.22, 0.02),
    "small": (0.50, 0.08),
    "medium": (0.80, 0.30),
    "large": (0.95, 0.85),
}
_EXPORT_BY_GROUP = {
    "mechatronics": (1.0, 1.0),
    "energy": (0.9, 1.3),
    "food": (0.8, 1.2),
    "software": (0.6, 0.4),
    "trade": (0.9, 0.5),
}


@dataclass(frozen=True)
class ContactSpec:
    name: str
    job_title: str
    email: str
    language: str
    is_primary: bool


@dataclass(frozen=True)
class CompanySpec:
    """One fictional company with its products, export statuses and contacts."""

    cvr_number: str
    name: str
    legal_form: str
    street: str
    postcode: str
    city: str
    website: str
    email: str
    industry_code: str
    employee_interval: str
    employees_min: int | None
    employees_max: int | None
    sme_class: str
    founded: dt.date
    products: tuple[str, ...]
    export_statuses: tuple[tuple[str, str], ...]  # (ISO alpha-3, status)
    contacts: tuple[ContactSpec, ...] = field(default=())


def fictional_cvr(rng: random.Random, taken: set[str]) -> str:
    """A valid-format CVR number starting with 9, not in ``taken``.

    Issued CVR numbers known to us start with 1 to 8 (new ones are in the
    4xxxxxxx range), so a 9xxxxxxx number is unlikely to be a real company's;
    the modulus-11 check still holds, so the demo behaves like real data.
    """
    weights = (2, 7, 6, 5, 4, 3, 2)
    while True:
        head = f"9{rng.randrange(1_000_000):06d}"
        check = (
            11 - sum(int(d) * w for d, w in zip(head, weights, strict=True)) % 11
        ) % 11
        number = f"{head}{check}"
        if check < 10 and number not in taken and is_valid_cvr(number):
            taken.add(number)
            return number


_ASCII = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "ü": "ue", "é": "e"})


def _slug(text: str) -> str:
    text = text.lower().translate(_ASCII)
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def _weighted(rng: random.Random, pairs: tuple[tuple[str, int], ...]) -> str:
    values = [value for value, _ in pairs]
    weights = [weight for _, weight in pairs]
    return rng.choices(values, weights=weights)[0]


def _founded(rng: random.Random, band_min: int, legal_form: str) -> dt.date:
    if legal_form == "IVS":  # the form existed from mid-2014 to spring 2019
        first, last = dt.date(2014, 6, 1), dt.date(2019, 4, 14)
    elif band_min >= 200:
        first, last = dt.date(1946, 1, 1), dt.date(1995, 12, 31)
    elif band_min >= 50:
        first, last = dt.date(1960, 1, 1), dt.date(2010, 12, 31)
    elif band_min >= 10:
        first, last = dt.date(1975, 1, 1), dt.date(2018, 12, 31)
    else:
        first, last = dt.date(1990, 1, 1), dt.date(2023, 12, 31)
    return first + dt.timedelta(days=rng.randrange((last - first).days + 1))


def _legal_form(rng: random.Random, band_min: int) -> str:
    roll = rng.random()
    if band_min <= 4:
        if roll < 0.25:
            return "ENK"
        if roll < 0.33:
            return "IVS"
        return "A/S" if roll > 0.97 else "ApS"
    if band_min < 50:
        if roll < 0.04:
            return "IVS"
        return "A/S" if roll > 0.78 else "ApS"
    return "A/S" if roll < 0.65 else "ApS"


def _export_statuses(
    rng: random.Random, size_class: str, group: str
) -> tuple[tuple[str, str], ...]:
    by_class, by_group = _EXPORT_BY_CLASS[size_class], _EXPORT_BY_GROUP[group]
    p_deu = min(0.97, by_class[0] * by_group[0])
    p_chn = min(0.95, by_class[1] * by_group[1])
    statuses: list[tuple[str, str]] = []
    # Focus markets: a row for every firm, so "not asked yet" is explicit.
    roll = rng.random()
    if roll < p_chn:
        chn = "exporting"
    elif roll < p_chn + (1 - p_chn) * 0.45:
        chn = "interested"  # the plan's target group: potential, no exports yet
    elif roll < p_chn + (1 - p_chn) * 0.70:
        chn = "not_interested"
    else:
        chn = "unknown"
    exporting_to_china = chn == "exporting"
    roll = rng.random()
    if exporting_to_china or roll < p_deu:
        deu = "exporting"  # firms selling in China nearly always sell next door
    elif roll < p_deu + (1 - p_deu) * 0.55:
        deu = "interested"
    elif roll < p_deu + (1 - p_deu) * 0.68:
        deu = "not_interested"
    else:
        deu = "unknown"
    statuses += [("CHN", chn), ("DEU", deu)]
    exporter = deu == "exporting"
    for country, share_exporting, share_interested in _OTHER_MARKETS:
        roll = rng.random()
        boost = 1.6 if exporter else 0.5
        if roll < share_exporting * boost:
            statuses.append((country, "exporting"))
        elif roll < share_exporting * boost + share_interested:
            statuses.append((country, "interested"))
    return tuple(sorted(statuses))


def _contacts(
    rng: random.Random, domain: str, legal_form: str, band_min: int
) -> tuple[ContactSpec, ...]:
    count = 1 if band_min < 5 or rng.random() < 0.5 else 2
    contacts: list[ContactSpec] = []
    used_first: list[str] = []
    for position in range(count):
        roll = rng.random()
        if roll < 0.10:
            first, language = rng.choice(_FIRST_NAMES_DE), "de"
        elif roll < 0.14:
            first, language = rng.choice(_FIRST_NAMES_EN), "en"
        else:
            first, language = rng.choice(_FIRST_NAMES_DA), "da"
        while first in used_first:
            first = rng.choice(_FIRST_NAMES_DA)
        used_first.append(first)
        surname = rng.choice(_SURNAMES)
        if position == 0:
            title = "Indehaver" if legal_form == "ENK" else rng.choice(_TITLES_PRIMARY)
        else:
            title = rng.choice(_TITLES_SECOND)
        contacts.append(
            ContactSpec(
                name=f"{first} {surname}",
                job_title=title,
                email=f"{_slug(first)}@{domain}",
                language=language,
                is_primary=position == 0,
            )
        )
    return tuple(contacts)


def generate_companies(
    seed: int = SEED, count: int = COMPANY_COUNT
) -> list[CompanySpec]:
    """The demo's fictional companies, the same list for the same seed.

    >>> first = generate_companies(count=3)
    >>> first == generate_companies(count=3)
    True
    >>> all(c.cvr_number.startswith("9") for c in first)
    True
    """
    rng = random.Random(seed)  # noqa: S311  reproducible sample data, not secrets
    sector_plan = [sector for sector in SECTORS for _ in range(sector.count)]
    # Scale the plan to ``count`` by cycling it, then shuffle once.
    sectors = [sector_plan[i % len(sector_plan)] for i in range(count)]
    rng.shuffle(sectors)
    stems = [head + tail for head in _STEM_HEADS for tail in _STEM_TAILS]
    rng.shuffle(stems)
    # Exactly one firm in the top band: a manufacturer, placed by the shuffle.
    top_band_index = next(
        (i for i, s in enumerate(sectors) if s.group == "mechatronics" and i >= 100),
        None,
    )
    names_seen: set[str] = set()
    cvr_taken: set[str] = set()
    companies: list[CompanySpec] = []
    for index, sector in enumerate(sectors):
        interval = (
            _TOP_BAND if index == top_band_index else _weighted(rng, EMPLOYEE_BANDS)
        )
        band_min, band_max = parse_employee_interval(interval)
        band_min = band_min or 0
        legal_form = _legal_form(rng, band_min)
        stem = stems[index % len(stems)]
        trade = rng.choice(sector.trades)
        base = f"{stem} {trade}"
        if base in names_seen:  # only when count exceeds the number of stems
            base = f"{base} {index}"
        names_seen.add(base)
        name = base if legal_form == "ENK" else f"{base} {legal_form}"
        domain = f"{_slug(base)}.example"
        postcode, city, _ = TOWNS[
            rng.choices(range(len(TOWNS)), weights=[t[2] for t in TOWNS])[0]
        ]
        streets = _TOWN_STREETS if sector.group == "software" else _INDUSTRIAL_STREETS
        number = rng.randrange(1, 120)
        letter = rng.choice(("", "", "", "", "A", "B"))
        size_class = str(sme_class(employees_min=band_min, employees_max=band_max))
        product_count = min(
            len(sector.products), rng.choices((1, 2, 3, 4), weights=(35, 35, 20, 10))[0]
        )
        products = tuple(sorted(rng.sample(sector.products, product_count)))
        has_website = legal_form != "ENK" or rng.random() < 0.5
        companies.append(
            CompanySpec(
                cvr_number=fictional_cvr(rng, cvr_taken),
                name=name,
                legal_form=legal_form,
                street=f"{rng.choice(streets)} {number}{letter}",
                postcode=postcode,
                city=city,
                website=f"https://{domain}" if has_website else "",
                email=f"{rng.choice(('kontakt', 'info', 'mail'))}@{domain}",
                industry_code=sector.industry_code,
                employee_interval=interval,
                employees_min=band_min,
                employees_max=band_max,
                sme_class=size_class,
                founded=_founded(rng, band_min, legal_form),
                products=products,
                export_statuses=_export_statuses(rng, size_class, sector.group),
                contacts=_contacts(rng, domain, legal_form, band_min),
            )
        )
    return companies
