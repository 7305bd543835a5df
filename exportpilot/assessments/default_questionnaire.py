"""ExportPilot's default export-readiness questionnaire, in Danish, English, German and Chinese.

Written for ExportPilot in its own words, after the readiness dimensions of the
research summarised in ``docs/assessments/scoring.md``. The installer
(:func:`exportpilot.assessments.services.install_default_questionnaire`) turns
this data into the first published version of a workspace's questionnaire; a
workspace admin edits later versions in the app. Question keys are stable
identifiers: the requirement questions' keys match the engine's rules in
``exportpilot.engine.readiness.requirements``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["default_content"]

LANGUAGES = ("da", "en", "de", "zh-hans")


def t(en: str, da: str, de: str, zh: str) -> dict[str, str]:
    """A text in the four languages."""
    return {"en": en, "da": da, "de": de, "zh-hans": zh}


# (value, points, label); points None = "does not apply", left out of the score.
Scale = list[tuple[str, int | None, dict[str, str]]]

AGREE: Scale = [
    ("0", 0, t("Not at all", "Slet ikke", "Gar nicht", "完全没有")),
    ("1", 1, t("To a small extent", "I mindre grad", "In geringem Maße", "很少")),
    ("2", 2, t("Partly", "Delvist", "Teilweise", "部分")),
    ("3", 3, t("Largely", "I høj grad", "Weitgehend", "大部分")),
    ("4", 4, t("Fully", "Fuldt ud", "Vollständig", "完全")),
]
PROGRESS: Scale = [
    (
        "0",
        0,
        t(
            "Not considered yet",
            "Ikke overvejet endnu",
            "Noch nicht bedacht",
            "尚未考虑",
        ),
    ),
    ("1", 1, t("Thought about it", "Tænkt over det", "Darüber nachgedacht", "考虑过")),
    ("2", 2, t("Started", "Påbegyndt", "Begonnen", "已开始")),
    ("3", 3, t("Mostly done", "Næsten færdigt", "Größtenteils erledigt", "基本完成")),
    (
        "4",
        4,
        t(
            "Done and kept up to date",
            "Færdigt og holdes opdateret",
            "Erledigt und aktuell gehalten",
            "已完成并持续更新",
        ),
    ),
]
REQUIREMENT: Scale = [
    (
        "na",
        None,
        t(
            "Does not apply to our products",
            "Gælder ikke for vores produkter",
            "Gilt nicht für unsere Produkte",
            "不适用于我们的产品",
        ),
    ),
    (
        "0",
        0,
        t(
            "Don't know whether it applies",
            "Ved ikke, om det gælder",
            "Weiß nicht, ob es gilt",
            "不知道是否适用",
        ),
    ),
    (
        "1",
        1,
        t(
            "Applies, not started",
            "Gælder, ikke påbegyndt",
            "Gilt, noch nicht begonnen",
            "适用，尚未开始",
        ),
    ),
    ("2", 2, t("Planned", "Planlagt", "Geplant", "已计划")),
    ("3", 3, t("In progress", "I gang", "In Arbeit", "进行中")),
    ("4", 4, t("In place", "På plads", "Erledigt", "已完成")),
]


def custom(*labels: dict[str, str], na: dict[str, str] | None = None) -> Scale:
    """Five labelled options worth 0-4 points, plus an optional "does not apply"."""
    scale: Scale = [(str(i), i, label) for i, label in enumerate(labels)]
    if na is not None:
        scale.insert(0, ("na", None, na))
    return scale


DIMENSIONS: list[dict[str, Any]] = [
    {
        "key": "commitment",
        "weight": 1.0,
        "name": t(
            "Management commitment",
            "Ledelsens engagement",
            "Engagement der Geschäftsführung",
            "管理层投入",
        ),
        "description": t(
            "Goals, time and money that management puts into exporting.",
            "Mål, tid og penge, som ledelsen sætter af til eksport.",
            "Ziele, Zeit und Geld, die die Geschäftsführung in den Export steckt.",
            "管理层为出口投入的目标、时间和资金。",
        ),
    },
    {
        "key": "experience",
        "weight": 1.0,
        "name": t(
            "International experience",
            "International erfaring",
            "Internationale Erfahrung",
            "国际经验",
        ),
        "description": t(
            "What the company has already learnt from selling abroad.",
            "Hvad virksomheden allerede har lært af at sælge i udlandet.",
            "Was das Unternehmen beim Verkauf ins Ausland schon gelernt hat.",
            "公司在海外销售中已经积累的经验。",
        ),
    },
    {
        "key": "product",
        "weight": 1.0,
        "name": t(
            "Product adaptability",
            "Produktets tilpasningsevne",
            "Anpassungsfähigkeit des Produkts",
            "产品适应性",
        ),
        "description": t(
            "Why a foreign customer would buy the product, and what it takes to fit the market.",
            "Hvorfor en udenlandsk kunde vil købe produktet, og hvad der skal til for at tilpasse det markedet.",
            "Warum ein ausländischer Kunde das Produkt kaufen würde und was nötig ist, um es an den Markt anzupassen.",
            "外国客户为何会购买该产品，以及使其适应市场需要做什么。",
        ),
    },
    {
        "key": "capacity",
        "weight": 1.0,
        "name": t(
            "Production capacity and finance",
            "Produktionskapacitet og økonomi",
            "Produktionskapazität und Finanzen",
            "生产能力与资金",
        ),
        "description": t(
            "Room to deliver more, and money to carry the cost and risk of export orders.",
            "Plads til at levere mere og penge til at bære omkostninger og risiko ved eksportordrer.",
            "Spielraum, mehr zu liefern, und Geld, um Kosten und Risiken von Exportaufträgen zu tragen.",
            "扩大供货的余力，以及承担出口订单成本和风险的资金。",
        ),
    },
    {
        "key": "market_knowledge",
        "weight": 1.0,
        "name": t("Market knowledge", "Markedskendskab", "Marktkenntnis", "市场知识"),
        "description": t(
            "What the company knows about the target market, its customers, competitors and rules.",
            "Hvad virksomheden ved om målmarkedet, kunderne, konkurrenterne og reglerne.",
            "Was das Unternehmen über den Zielmarkt, seine Kunden, Wettbewerber und Regeln weiß.",
            "公司对目标市场及其客户、竞争对手和规则的了解。",
        ),
    },
    {
        "key": "sales",
        "weight": 1.0,
        "name": t(
            "Sales channels and marketing",
            "Salgskanaler og markedsføring",
            "Vertriebswege und Marketing",
            "销售渠道与营销",
        ),
        "description": t(
            "How the company will reach and win customers abroad.",
            "Hvordan virksomheden vil nå og vinde kunder i udlandet.",
            "Wie das Unternehmen Kunden im Ausland erreichen und gewinnen will.",
            "公司将如何接触并赢得海外客户。",
        ),
    },
    {
        "key": "compliance",
        "weight": 1.0,
        "name": t(
            "Legal compliance and intellectual property",
            "Jura, regler og immaterielle rettigheder",
            "Recht, Vorschriften und geistiges Eigentum",
            "法律合规与知识产权",
        ),
        "description": t(
            "Contracts, approvals and protection of brands and know-how.",
            "Kontrakter, godkendelser og beskyttelse af varemærker og knowhow.",
            "Verträge, Zulassungen und der Schutz von Marken und Know-how.",
            "合同、认证以及品牌和专有技术的保护。",
        ),
    },
    {
        "key": "culture",
        "weight": 1.0,
        "name": t(
            "Language and culture",
            "Sprog og kultur",
            "Sprache und Kultur",
            "语言与文化",
        ),
        "description": t(
            "Language skills and understanding of how business is done in the market.",
            "Sprogkundskaber og forståelse af, hvordan man gør forretninger på markedet.",
            "Sprachkenntnisse und Verständnis dafür, wie im Markt Geschäfte gemacht werden.",
            "语言能力以及对当地商业方式的理解。",
        ),
    },
    {
        "key": "digital",
        "weight": 1.0,
        "name": t(
            "Digital presence",
            "Digital tilstedeværelse",
            "Digitale Präsenz",
            "数字化形象",
        ),
        "description": t(
            "Whether foreign buyers can find, understand and order from the company online.",
            "Om udenlandske købere kan finde, forstå og bestille hos virksomheden online.",
            "Ob ausländische Käufer das Unternehmen online finden, verstehen und dort bestellen können.",
            "海外买家能否在网上找到、了解公司并向其下单。",
        ),
    },
    {
        "key": "requirements",
        "weight": 1.0,
        "name": t(
            "Market requirements", "Markedskrav", "Marktanforderungen", "市场准入要求"
        ),
        "description": t(
            "Registrations, certificates and labels that the selected markets require for your products.",
            "Registreringer, certifikater og mærkning, som de valgte markeder kræver for jeres produkter.",
            "Registrierungen, Zertifikate und Kennzeichnungen, die die gewählten Märkte für Ihre Produkte verlangen.",
            "所选市场对贵公司产品要求的注册、认证和标签。",
        ),
    },
]

SERVICES: list[dict[str, Any]] = [
    {
        "key": "trade_council",
        "url": "https://thetradecouncil.dk",
        "name": t(
            "The Trade Council (Ministry of Foreign Affairs)",
            "Eksportrådet (Udenrigsministeriet)",
            "Der dänische Trade Council (Außenministerium)",
            "丹麦贸易委员会（外交部）",
        ),
        "description": t(
            "Market analysis, partner search, visit programmes and joint export promotions through Denmark's embassies and consulates; reduced rates for SMEs.",
            "Markedsanalyser, partnersøgning, besøgsprogrammer og fælles eksportfremstød gennem ambassader og konsulater; nedsatte priser for SMV'er.",
            "Marktanalysen, Partnersuche, Besuchsprogramme und gemeinsame Exportförderaktionen über Dänemarks Botschaften und Konsulate; ermäßigte Preise für KMU.",
            "通过丹麦驻外使领馆提供市场分析、寻找合作伙伴、考察安排和联合出口推广；中小企业享受优惠价格。",
        ),
    },
    {
        "key": "erhvervshus",
        "url": "https://erhvervshusene.dk",
        "name": t(
            "Erhvervshus export advisers (regional business hub)",
            "Erhvervshusets eksportrådgivere",
            "Exportberater des Erhvervshus (regionales Wirtschaftszentrum)",
            "Erhvervshus 出口顾问（地区商业中心）",
        ),
        "description": t(
            "Free, neutral advice for SMEs on export plans, budgets and financing; entry to the national company programme with an internationalisation track.",
            "Gratis, neutral rådgivning til SMV'er om eksportplaner, budgetter og finansiering; indgang til Virksomhedsprogrammet med et internationaliseringsspor.",
            "Kostenlose, neutrale Beratung für KMU zu Exportplänen, Budgets und Finanzierung; Zugang zum nationalen Unternehmensprogramm mit einem Internationalisierungszweig.",
            "为中小企业提供关于出口计划、预算和融资的免费中立咨询；可参加设有国际化方向的国家企业计划。",
        ),
    },
    {
        "key": "eifo",
        "url": "https://www.eifo.dk",
        "name": t(
            "EIFO – Denmark's Export and Investment Fund",
            "EIFO – Danmarks Eksport- og Investeringsfond",
            "EIFO – Dänemarks Export- und Investitionsfonds",
            "EIFO – 丹麦出口与投资基金",
        ),
        "description": t(
            "Export credit and guarantees: SME guarantees for export orders, working-capital guarantees, buyer financing and bond guarantees.",
            "Eksportkredit og garantier: SMV-garantier til eksportordrer, driftskapitalgarantier, køberfinansiering og kautioner.",
            "Exportkredite und Garantien: KMU-Garantien für Exportaufträge, Betriebsmittelgarantien, Käuferfinanzierung und Bürgschaften.",
            "出口信贷与担保：中小企业出口订单担保、营运资金担保、买方融资和保函。",
        ),
    },
    {
        "key": "een",
        "url": "https://een.ec.europa.eu",
        "name": t(
            "Enterprise Europe Network Denmark",
            "Enterprise Europe Network Danmark",
            "Enterprise Europe Network Dänemark",
            "欧洲企业网络（丹麦）",
        ),
        "description": t(
            "Partner search across Europe, advice on EU rules (CE marking, product law) and cooperation profiles.",
            "Partnersøgning i hele Europa, rådgivning om EU-regler (CE-mærkning, produktlovgivning) og samarbejdsprofiler.",
            "Partnersuche in ganz Europa, Beratung zu EU-Vorschriften (CE-Kennzeichnung, Produktrecht) und Kooperationsprofile.",
            "在欧洲范围寻找合作伙伴，提供欧盟法规（CE标志、产品法规）咨询和合作需求发布。",
        ),
    },
    {
        "key": "dvfa",
        "url": "https://foedevarestyrelsen.dk",
        "name": t(
            "Danish Veterinary and Food Administration – export certification",
            "Fødevarestyrelsen – eksportcertificering",
            "Dänische Veterinär- und Lebensmittelbehörde – Exportzertifizierung",
            "丹麦兽医和食品管理局 – 出口认证",
        ),
        "description": t(
            "Export certificates for food and the recommendation to Chinese customs (GACC) that some food categories need.",
            "Eksportcertifikater til fødevarer og den anbefaling til de kinesiske toldmyndigheder (GACC), som nogle fødevarekategorier kræver.",
            "Exportzertifikate für Lebensmittel und die Empfehlung an den chinesischen Zoll (GACC), die einige Lebensmittelkategorien benötigen.",
            "食品出口证书，以及部分食品类别所需的向中国海关总署（GACC）的推荐。",
        ),
    },
    {
        "key": "ipr_helpdesk",
        "url": "https://intellectual-property-helpdesk.ec.europa.eu",
        "name": t(
            "China IPR SME Helpdesk",
            "China IPR SME Helpdesk",
            "China IPR SME Helpdesk",
            "中国知识产权中小企业服务台",
        ),
        "description": t(
            "Free, confidential EU-funded answers on protecting trademarks, patents and designs in China, usually within a week.",
            "Gratis, fortrolige svar (EU-finansieret) om beskyttelse af varemærker, patenter og design i Kina, normalt inden for en uge.",
            "Kostenlose, vertrauliche Antworten (EU-finanziert) zum Schutz von Marken, Patenten und Designs in China, meist innerhalb einer Woche.",
            "由欧盟资助，免费、保密地解答在中国保护商标、专利和外观设计的问题，通常一周内答复。",
        ),
    },
    {
        "key": "eu_sme_centre",
        "url": "https://www.eusmecentre.org.cn",
        "name": t(
            "EU SME Centre (Beijing)",
            "EU SME Centre (Beijing)",
            "EU SME Centre (Peking)",
            "欧盟中小企业中心（北京）",
        ),
        "description": t(
            "Free practical guidance for European SMEs on the Chinese market: certification, labelling, customs and food registration.",
            "Gratis praktisk vejledning til europæiske SMV'er om det kinesiske marked: certificering, mærkning, told og registrering af fødevarer.",
            "Kostenlose praktische Hilfe für europäische KMU zum chinesischen Markt: Zertifizierung, Kennzeichnung, Zoll und Lebensmittelregistrierung.",
            "为欧洲中小企业提供有关中国市场的免费实用指导：认证、标签、海关和食品注册。",
        ),
    },
    {
        "key": "ahk",
        "url": "https://www.handelskammer.dk",
        "name": t(
            "German-Danish Chamber of Commerce (AHK Dänemark)",
            "Det Tysk-Danske Handelskammer (AHK Dänemark)",
            "Deutsch-Dänische Handelskammer (AHK Dänemark)",
            "德国-丹麦工商会（AHK Dänemark）",
        ),
        "description": t(
            "Market entry in Germany: partner search, legal and tax questions, registrations (packaging, WEEE) and trade-fair support.",
            "Markedsadgang i Tyskland: partnersøgning, juridiske og skattemæssige spørgsmål, registreringer (emballage, WEEE) og messestøtte.",
            "Markteintritt in Deutschland: Partnersuche, Rechts- und Steuerfragen, Registrierungen (Verpackung, WEEE) und Messeunterstützung.",
            "进入德国市场：寻找合作伙伴、法律和税务问题、注册（包装、WEEE）以及展会支持。",
        ),
    },
    {
        "key": "local",
        "url": "",
        "name": t(
            "Your local business service",
            "Jeres lokale erhvervsservice",
            "Ihre örtliche Wirtschaftsförderung",
            "当地企业服务机构",
        ),
        "description": t(
            "The municipality's business office and growth council: first contact, local networks, delegations and partner-city relations.",
            "Kommunens erhvervskontor og vækstråd: første kontakt, lokale netværk, delegationer og venskabsbyer.",
            "Die Wirtschaftsförderung der Kommune und der Wachstumsrat: erste Anlaufstelle, lokale Netzwerke, Delegationen und Partnerstädte.",
            "市政府企业办公室和增长委员会：首要联系点、本地网络、代表团和友好城市关系。",
        ),
    },
]


def q(
    key: str,
    dimension: str,
    scale: Scale,
    text: dict[str, str],
    why: dict[str, str],
    next_step: dict[str, str],
    service: str,
    *,
    weight: float = 1.0,
    market: str = "",
) -> dict[str, Any]:
    return {
        "key": key,
        "dimension": dimension,
        "weight": weight,
        "market": market,
        "service": service,
        "text": text,
        "why": why,
        "next_step": next_step,
        "options": [
            {"value": value, "points": points, "label": label}
            for value, points, label in scale
        ],
    }


QUESTIONS: list[dict[str, Any]] = [
    # --- Management commitment -------------------------------------------------
    q(
        "commitment_goal",
        "commitment",
        PROGRESS,
        t(
            "Has the owner or board set a written export goal for the next two to three years?",
            "Har ejeren eller bestyrelsen sat et skriftligt eksportmål for de næste to til tre år?",
            "Hat der Inhaber oder der Vorstand ein schriftliches Exportziel für die nächsten zwei bis drei Jahre festgelegt?",
            "公司所有者或董事会是否制定了未来两到三年的书面出口目标？",
        ),
        t(
            "Exporting takes longer and costs more than most firms expect. A written goal keeps the effort going when the first orders are slow to come.",
            "Eksport tager længere tid og koster mere, end de fleste virksomheder regner med. Et skriftligt mål holder fast i indsatsen, når de første ordrer lader vente på sig.",
            "Export dauert länger und kostet mehr, als die meisten Unternehmen erwarten. Ein schriftliches Ziel hält die Anstrengung aufrecht, wenn die ersten Aufträge auf sich warten lassen.",
            "出口所需的时间和成本往往超出大多数企业的预期。书面目标能在首批订单迟迟未到时让工作坚持下去。",
        ),
        t(
            "Write down a two-to-three-year export goal with a budget and one person responsible, and have the owner or board approve it.",
            "Skriv et eksportmål for to til tre år ned med et budget og en ansvarlig person, og få ejeren eller bestyrelsen til at godkende det.",
            "Legen Sie ein Exportziel für zwei bis drei Jahre mit Budget und einer verantwortlichen Person schriftlich fest und lassen Sie es vom Inhaber oder Vorstand beschließen.",
            "写下两到三年的出口目标，明确预算和负责人，并由所有者或董事会批准。",
        ),
        "erhvervshus",
        weight=2.0,
    ),
    q(
        "commitment_time",
        "commitment",
        custom(
            t("Hardly any", "Næsten ingen", "Kaum welche", "几乎没有"),
            t(
                "A few hours a month",
                "Nogle timer om måneden",
                "Einige Stunden im Monat",
                "每月几个小时",
            ),
            t(
                "One to two days a month",
                "En til to dage om måneden",
                "Ein bis zwei Tage im Monat",
                "每月一到两天",
            ),
            t(
                "About one day a week",
                "Omkring en dag om ugen",
                "Etwa einen Tag pro Woche",
                "每周约一天",
            ),
            t(
                "A person working on it most of the time",
                "En person, der arbejder med det det meste af tiden",
                "Eine Person, die größtenteils daran arbeitet",
                "有专人大部分时间负责",
            ),
        ),
        t(
            "How much management time can you set aside for a new market over the next 12 months?",
            "Hvor meget ledelsestid kan I sætte af til et nyt marked de næste 12 måneder?",
            "Wie viel Zeit der Geschäftsführung können Sie in den nächsten 12 Monaten für einen neuen Markt einplanen?",
            "未来12个月内，管理层能为一个新市场投入多少时间？",
        ),
        t(
            "Buyers and partners abroad expect quick answers and visits. Without time set aside, export work is pushed aside by daily business.",
            "Købere og partnere i udlandet forventer hurtige svar og besøg. Uden afsat tid bliver eksportarbejdet skubbet til side af den daglige drift.",
            "Käufer und Partner im Ausland erwarten schnelle Antworten und Besuche. Ohne eingeplante Zeit wird die Exportarbeit vom Tagesgeschäft verdrängt.",
            "海外买家和合作伙伴期待快速回复和拜访。如果不预留时间，出口工作会被日常业务挤掉。",
        ),
        t(
            "Decide who owns export work and block regular time for it in the calendar; consider a shared or part-time export manager.",
            "Beslut, hvem der ejer eksportarbejdet, og sæt fast tid af i kalenderen; overvej en delt eller deltids eksportchef.",
            "Legen Sie fest, wer für den Export zuständig ist, und reservieren Sie regelmäßig Zeit im Kalender; erwägen Sie einen geteilten oder Teilzeit-Exportleiter.",
            "确定由谁负责出口工作，并在日程中固定预留时间；可考虑共享或兼职的出口经理。",
        ),
        "erhvervshus",
        weight=2.0,
    ),
    q(
        "commitment_budget",
        "commitment",
        custom(
            t("No budget", "Intet budget", "Kein Budget", "没有预算"),
            t(
                "Ad hoc, case by case",
                "Ad hoc, fra sag til sag",
                "Von Fall zu Fall",
                "临时，逐项决定",
            ),
            t(
                "A small budget for this year",
                "Et lille budget for i år",
                "Ein kleines Budget für dieses Jahr",
                "今年有少量预算",
            ),
            t(
                "A budget for this year and next",
                "Et budget for i år og næste år",
                "Ein Budget für dieses und nächstes Jahr",
                "今明两年都有预算",
            ),
            t(
                "A multi-year budget tied to the export goal",
                "Et flerårigt budget knyttet til eksportmålet",
                "Ein mehrjähriges Budget, das an das Exportziel gebunden ist",
                "与出口目标挂钩的多年预算",
            ),
        ),
        t(
            "Is there a budget for market entry (travel, fairs, adaptation, advice)?",
            "Er der et budget til markedsindtræden (rejser, messer, tilpasning, rådgivning)?",
            "Gibt es ein Budget für den Markteintritt (Reisen, Messen, Anpassung, Beratung)?",
            "是否有进入市场的预算（差旅、展会、产品调整、咨询）？",
        ),
        t(
            "Entering a market usually costs money a year or two before sales pay it back.",
            "Det koster som regel penge at komme ind på et marked et år eller to, før salget betaler det tilbage.",
            "Ein Markteintritt kostet meist ein oder zwei Jahre lang Geld, bevor die Umsätze es zurückbringen.",
            "进入一个市场通常要先投入一两年的资金，之后销售才能收回成本。",
        ),
        t(
            "Estimate the cost of the first two years in the market and set aside a budget; ask about co-funded programmes.",
            "Anslå omkostningerne ved de første to år på markedet, og sæt et budget af; spørg til medfinansierede programmer.",
            "Schätzen Sie die Kosten der ersten zwei Jahre im Markt, stellen Sie ein Budget bereit und fragen Sie nach kofinanzierten Programmen.",
            "估算进入市场头两年的成本并预留预算；咨询有无共同资助的项目。",
        ),
        "erhvervshus",
    ),
    # --- International experience ---------------------------------------------
    q(
        "experience_share",
        "experience",
        custom(
            t("None", "Ingen", "Keiner", "没有"),
            t("Under 5 %", "Under 5 %", "Unter 5 %", "低于5%"),
            t("5–20 %", "5–20 %", "5–20 %", "5%–20%"),
            t("20–50 %", "20–50 %", "20–50 %", "20%–50%"),
            t("Over 50 %", "Over 50 %", "Über 50 %", "超过50%"),
        ),
        t(
            "How large a share of your turnover comes from sales outside Denmark?",
            "Hvor stor en andel af jeres omsætning kommer fra salg uden for Danmark?",
            "Welcher Anteil Ihres Umsatzes stammt aus Verkäufen außerhalb Dänemarks?",
            "贵公司营业额中有多大比例来自丹麦以外的销售？",
        ),
        t(
            "Experience from any foreign market makes the next one easier: you already know freight, payment and contracts.",
            "Erfaring fra et hvilket som helst udenlandsk marked gør det næste lettere: I kender allerede til fragt, betaling og kontrakter.",
            "Erfahrung aus jedem Auslandsmarkt erleichtert den nächsten: Sie kennen Fracht, Zahlung und Verträge bereits.",
            "任何海外市场的经验都会让下一个市场更容易：您已经熟悉运输、付款和合同。",
        ),
        t(
            "Start with one nearby market or a few test customers abroad to build routine before a distant market.",
            "Start med et nærmarked eller nogle få testkunder i udlandet for at opbygge rutine før et fjernt marked.",
            "Beginnen Sie mit einem nahen Markt oder einigen Testkunden im Ausland, um Routine aufzubauen, bevor Sie einen fernen Markt angehen.",
            "先从一个邻近市场或几个海外试点客户开始，积累经验后再进入遥远市场。",
        ),
        "erhvervshus",
    ),
    q(
        "experience_orders",
        "experience",
        custom(
            t(
                "We have had none",
                "Vi har ikke haft nogen",
                "Wir hatten keine",
                "我们还没有过",
            ),
            t(
                "Occasional, unsolicited enquiries",
                "Lejlighedsvise, uopfordrede henvendelser",
                "Gelegentliche, unaufgeforderte Anfragen",
                "偶尔的主动询价",
            ),
            t(
                "Some repeat customers",
                "Nogle faste kunder",
                "Einige Stammkunden",
                "一些回头客",
            ),
            t(
                "We look for customers abroad on purpose",
                "Vi søger bevidst kunder i udlandet",
                "Wir suchen gezielt Kunden im Ausland",
                "我们有意识地寻找海外客户",
            ),
            t(
                "A planned export activity with targets",
                "En planlagt eksportindsats med mål",
                "Eine geplante Exportaktivität mit Zielen",
                "有目标的计划性出口活动",
            ),
        ),
        t(
            "How do your foreign orders come about?",
            "Hvordan opstår jeres udenlandske ordrer?",
            "Wie kommen Ihre Auslandsaufträge zustande?",
            "贵公司的海外订单是怎样来的？",
        ),
        t(
            "Firms that only answer enquiries rarely grow abroad; planned sales work does.",
            "Virksomheder, der kun besvarer henvendelser, vokser sjældent i udlandet; det gør planlagt salgsarbejde.",
            "Unternehmen, die nur auf Anfragen reagieren, wachsen selten im Ausland; geplante Vertriebsarbeit schon.",
            "只被动回复询价的企业很少能在海外成长，有计划的销售工作才能。",
        ),
        t(
            "Turn occasional enquiries into a plan: list the foreign customers you have, ask them why they bought, and find more like them.",
            "Gør lejlighedsvise henvendelser til en plan: list jeres udenlandske kunder, spørg dem, hvorfor de købte, og find flere af samme slags.",
            "Machen Sie aus gelegentlichen Anfragen einen Plan: Listen Sie Ihre Auslandskunden auf, fragen Sie, warum sie gekauft haben, und suchen Sie ähnliche Kunden.",
            "把偶尔的询价变成计划：列出现有海外客户，询问他们购买的原因，并寻找更多类似客户。",
        ),
        "trade_council",
    ),
    q(
        "experience_staff",
        "experience",
        custom(
            t("No one", "Ingen", "Niemand", "没有人"),
            t(
                "Some contact, little experience",
                "Lidt kontakt, lidt erfaring",
                "Etwas Kontakt, wenig Erfahrung",
                "有些接触，经验不多",
            ),
            t(
                "One person with experience",
                "En person med erfaring",
                "Eine Person mit Erfahrung",
                "一人有经验",
            ),
            t("A few people", "Nogle få personer", "Einige Personen", "几个人"),
            t(
                "A team with experience of the target market",
                "Et team med erfaring fra målmarkedet",
                "Ein Team mit Erfahrung im Zielmarkt",
                "有熟悉目标市场的团队",
            ),
        ),
        t(
            "Do you have staff who have worked with foreign customers or lived abroad?",
            "Har I medarbejdere, der har arbejdet med udenlandske kunder eller boet i udlandet?",
            "Haben Sie Mitarbeitende, die mit ausländischen Kunden gearbeitet oder im Ausland gelebt haben?",
            "贵公司是否有与海外客户打过交道或在国外生活过的员工？",
        ),
        t(
            "People who have done it before spot practical problems early: documents, payment terms, culture.",
            "Folk, der har prøvet det før, opdager praktiske problemer tidligt: dokumenter, betalingsbetingelser, kultur.",
            "Wer es schon einmal gemacht hat, erkennt praktische Probleme früh: Dokumente, Zahlungsbedingungen, Kultur.",
            "有经验的人能及早发现实际问题：单证、付款条件、文化差异。",
        ),
        t(
            "Pair your sales staff with an experienced mentor or hire help for the first trips; consider an export trainee.",
            "Sæt jeres sælgere sammen med en erfaren mentor, eller hent hjælp til de første rejser; overvej en eksportpraktikant.",
            "Stellen Sie Ihrem Vertrieb einen erfahrenen Mentor zur Seite oder holen Sie sich Hilfe für die ersten Reisen; erwägen Sie einen Export-Trainee.",
            "为销售人员配一位有经验的导师，或为最初几次出访聘请帮手；也可考虑招收出口实习生。",
        ),
        "erhvervshus",
    ),
    # --- Product adaptability ---------------------------------------------------
    q(
        "product_usp",
        "product",
        custom(
            t("Not yet", "Ikke endnu", "Noch nicht", "还不能"),
            t("Roughly", "Nogenlunde", "Ungefähr", "大致可以"),
            t(
                "Yes, but not tested abroad",
                "Ja, men ikke afprøvet i udlandet",
                "Ja, aber nicht im Ausland getestet",
                "可以，但未在海外验证",
            ),
            t(
                "Yes, and customers confirm it",
                "Ja, og kunderne bekræfter det",
                "Ja, und Kunden bestätigen es",
                "可以，客户也认可",
            ),
            t(
                "Yes, documented and tested abroad",
                "Ja, dokumenteret og afprøvet i udlandet",
                "Ja, dokumentiert und im Ausland getestet",
                "可以，有文件记录并在海外验证过",
            ),
        ),
        t(
            "Can you explain in one sentence why a foreign customer should choose your product over local alternatives?",
            "Kan I forklare i én sætning, hvorfor en udenlandsk kunde skal vælge jeres produkt frem for lokale alternativer?",
            "Können Sie in einem Satz erklären, warum ein ausländischer Kunde Ihr Produkt statt lokaler Alternativen wählen sollte?",
            "您能否用一句话说明，海外客户为什么应选择您的产品而不是当地替代品？",
        ),
        t(
            "Foreign buyers already have suppliers. A clear advantage is what makes them switch.",
            "Udenlandske købere har allerede leverandører. En klar fordel er det, der får dem til at skifte.",
            "Ausländische Käufer haben bereits Lieferanten. Ein klarer Vorteil bringt sie zum Wechsel.",
            "海外买家已有供应商，清晰的优势才会让他们更换供应商。",
        ),
        t(
            "Write down your advantage and test it with two or three potential foreign customers or a distributor.",
            "Skriv jeres fordel ned, og afprøv den på to eller tre mulige udenlandske kunder eller en distributør.",
            "Formulieren Sie Ihren Vorteil schriftlich und testen Sie ihn bei zwei oder drei möglichen Auslandskunden oder einem Vertriebspartner.",
            "写下您的优势，并向两三个潜在海外客户或一家经销商验证。",
        ),
        "trade_council",
        weight=2.0,
    ),
    q(
        "product_home_success",
        "product",
        custom(
            t(
                "Not on the market yet",
                "Ikke på markedet endnu",
                "Noch nicht auf dem Markt",
                "尚未上市",
            ),
            t("First customers", "De første kunder", "Erste Kunden", "有了首批客户"),
            t("Steady sales", "Stabilt salg", "Stetige Verkäufe", "销售稳定"),
            t(
                "Growing sales and repeat customers",
                "Voksende salg og genkøb",
                "Wachsende Verkäufe und Stammkunden",
                "销售增长且有回头客",
            ),
            t(
                "A strong position in its niche",
                "En stærk position i sin niche",
                "Eine starke Position in seiner Nische",
                "在细分市场地位稳固",
            ),
        ),
        t(
            "How well does the product sell in Denmark?",
            "Hvor godt sælger produktet i Danmark?",
            "Wie gut verkauft sich das Produkt in Dänemark?",
            "该产品在丹麦的销售情况如何？",
        ),
        t(
            "Success at home is the best evidence that the product works and that you can deliver it.",
            "Succes på hjemmemarkedet er det bedste bevis på, at produktet virker, og at I kan levere det.",
            "Erfolg im Heimatmarkt ist der beste Beweis, dass das Produkt funktioniert und Sie liefern können.",
            "在本国市场的成功是产品可靠、公司能够交付的最好证明。",
        ),
        t(
            "Collect references and figures from Danish customers to use in your first foreign pitch.",
            "Saml referencer og tal fra danske kunder, som I kan bruge i jeres første præsentation i udlandet.",
            "Sammeln Sie Referenzen und Zahlen dänischer Kunden für Ihre erste Präsentation im Ausland.",
            "收集丹麦客户的推荐和数据，用于首次海外推介。",
        ),
        "local",
    ),
    q(
        "product_adapt_needs",
        "product",
        PROGRESS,
        t(
            "Do you know what must change in the product for the target market (standards, voltage, size, taste, packaging)?",
            "Ved I, hvad der skal ændres ved produktet til målmarkedet (standarder, spænding, størrelse, smag, emballage)?",
            "Wissen Sie, was am Produkt für den Zielmarkt geändert werden muss (Normen, Spannung, Größe, Geschmack, Verpackung)?",
            "您是否清楚产品需要为目标市场做哪些改动（标准、电压、尺寸、口味、包装）？",
        ),
        t(
            "Small differences in standards or habits can stop a sale, and adaptation takes time and money.",
            "Små forskelle i standarder eller vaner kan stoppe et salg, og tilpasning tager tid og koster penge.",
            "Kleine Unterschiede bei Normen oder Gewohnheiten können einen Verkauf verhindern, und Anpassung kostet Zeit und Geld.",
            "标准或习惯上的细微差别就可能让交易告吹，而产品调整需要时间和资金。",
        ),
        t(
            "List the differences for your target market (standards, packaging, language, taste) and get a cost estimate for the changes.",
            "Lav en liste over forskellene på målmarkedet (standarder, emballage, sprog, smag), og få et overslag over, hvad ændringerne koster.",
            "Listen Sie die Unterschiede im Zielmarkt auf (Normen, Verpackung, Sprache, Geschmack) und lassen Sie die Kosten der Änderungen schätzen.",
            "列出目标市场的差异（标准、包装、语言、口味），并估算改动成本。",
        ),
        "trade_council",
    ),
    q(
        "product_adapt_ability",
        "product",
        AGREE,
        t(
            "Can you adapt the product and its packaging if the market needs it?",
            "Kan I tilpasse produktet og emballagen, hvis markedet kræver det?",
            "Können Sie das Produkt und seine Verpackung anpassen, wenn der Markt es verlangt?",
            "如果市场需要，您能否调整产品及其包装？",
        ),
        t(
            "Flexibility to adapt is one of the clearest signs that a firm will succeed abroad.",
            "Evnen til at tilpasse sig er et af de tydeligste tegn på, at en virksomhed vil få succes i udlandet.",
            "Die Fähigkeit zur Anpassung ist eines der deutlichsten Zeichen dafür, dass ein Unternehmen im Ausland Erfolg haben wird.",
            "灵活调整的能力是企业能在海外成功的最明显迹象之一。",
        ),
        t(
            "Check with production and suppliers what a market version would cost, and plan a small first batch.",
            "Afklar med produktionen og leverandørerne, hvad en markedsversion vil koste, og planlæg et lille første parti.",
            "Klären Sie mit Produktion und Lieferanten, was eine Marktversion kosten würde, und planen Sie eine kleine erste Charge.",
            "与生产部门和供应商确认市场版本的成本，并计划一小批首批产品。",
        ),
        "erhvervshus",
    ),
    q(
        "product_price",
        "product",
        PROGRESS,
        t(
            "Do you know whether your price is competitive in the target market, including freight, duties and the partner's margin?",
            "Ved I, om jeres pris er konkurrencedygtig på målmarkedet, inklusive fragt, told og partnerens avance?",
            "Wissen Sie, ob Ihr Preis im Zielmarkt wettbewerbsfähig ist, einschließlich Fracht, Zöllen und Marge des Partners?",
            "您是否知道，算上运费、关税和合作伙伴利润后，您的价格在目标市场是否有竞争力？",
        ),
        t(
            "Freight, duties and distributor margins can double the shelf price. Many firms find out too late.",
            "Fragt, told og distributørens avance kan fordoble hyldeprisen. Mange virksomheder opdager det for sent.",
            "Fracht, Zölle und Händlermargen können den Endpreis verdoppeln. Viele Unternehmen merken das zu spät.",
            "运费、关税和经销商利润可能使终端价格翻倍，很多企业发现时已太晚。",
        ),
        t(
            "Build a price calculation from factory to end customer in the target market and compare it with competitors' prices.",
            "Lav en priskalkulation fra fabrik til slutkunde på målmarkedet, og sammenlign den med konkurrenternes priser.",
            "Erstellen Sie eine Preiskalkulation vom Werk bis zum Endkunden im Zielmarkt und vergleichen Sie sie mit den Preisen der Wettbewerber.",
            "建立从工厂到目标市场终端客户的价格核算，并与竞争对手价格比较。",
        ),
        "trade_council",
    ),
    q(
        "product_service",
        "product",
        custom(
            t("No", "Nej", "Nein", "不能"),
            t(
                "Only from Denmark, slowly",
                "Kun fra Danmark, langsomt",
                "Nur von Dänemark aus, langsam",
                "只能从丹麦提供，速度慢",
            ),
            t(
                "Remotely, from Denmark",
                "Fjernsupport fra Danmark",
                "Per Fernwartung aus Dänemark",
                "可从丹麦远程提供",
            ),
            t(
                "Through a partner in some markets",
                "Gennem en partner på nogle markeder",
                "Über einen Partner in einigen Märkten",
                "在部分市场通过合作伙伴提供",
            ),
            t(
                "Yes, set up for the target market",
                "Ja, sat op til målmarkedet",
                "Ja, für den Zielmarkt eingerichtet",
                "可以，已为目标市场做好安排",
            ),
            na=t(
                "Not needed for our product",
                "Ikke nødvendigt for vores produkt",
                "Für unser Produkt nicht nötig",
                "我们的产品不需要",
            ),
        ),
        t(
            "Can you deliver after-sales service (installation, spare parts, support) abroad?",
            "Kan I levere service efter salget (installation, reservedele, support) i udlandet?",
            "Können Sie im Ausland Kundendienst leisten (Installation, Ersatzteile, Support)?",
            "您能否在海外提供售后服务（安装、备件、技术支持）？",
        ),
        t(
            "Buyers of technical products ask who will help when something breaks. Without an answer they stay with local suppliers.",
            "Købere af tekniske produkter spørger, hvem der hjælper, når noget går i stykker. Uden et svar bliver de hos lokale leverandører.",
            "Käufer technischer Produkte fragen, wer hilft, wenn etwas kaputtgeht. Ohne Antwort bleiben sie bei lokalen Lieferanten.",
            "技术产品的买家会问出故障时谁来帮忙，没有答案他们就会继续用本地供应商。",
        ),
        t(
            "Decide how service will work in the market: remote support, a trained partner or spare parts in stock.",
            "Beslut, hvordan service skal fungere på markedet: fjernsupport, en uddannet partner eller reservedele på lager.",
            "Legen Sie fest, wie der Service im Markt funktionieren soll: Fernsupport, ein geschulter Partner oder Ersatzteile auf Lager.",
            "确定在该市场如何提供服务：远程支持、经培训的合作伙伴或备件库存。",
        ),
        "een",
    ),
    # --- Production capacity and finance ----------------------------------------
    q(
        "capacity_volume",
        "capacity",
        custom(
            t("No", "Nej", "Nein", "不能"),
            t(
                "Only with great difficulty",
                "Kun med stort besvær",
                "Nur mit großer Mühe",
                "非常困难",
            ),
            t(
                "With overtime or extra shifts",
                "Med overarbejde eller ekstra skift",
                "Mit Überstunden oder Zusatzschichten",
                "需要加班或增加班次",
            ),
            t(
                "Yes, with planned investment",
                "Ja, med planlagte investeringer",
                "Ja, mit geplanten Investitionen",
                "可以，需按计划投资",
            ),
            t(
                "Yes, we have spare capacity",
                "Ja, vi har ledig kapacitet",
                "Ja, wir haben freie Kapazität",
                "可以，我们有富余产能",
            ),
        ),
        t(
            "Could you handle a 20 % increase in volume within six months?",
            "Kan I klare en stigning i mængden på 20 % inden for seks måneder?",
            "Könnten Sie innerhalb von sechs Monaten 20 % mehr Menge bewältigen?",
            "您能否在六个月内应对20%的产量增长？",
        ),
        t(
            "A first large order from abroad can swamp production and hurt deliveries to existing customers.",
            "En første stor ordre fra udlandet kan oversvømme produktionen og gå ud over leverancerne til eksisterende kunder.",
            "Ein erster großer Auslandsauftrag kann die Produktion überlasten und Lieferungen an bestehende Kunden gefährden.",
            "来自海外的第一笔大订单可能压垮生产，影响对现有客户的交付。",
        ),
        t(
            "Plan how you would meet a larger order: suppliers, shifts, subcontractors, and the lead time for each.",
            "Planlæg, hvordan I vil klare en større ordre: leverandører, skift, underleverandører og leveringstiden for hver.",
            "Planen Sie, wie Sie einen größeren Auftrag bewältigen würden: Lieferanten, Schichten, Unterauftragnehmer und jeweilige Vorlaufzeit.",
            "规划如何应对大订单：供应商、班次、分包商以及各自的交货周期。",
        ),
        "erhvervshus",
    ),
    q(
        "capacity_logistics",
        "capacity",
        PROGRESS,
        t(
            "Do you have an arrangement for shipping abroad (freight forwarder, Incoterms, documents)?",
            "Har I en ordning for forsendelse til udlandet (speditør, Incoterms, dokumenter)?",
            "Haben Sie eine Lösung für den Versand ins Ausland (Spediteur, Incoterms, Dokumente)?",
            "您是否已安排好海外运输（货代、国际贸易术语、单证）？",
        ),
        t(
            "Getting goods across a border needs the right documents and terms; mistakes cost money and customers.",
            "Det kræver de rigtige dokumenter og betingelser at få varer over en grænse; fejl koster penge og kunder.",
            "Für den Grenzübertritt von Waren braucht man die richtigen Dokumente und Bedingungen; Fehler kosten Geld und Kunden.",
            "货物跨境需要正确的单证和条款，出错会损失金钱和客户。",
        ),
        t(
            "Talk to a freight forwarder about shipping to the target market and agree which Incoterms you will offer.",
            "Tal med en speditør om forsendelse til målmarkedet, og beslut, hvilke Incoterms I vil tilbyde.",
            "Sprechen Sie mit einem Spediteur über den Versand in den Zielmarkt und legen Sie fest, welche Incoterms Sie anbieten.",
            "与货代商讨向目标市场的运输，并确定您将提供的国际贸易术语。",
        ),
        "erhvervshus",
    ),
    q(
        "finance_working_capital",
        "capacity",
        custom(
            t("No", "Nej", "Nein", "不能"),
            t(
                "Only for small orders",
                "Kun til små ordrer",
                "Nur für kleine Aufträge",
                "只适用于小订单",
            ),
            t(
                "For a few months, with strain",
                "I nogle måneder, men det presser",
                "Einige Monate, mit Mühe",
                "可以支撑几个月，但有压力",
            ),
            t(
                "Yes, with our bank",
                "Ja, med vores bank",
                "Ja, mit unserer Bank",
                "可以，通过我们的银行",
            ),
            t(
                "Yes, comfortably",
                "Ja, uden problemer",
                "Ja, problemlos",
                "可以，毫无压力",
            ),
        ),
        t(
            "Can you finance longer payment terms and larger stocks for export orders?",
            "Kan I finansiere længere betalingsfrister og større lagre til eksportordrer?",
            "Können Sie längere Zahlungsziele und größere Lagerbestände für Exportaufträge finanzieren?",
            "您能否为出口订单承担更长的付款期限和更多的库存？",
        ),
        t(
            "Export customers often pay 60–120 days after delivery. The cash has to come from somewhere in the meantime.",
            "Eksportkunder betaler ofte 60–120 dage efter levering. Pengene skal komme et sted fra i mellemtiden.",
            "Exportkunden zahlen oft 60–120 Tage nach Lieferung. Das Geld muss in der Zwischenzeit irgendwoher kommen.",
            "出口客户常在交货后60至120天才付款，期间的资金需要有来源。",
        ),
        t(
            "Ask about a working-capital or SME export guarantee so your bank can finance export orders.",
            "Spørg til en driftskapitalgaranti eller SMV-eksportgaranti, så jeres bank kan finansiere eksportordrer.",
            "Fragen Sie nach einer Betriebsmittel- oder KMU-Exportgarantie, damit Ihre Bank Exportaufträge finanzieren kann.",
            "咨询营运资金担保或中小企业出口担保，以便银行为出口订单提供融资。",
        ),
        "eifo",
        weight=2.0,
    ),
    q(
        "finance_credit_risk",
        "capacity",
        custom(
            t(
                "We have not thought about it",
                "Det har vi ikke tænkt over",
                "Darüber haben wir nicht nachgedacht",
                "我们没有考虑过",
            ),
            t(
                "We rely on trust",
                "Vi stoler på kunden",
                "Wir verlassen uns auf Vertrauen",
                "我们依靠信任",
            ),
            t(
                "Prepayment or letters of credit in some cases",
                "Forudbetaling eller remburs i nogle tilfælde",
                "Vorauskasse oder Akkreditiv in manchen Fällen",
                "部分情况下要求预付款或信用证",
            ),
            t(
                "Clear payment terms and credit checks",
                "Klare betalingsbetingelser og kreditvurdering",
                "Klare Zahlungsbedingungen und Bonitätsprüfungen",
                "明确的付款条件和信用审查",
            ),
            t(
                "Credit insurance or guarantees as standard",
                "Kreditforsikring eller garantier som standard",
                "Standardmäßig Kreditversicherung oder Garantien",
                "标准做法是信用保险或担保",
            ),
        ),
        t(
            "How do you protect yourself against a foreign customer not paying?",
            "Hvordan beskytter I jer mod, at en udenlandsk kunde ikke betaler?",
            "Wie schützen Sie sich davor, dass ein ausländischer Kunde nicht zahlt?",
            "您如何防范海外客户不付款的风险？",
        ),
        t(
            "Collecting a debt abroad is slow and expensive; it is cheaper to protect the sale in advance.",
            "Det er langsomt og dyrt at inddrive gæld i udlandet; det er billigere at sikre salget på forhånd.",
            "Eine Forderung im Ausland einzutreiben ist langsam und teuer; es ist günstiger, den Verkauf vorher abzusichern.",
            "在海外追讨欠款既慢又贵，事先保障交易更划算。",
        ),
        t(
            "Agree standard payment terms for export, check new customers' credit, and consider export credit insurance.",
            "Fastlæg standardbetalingsbetingelser for eksport, tjek nye kunders kreditværdighed, og overvej en eksportkreditforsikring.",
            "Legen Sie Standard-Zahlungsbedingungen für den Export fest, prüfen Sie die Bonität neuer Kunden und erwägen Sie eine Exportkreditversicherung.",
            "制定出口标准付款条件，审查新客户信用，并考虑出口信用保险。",
        ),
        "eifo",
    ),
    q(
        "finance_plan",
        "capacity",
        PROGRESS,
        t(
            "Have you calculated what entering the market will cost and when it will pay back?",
            "Har I regnet ud, hvad det koster at komme ind på markedet, og hvornår det tjener sig hjem?",
            "Haben Sie berechnet, was der Markteintritt kostet und wann er sich auszahlt?",
            "您是否计算过进入市场的成本以及何时能收回投资？",
        ),
        t(
            "A simple budget shows whether the market is worth the effort and how long you must be able to wait.",
            "Et enkelt budget viser, om markedet er indsatsen værd, og hvor længe I skal kunne vente.",
            "Ein einfaches Budget zeigt, ob sich der Markt lohnt und wie lange Sie durchhalten müssen.",
            "一份简单的预算能显示这个市场是否值得投入，以及需要坚持多久。",
        ),
        t(
            "Make a simple two-year budget for the market: costs, expected sales and the break-even point.",
            "Lav et enkelt toårigt budget for markedet: omkostninger, forventet salg og nulpunkt.",
            "Erstellen Sie ein einfaches Zweijahresbudget für den Markt: Kosten, erwartete Umsätze und Break-even-Punkt.",
            "为该市场做一份简单的两年预算：成本、预期销售和盈亏平衡点。",
        ),
        "erhvervshus",
    ),
    # --- Market knowledge -------------------------------------------------------
    q(
        "market_analysis",
        "market_knowledge",
        PROGRESS,
        t(
            "Have you analysed the target market (size, growth, demand for your product)?",
            "Har I analyseret målmarkedet (størrelse, vækst, efterspørgsel efter jeres produkt)?",
            "Haben Sie den Zielmarkt analysiert (Größe, Wachstum, Nachfrage nach Ihrem Produkt)?",
            "您是否分析过目标市场（规模、增长、对您产品的需求）？",
        ),
        t(
            "Choosing a market on a hunch is the most common reason export projects fail.",
            "At vælge marked på mavefornemmelse er den hyppigste årsag til, at eksportprojekter mislykkes.",
            "Einen Markt aus dem Bauch heraus zu wählen ist der häufigste Grund für gescheiterte Exportprojekte.",
            "凭直觉选择市场是出口项目失败最常见的原因。",
        ),
        t(
            "Get a market analysis for your product in the target market, starting with trade statistics and a few interviews.",
            "Få lavet en markedsanalyse for jeres produkt på målmarkedet, begyndende med handelsstatistik og nogle få interviews.",
            "Lassen Sie eine Marktanalyse für Ihr Produkt im Zielmarkt erstellen, beginnend mit Handelsstatistiken und einigen Gesprächen.",
            "为您的产品做一份目标市场分析，可从贸易统计和几次访谈开始。",
        ),
        "trade_council",
        weight=2.0,
    ),
    q(
        "market_customers",
        "market_knowledge",
        AGREE,
        t(
            "Do you know who the typical customers are in the target market and how they buy?",
            "Ved I, hvem de typiske kunder er på målmarkedet, og hvordan de køber?",
            "Wissen Sie, wer die typischen Kunden im Zielmarkt sind und wie sie einkaufen?",
            "您是否了解目标市场的典型客户是谁以及他们如何采购？",
        ),
        t(
            "Buyers abroad may decide differently: through tenders, importers or online platforms.",
            "Købere i udlandet kan træffe beslutninger anderledes: gennem udbud, importører eller onlineplatforme.",
            "Käufer im Ausland entscheiden oft anders: über Ausschreibungen, Importeure oder Online-Plattformen.",
            "海外买家的决策方式可能不同：通过招标、进口商或在线平台。",
        ),
        t(
            "Describe your typical customer in the market and how they buy; check it in two or three conversations.",
            "Beskriv jeres typiske kunde på markedet, og hvordan de køber; afprøv det i to eller tre samtaler.",
            "Beschreiben Sie Ihren typischen Kunden im Markt und wie er einkauft; prüfen Sie das in zwei oder drei Gesprächen.",
            "描述您在该市场的典型客户及其采购方式，并通过两三次交谈加以验证。",
        ),
        "trade_council",
    ),
    q(
        "market_competitors",
        "market_knowledge",
        AGREE,
        t(
            "Do you know your main competitors in the target market and their prices?",
            "Kender I jeres vigtigste konkurrenter på målmarkedet og deres priser?",
            "Kennen Sie Ihre wichtigsten Wettbewerber im Zielmarkt und deren Preise?",
            "您是否了解目标市场的主要竞争对手及其价格？",
        ),
        t(
            "Knowing the competition tells you where you can win and what price to ask.",
            "Kendskab til konkurrenterne fortæller jer, hvor I kan vinde, og hvilken pris I kan tage.",
            "Wer die Konkurrenz kennt, weiß, wo er gewinnen kann und welchen Preis er verlangen kann.",
            "了解竞争对手，才能知道在哪里能赢以及该定什么价格。",
        ),
        t(
            "List the three to five main competitors in the market with their prices and strengths.",
            "Lav en liste over de tre til fem vigtigste konkurrenter på markedet med deres priser og styrker.",
            "Erstellen Sie eine Liste der drei bis fünf wichtigsten Wettbewerber im Markt mit Preisen und Stärken.",
            "列出该市场三到五个主要竞争对手及其价格和优势。",
        ),
        "trade_council",
    ),
    q(
        "market_rules",
        "market_knowledge",
        PROGRESS,
        t(
            "Do you know which rules, standards and duties apply to your products in the target market?",
            "Ved I, hvilke regler, standarder og told der gælder for jeres produkter på målmarkedet?",
            "Wissen Sie, welche Vorschriften, Normen und Zölle für Ihre Produkte im Zielmarkt gelten?",
            "您是否了解目标市场对您产品适用的法规、标准和关税？",
        ),
        t(
            "Rules on products, labels and duties differ between markets and can take months to meet.",
            "Regler for produkter, mærkning og told er forskellige fra marked til marked, og det kan tage måneder at opfylde dem.",
            "Vorschriften zu Produkten, Kennzeichnung und Zöllen unterscheiden sich je nach Markt, und ihre Erfüllung kann Monate dauern.",
            "各市场对产品、标签和关税的规定不同，满足这些要求可能需要数月。",
        ),
        t(
            "Get an overview of rules and duties for your product in the market before you quote prices.",
            "Skaf jer et overblik over regler og told for jeres produkt på markedet, før I giver pristilbud.",
            "Verschaffen Sie sich einen Überblick über Vorschriften und Zölle für Ihr Produkt im Markt, bevor Sie Preise anbieten.",
            "在报价之前，先了解您的产品在该市场适用的规定和关税。",
        ),
        "een",
    ),
    # --- Sales channels and marketing -------------------------------------------
    q(
        "sales_channel",
        "sales",
        PROGRESS,
        t(
            "Have you decided how you will sell in the target market (direct, agent, distributor, online, own office)?",
            "Har I besluttet, hvordan I vil sælge på målmarkedet (direkte, agent, distributør, online, eget kontor)?",
            "Haben Sie entschieden, wie Sie im Zielmarkt verkaufen (direkt, Handelsvertreter, Händler, online, eigenes Büro)?",
            "您是否已决定在目标市场的销售方式（直销、代理、经销商、线上、自设办事处）？",
        ),
        t(
            "The choice of channel decides your price, your margin and how much you control.",
            "Valget af kanal afgør jeres pris, jeres avance og hvor meget I selv styrer.",
            "Die Wahl des Vertriebswegs bestimmt Ihren Preis, Ihre Marge und wie viel Sie selbst steuern.",
            "渠道的选择决定了您的价格、利润以及您的掌控程度。",
        ),
        t(
            "Compare channels for the market and decide on one to test first.",
            "Sammenlign kanalerne på markedet, og vælg én at afprøve først.",
            "Vergleichen Sie die Vertriebswege im Markt und wählen Sie einen, den Sie zuerst testen.",
            "比较该市场的各种渠道，先选定一个进行测试。",
        ),
        "trade_council",
    ),
    q(
        "sales_partners",
        "sales",
        custom(
            t("None", "Ingen", "Keine", "没有"),
            t(
                "A few loose contacts",
                "Nogle få løse kontakter",
                "Einige lose Kontakte",
                "几个松散的联系人",
            ),
            t(
                "Contacts we are talking to",
                "Kontakter, vi er i dialog med",
                "Kontakte, mit denen wir im Gespräch sind",
                "正在洽谈的联系人",
            ),
            t(
                "One partner or distributor",
                "En partner eller distributør",
                "Ein Partner oder Händler",
                "一个合作伙伴或经销商",
            ),
            t(
                "An established network of partners",
                "Et etableret netværk af partnere",
                "Ein etabliertes Partnernetz",
                "稳定的合作伙伴网络",
            ),
        ),
        t(
            "Do you have contacts or partners in the target market?",
            "Har I kontakter eller partnere på målmarkedet?",
            "Haben Sie Kontakte oder Partner im Zielmarkt?",
            "您在目标市场是否有联系人或合作伙伴？",
        ),
        t(
            "Most SMEs enter a new market through a partner who knows local buyers.",
            "De fleste SMV'er kommer ind på et nyt marked gennem en partner, der kender de lokale købere.",
            "Die meisten KMU erschließen einen neuen Markt über einen Partner, der die lokalen Käufer kennt.",
            "大多数中小企业都是通过熟悉当地买家的合作伙伴进入新市场的。",
        ),
        t(
            "Search for a partner or distributor; use partner-search services and the municipality's delegations and fairs.",
            "Søg efter en partner eller distributør; brug partnersøgningstjenester og kommunens delegationer og messer.",
            "Suchen Sie einen Partner oder Händler; nutzen Sie Partnersuchdienste sowie Delegationen und Messen der Kommune.",
            "寻找合作伙伴或经销商；利用合作伙伴搜寻服务以及市政府组织的代表团和展会。",
        ),
        "een",
        weight=2.0,
    ),
    q(
        "sales_material",
        "sales",
        PROGRESS,
        t(
            "Do you have sales material in the language of the target market?",
            "Har I salgsmateriale på målmarkedets sprog?",
            "Haben Sie Verkaufsunterlagen in der Sprache des Zielmarkts?",
            "您是否有目标市场语言的销售资料？",
        ),
        t(
            "Buyers take material in their own language more seriously, and some will not read anything else.",
            "Købere tager materiale på deres eget sprog mere alvorligt, og nogle læser ikke andet.",
            "Käufer nehmen Unterlagen in ihrer eigenen Sprache ernster, und manche lesen nichts anderes.",
            "买家更重视母语资料，有些人只看母语资料。",
        ),
        t(
            "Translate your core sales material (brochure, price list, product sheets) with help from a native speaker.",
            "Få oversat jeres vigtigste salgsmateriale (brochure, prisliste, produktblade) med hjælp fra en, der har sproget som modersmål.",
            "Lassen Sie Ihre wichtigsten Verkaufsunterlagen (Broschüre, Preisliste, Produktblätter) mit Hilfe eines Muttersprachlers übersetzen.",
            "在母语人士帮助下翻译核心销售资料（宣传册、价目表、产品说明）。",
        ),
        "local",
    ),
    q(
        "sales_fairs",
        "sales",
        custom(
            t("Never", "Aldrig", "Nie", "从未"),
            t(
                "Visited as a guest",
                "Besøgt som gæst",
                "Als Besucher",
                "以访客身份参观过",
            ),
            t(
                "Once as an exhibitor or delegate",
                "Én gang som udstiller eller delegat",
                "Einmal als Aussteller oder Delegierter",
                "作为展商或代表团成员参加过一次",
            ),
            t("Several times", "Flere gange", "Mehrmals", "多次"),
            t(
                "Regularly, with follow-up",
                "Jævnligt, med opfølgning",
                "Regelmäßig, mit Nachbereitung",
                "定期参加并跟进",
            ),
        ),
        t(
            "Have you taken part in trade fairs, delegations or matchmaking abroad?",
            "Har I deltaget i messer, delegationer eller matchmaking i udlandet?",
            "Haben Sie an Messen, Delegationsreisen oder Matchmaking im Ausland teilgenommen?",
            "您是否参加过海外展会、代表团或商务对接活动？",
        ),
        t(
            "Fairs and delegations are the fastest way to meet many buyers and see competitors.",
            "Messer og delegationer er den hurtigste måde at møde mange købere og se konkurrenterne på.",
            "Messen und Delegationsreisen sind der schnellste Weg, viele Käufer zu treffen und die Konkurrenz zu sehen.",
            "展会和代表团是结识众多买家、了解竞争对手的最快途径。",
        ),
        t(
            "Join a joint export promotion, a delegation or a matchmaking event in the target market.",
            "Deltag i et fælles eksportfremstød, en delegation eller et matchmaking-arrangement på målmarkedet.",
            "Nehmen Sie an einer gemeinsamen Exportförderaktion, einer Delegationsreise oder einem Matchmaking im Zielmarkt teil.",
            "参加目标市场的联合出口推广、代表团或商务对接活动。",
        ),
        "trade_council",
    ),
    # --- Legal compliance and intellectual property ----------------------------
    q(
        "legal_contracts",
        "compliance",
        PROGRESS,
        t(
            "Do you have contracts and terms of sale prepared for foreign customers and partners?",
            "Har I kontrakter og salgsbetingelser klar til udenlandske kunder og partnere?",
            "Haben Sie Verträge und Verkaufsbedingungen für ausländische Kunden und Partner vorbereitet?",
            "您是否为海外客户和合作伙伴准备了合同和销售条款？",
        ),
        t(
            "A contract written for Danish customers may not protect you abroad (law, courts, currency).",
            "En kontrakt skrevet til danske kunder beskytter jer måske ikke i udlandet (lovvalg, domstole, valuta).",
            "Ein für dänische Kunden geschriebener Vertrag schützt Sie im Ausland womöglich nicht (Recht, Gerichtsstand, Währung).",
            "为丹麦客户起草的合同在海外可能无法保护您（适用法律、管辖法院、货币）。",
        ),
        t(
            "Have standard export terms and a distributor agreement checked by a lawyer, including which law and courts apply.",
            "Få standardvilkår for eksport og en distributøraftale gennemgået af en advokat, herunder lovvalg og værneting.",
            "Lassen Sie Standard-Exportbedingungen und einen Händlervertrag von einem Anwalt prüfen, einschließlich anwendbarem Recht und Gerichtsstand.",
            "请律师审核标准出口条款和经销协议，包括适用法律和管辖法院。",
        ),
        "een",
    ),
    q(
        "legal_ip",
        "compliance",
        custom(
            t("Not considered", "Ikke overvejet", "Nicht bedacht", "没有考虑"),
            t(
                "We know we should",
                "Vi ved, at vi burde",
                "Wir wissen, dass wir sollten",
                "知道应该做",
            ),
            t(
                "Registered in Denmark or the EU only",
                "Kun registreret i Danmark eller EU",
                "Nur in Dänemark oder der EU eingetragen",
                "仅在丹麦或欧盟注册",
            ),
            t(
                "Filing in the target market",
                "Ansøgning i gang på målmarkedet",
                "Anmeldung im Zielmarkt läuft",
                "正在目标市场申请",
            ),
            t(
                "Registered in the target market",
                "Registreret på målmarkedet",
                "Im Zielmarkt eingetragen",
                "已在目标市场注册",
            ),
            na=t(
                "We have no brand, design or technology to protect",
                "Vi har intet varemærke, design eller teknologi at beskytte",
                "Wir haben keine Marke, kein Design und keine Technologie zu schützen",
                "我们没有需要保护的品牌、设计或技术",
            ),
        ),
        t(
            "Have you protected your brand, designs or technology in the target market?",
            "Har I beskyttet jeres varemærke, design eller teknologi på målmarkedet?",
            "Haben Sie Ihre Marke, Designs oder Technologie im Zielmarkt geschützt?",
            "您是否在目标市场保护了您的品牌、设计或技术？",
        ),
        t(
            "Rights are national. A brand not registered in the market can be taken by someone else first.",
            "Rettigheder er nationale. Et varemærke, der ikke er registreret på markedet, kan andre nå at tage først.",
            "Schutzrechte gelten national. Eine im Markt nicht eingetragene Marke kann jemand anders zuerst anmelden.",
            "知识产权具有地域性。未在当地注册的品牌可能被他人抢先注册。",
        ),
        t(
            "Check which rights you need in the market and file them before you start selling there.",
            "Afklar, hvilke rettigheder I har brug for på markedet, og søg om dem, før I begynder at sælge der.",
            "Klären Sie, welche Schutzrechte Sie im Markt brauchen, und melden Sie sie an, bevor Sie dort verkaufen.",
            "确认您在该市场需要哪些权利，并在开始销售前提出申请。",
        ),
        "een",
    ),
    q(
        "legal_certification",
        "compliance",
        PROGRESS,
        t(
            "Do your products have the approvals and certificates that customers in the target market ask for?",
            "Har jeres produkter de godkendelser og certifikater, som kunderne på målmarkedet efterspørger?",
            "Haben Ihre Produkte die Zulassungen und Zertifikate, die Kunden im Zielmarkt verlangen?",
            "您的产品是否具备目标市场客户要求的许可和证书？",
        ),
        t(
            "Certificates can take months; without them, buyers cannot legally buy or sell your product.",
            "Certifikater kan tage måneder; uden dem kan køberne ikke lovligt købe eller sælge jeres produkt.",
            "Zertifikate können Monate dauern; ohne sie dürfen Käufer Ihr Produkt nicht kaufen oder verkaufen.",
            "证书可能需要数月才能取得；没有证书，买家无法合法购买或销售您的产品。",
        ),
        t(
            "Find out which approvals your product needs in the market and how long they take; start with the longest.",
            "Find ud af, hvilke godkendelser jeres produkt skal have på markedet, og hvor lang tid de tager; start med den længste.",
            "Finden Sie heraus, welche Zulassungen Ihr Produkt im Markt braucht und wie lange sie dauern; beginnen Sie mit der längsten.",
            "了解产品在该市场需要哪些许可及所需时间，从耗时最长的开始办理。",
        ),
        "een",
    ),
    # --- Language and culture ---------------------------------------------------
    q(
        "culture_language",
        "culture",
        custom(
            t("No", "Nej", "Nein", "没有"),
            t("A little", "Lidt", "Ein wenig", "会一点"),
            t(
                "One person, working level",
                "Én person, på arbejdsniveau",
                "Eine Person, arbeitsfähig",
                "一人，能用于工作",
            ),
            t(
                "One person fluently",
                "Én person flydende",
                "Eine Person fließend",
                "一人，流利",
            ),
            t(
                "Several people fluently",
                "Flere personer flydende",
                "Mehrere Personen fließend",
                "多人，流利",
            ),
        ),
        t(
            "Does anyone in the company speak the language of the target market?",
            "Taler nogen i virksomheden målmarkedets sprog?",
            "Spricht jemand im Unternehmen die Sprache des Zielmarkts?",
            "公司里是否有人会说目标市场的语言？",
        ),
        t(
            "Even with English as the business language, speaking the customer's language builds trust faster.",
            "Selv med engelsk som forretningssprog skaber det hurtigere tillid at tale kundens sprog.",
            "Auch wenn Englisch die Geschäftssprache ist, schafft die Sprache des Kunden schneller Vertrauen.",
            "即使商务语言是英语，会说客户的语言也能更快建立信任。",
        ),
        t(
            "Find language help: a native-speaking employee, student helper, interpreter or partner for meetings.",
            "Find sproghjælp: en medarbejder med sproget som modersmål, en studentermedhjælper, en tolk eller en partner til møder.",
            "Holen Sie sich Sprachhilfe: einen muttersprachlichen Mitarbeiter, eine studentische Hilfskraft, einen Dolmetscher oder einen Partner für Termine.",
            "寻找语言帮助：母语员工、学生助理、口译员或可陪同会谈的合作伙伴。",
        ),
        "local",
    ),
    q(
        "culture_business",
        "culture",
        AGREE,
        t(
            "Do you know the business culture of the target market (meetings, negotiations, decisions)?",
            "Kender I forretningskulturen på målmarkedet (møder, forhandlinger, beslutninger)?",
            "Kennen Sie die Geschäftskultur des Zielmarkts (Besprechungen, Verhandlungen, Entscheidungen)?",
            "您是否了解目标市场的商业文化（会议、谈判、决策）？",
        ),
        t(
            "Misreading how decisions are made or how long they take is a common reason talks fail.",
            "At misforstå, hvordan beslutninger træffes, eller hvor lang tid de tager, er en almindelig grund til, at forhandlinger mislykkes.",
            "Falsch einzuschätzen, wie Entscheidungen fallen oder wie lange sie dauern, ist ein häufiger Grund für gescheiterte Gespräche.",
            "误判决策方式或决策所需时间是谈判失败的常见原因。",
        ),
        t(
            "Prepare with a short course or briefing on business culture before the first trip.",
            "Forbered jer med et kort kursus eller en briefing om forretningskultur før den første rejse.",
            "Bereiten Sie sich vor der ersten Reise mit einem kurzen Kurs oder Briefing zur Geschäftskultur vor.",
            "首次出访前，参加一次关于商业文化的短期课程或简报。",
        ),
        "trade_council",
    ),
    q(
        "culture_visits",
        "culture",
        custom(
            t("Never", "Aldrig", "Nie", "从未"),
            t("Once", "Én gang", "Einmal", "一次"),
            t("A few times", "Et par gange", "Ein paar Mal", "几次"),
            t("Regularly", "Jævnligt", "Regelmäßig", "经常"),
            t(
                "We have people there",
                "Vi har folk der",
                "Wir haben Leute vor Ort",
                "我们在当地有人员",
            ),
        ),
        t(
            "Have you visited the target market for business?",
            "Har I besøgt målmarkedet i forretningsøjemed?",
            "Haben Sie den Zielmarkt geschäftlich besucht?",
            "您是否因商务去过目标市场？",
        ),
        t(
            "Nothing replaces seeing the market, the shops and the customers yourself.",
            "Intet erstatter selv at se markedet, butikkerne og kunderne.",
            "Nichts ersetzt es, den Markt, die Geschäfte und die Kunden selbst zu sehen.",
            "亲眼看看市场、商店和客户是无可替代的。",
        ),
        t(
            "Plan a first visit with meetings arranged in advance, for example with a delegation.",
            "Planlæg et første besøg med aftalte møder på forhånd, for eksempel med en delegation.",
            "Planen Sie einen ersten Besuch mit vorab vereinbarten Terminen, zum Beispiel mit einer Delegation.",
            "计划首次访问并提前安排会面，例如随代表团出访。",
        ),
        "trade_council",
    ),
    # --- Digital presence -------------------------------------------------------
    q(
        "digital_website",
        "digital",
        custom(
            t("No website", "Ingen hjemmeside", "Keine Website", "没有网站"),
            t("Danish only", "Kun dansk", "Nur Dänisch", "仅丹麦语"),
            t(
                "Danish and English",
                "Dansk og engelsk",
                "Dänisch und Englisch",
                "丹麦语和英语",
            ),
            t(
                "English and the target language, partly",
                "Engelsk og delvist målmarkedets sprog",
                "Englisch und teilweise die Zielsprache",
                "英语及部分目标市场语言",
            ),
            t(
                "Full version in the target language",
                "Fuld version på målmarkedets sprog",
                "Vollständige Version in der Zielsprache",
                "完整的目标市场语言版本",
            ),
        ),
        t(
            "Is your website available in the target market's language (or at least in English)?",
            "Findes jeres hjemmeside på målmarkedets sprog (eller i det mindste på engelsk)?",
            "Gibt es Ihre Website in der Sprache des Zielmarkts (oder zumindest auf Englisch)?",
            "您的网站是否有目标市场语言版本（或至少有英文版）？",
        ),
        t(
            "Foreign buyers check your website first; in China and Germany many expect their own language.",
            "Udenlandske købere tjekker jeres hjemmeside først; i Kina og Tyskland forventer mange deres eget sprog.",
            "Ausländische Käufer schauen zuerst auf Ihre Website; in China und Deutschland erwarten viele ihre eigene Sprache.",
            "海外买家会先看您的网站；在中国和德国，很多人希望看到本国语言。",
        ),
        t(
            "Add an English and a target-language version of the key pages: products, references and contact.",
            "Lav en engelsk version og en version på målmarkedets sprog af de vigtigste sider: produkter, referencer og kontakt.",
            "Ergänzen Sie eine englische und eine zielsprachige Fassung der wichtigsten Seiten: Produkte, Referenzen und Kontakt.",
            "为关键页面（产品、客户案例、联系方式）增加英文版和目标市场语言版。",
        ),
        "local",
    ),
    q(
        "digital_findable",
        "digital",
        AGREE,
        t(
            "Can buyers in the target market find you online (search engines, marketplaces, social media they use)?",
            "Kan købere på målmarkedet finde jer online (søgemaskiner, markedspladser, sociale medier, de bruger)?",
            "Können Käufer im Zielmarkt Sie online finden (Suchmaschinen, Marktplätze, soziale Medien, die sie nutzen)?",
            "目标市场的买家能否在网上找到您（他们使用的搜索引擎、交易平台、社交媒体）？",
        ),
        t(
            "Buyers search on their own platforms; in China that means Baidu and WeChat rather than Google.",
            "Købere søger på deres egne platforme; i Kina betyder det Baidu og WeChat frem for Google.",
            "Käufer suchen auf ihren eigenen Plattformen; in China heißt das Baidu und WeChat statt Google.",
            "买家在自己常用的平台上搜索；在中国就是百度和微信，而不是谷歌。",
        ),
        t(
            "Check how you show up on the search engines and platforms used in the market and set up a profile there.",
            "Undersøg, hvordan I fremstår på de søgemaskiner og platforme, der bruges på markedet, og opret en profil der.",
            "Prüfen Sie, wie Sie in den im Markt genutzten Suchmaschinen und Plattformen erscheinen, und legen Sie dort ein Profil an.",
            "检查您在当地常用搜索引擎和平台上的呈现情况，并在那里建立企业资料。",
        ),
        "erhvervshus",
    ),
    q(
        "digital_orders",
        "digital",
        custom(
            t("No", "Nej", "Nein", "不能"),
            t("By e-mail only", "Kun via e-mail", "Nur per E-Mail", "仅通过电子邮件"),
            t("Contact form", "Kontaktformular", "Kontaktformular", "联系表单"),
            t(
                "Online quotes or B2B portal",
                "Onlinetilbud eller B2B-portal",
                "Online-Angebote oder B2B-Portal",
                "在线报价或B2B门户",
            ),
            t(
                "Online shop that handles foreign orders",
                "Webshop, der håndterer udenlandske ordrer",
                "Onlineshop, der Auslandsbestellungen abwickelt",
                "可处理海外订单的网店",
            ),
        ),
        t(
            "Can customers abroad order or ask for a quote online?",
            "Kan kunder i udlandet bestille eller bede om et tilbud online?",
            "Können Kunden im Ausland online bestellen oder ein Angebot anfordern?",
            "海外客户能否在线下单或询价？",
        ),
        t(
            "Online orders lower the cost of serving small foreign customers.",
            "Onlinebestillinger gør det billigere at betjene små udenlandske kunder.",
            "Online-Bestellungen senken die Kosten, kleine Auslandskunden zu bedienen.",
            "在线订单能降低服务海外小客户的成本。",
        ),
        t(
            "Add a quote request or online ordering that handles foreign addresses, currencies and VAT.",
            "Tilføj tilbudsforespørgsel eller onlinebestilling, der kan håndtere udenlandske adresser, valutaer og moms.",
            "Ergänzen Sie eine Angebotsanfrage oder Online-Bestellung, die ausländische Adressen, Währungen und Mehrwertsteuer verarbeitet.",
            "增加支持外国地址、货币和增值税的询价或在线订购功能。",
        ),
        "erhvervshus",
    ),
    # --- Market requirements (asked only where the company's products and markets call for them)
    q(
        "cn_ccc",
        "requirements",
        REQUIREMENT,
        t(
            "China Compulsory Certification (CCC): are your products covered, and do you have it?",
            "China Compulsory Certification (CCC): er jeres produkter omfattet, og har I certificeringen?",
            "China Compulsory Certification (CCC): Fallen Ihre Produkte darunter, und haben Sie die Zertifizierung?",
            "中国强制性产品认证（CCC）：您的产品是否在目录内，是否已取得认证？",
        ),
        t(
            "Products in the CCC catalogue may not be imported or sold in China without the certificate and mark; it takes a type test and a factory audit.",
            "Produkter i CCC-kataloget må ikke importeres eller sælges i Kina uden certifikat og mærke; det kræver typeprøvning og fabriksinspektion.",
            "Produkte aus dem CCC-Katalog dürfen ohne Zertifikat und Zeichen nicht nach China eingeführt oder dort verkauft werden; nötig sind eine Typprüfung und ein Werksaudit.",
            "列入CCC目录的产品未获证书和标志不得进口或在中国销售；认证需要型式试验和工厂审查。",
        ),
        t(
            "Check your HS codes against the CCC catalogue; if covered, plan the type test and factory audit with an accredited body.",
            "Tjek jeres HS-koder mod CCC-kataloget; hvis de er omfattet, så planlæg typeprøvning og fabriksinspektion med et akkrediteret organ.",
            "Prüfen Sie Ihre HS-Codes anhand des CCC-Katalogs; falls erfasst, planen Sie Typprüfung und Werksaudit mit einer akkreditierten Stelle.",
            "对照CCC目录核对您的HS编码；如在目录内，请与认可机构安排型式试验和工厂审查。",
        ),
        "eu_sme_centre",
        weight=2.0,
        market="CHN",
    ),
    q(
        "cn_gacc",
        "requirements",
        REQUIREMENT,
        t(
            "Is your food production site registered with Chinese customs (GACC) as an overseas food manufacturer?",
            "Er jeres fødevareproduktion registreret hos de kinesiske toldmyndigheder (GACC) som udenlandsk fødevareproducent?",
            "Ist Ihr Lebensmittelbetrieb beim chinesischen Zoll (GACC) als ausländischer Lebensmittelhersteller registriert?",
            "您的食品生产企业是否已在中国海关总署（GACC）注册为境外食品生产企业？",
        ),
        t(
            "Since 2022, food from an unregistered manufacturer cannot be imported into China; for some food groups the Danish food authority must recommend you.",
            "Siden 2022 kan fødevarer fra en uregistreret producent ikke importeres til Kina; for nogle fødevaregrupper skal Fødevarestyrelsen anbefale jer.",
            "Seit 2022 dürfen Lebensmittel nicht registrierter Hersteller nicht nach China eingeführt werden; für einige Lebensmittelgruppen muss die dänische Lebensmittelbehörde Sie empfehlen.",
            "自2022年起，未注册企业生产的食品不能进口到中国；部分食品类别须由丹麦食品主管部门推荐。",
        ),
        t(
            "Find your food category on the food authority's China list: apply through them if it needs a recommendation, otherwise register yourself in the CIFER system.",
            "Find jeres fødevarekategori på Fødevarestyrelsens Kina-liste: ansøg gennem dem, hvis den kræver anbefaling, ellers registrér jer selv i CIFER.",
            "Suchen Sie Ihre Lebensmittelkategorie auf der China-Liste der Lebensmittelbehörde: Beantragen Sie über sie, wenn eine Empfehlung nötig ist, sonst registrieren Sie sich selbst in CIFER.",
            "在丹麦食品主管部门的对华清单中查找您的食品类别：需要推荐的通过该部门申请，其余自行在CIFER系统注册。",
        ),
        "dvfa",
        weight=2.0,
        market="CHN",
    ),
    q(
        "cn_label",
        "requirements",
        REQUIREMENT,
        t(
            "Do you have Chinese-language labels ready for your products?",
            "Har I kinesiske etiketter klar til jeres produkter?",
            "Haben Sie chinesischsprachige Etiketten für Ihre Produkte?",
            "您的产品是否已准备好中文标签？",
        ),
        t(
            "Products sold in China must carry a Chinese label; for food it must list ingredients, dates, origin and the importer.",
            "Produkter, der sælges i Kina, skal have kinesisk mærkning; for fødevarer skal den angive ingredienser, datoer, oprindelse og importør.",
            "In China verkaufte Produkte brauchen ein chinesisches Etikett; bei Lebensmitteln mit Zutaten, Daten, Herkunft und Importeur.",
            "在中国销售的产品必须有中文标签；食品标签须注明配料、日期、原产地和进口商。",
        ),
        t(
            "Draft the Chinese label with your importer and have it checked against the Chinese labelling standard before the first shipment.",
            "Udarbejd den kinesiske etiket sammen med jeres importør, og få den tjekket mod den kinesiske mærkningsstandard før første forsendelse.",
            "Entwerfen Sie das chinesische Etikett mit Ihrem Importeur und lassen Sie es vor der ersten Lieferung anhand der chinesischen Kennzeichnungsnorm prüfen.",
            "与进口商共同起草中文标签，并在首次发货前对照中国标签标准进行核查。",
        ),
        "eu_sme_centre",
        market="CHN",
    ),
    q(
        "cn_trademark",
        "requirements",
        REQUIREMENT,
        t(
            "Have you registered your trademark in China, including a Chinese-language version?",
            "Har I registreret jeres varemærke i Kina, også i en kinesisk version?",
            "Haben Sie Ihre Marke in China eingetragen, auch in einer chinesischen Fassung?",
            "您是否已在中国注册商标，包括中文商标？",
        ),
        t(
            "China gives a trademark to whoever files first; squatters register foreign brands and can even block your exports at customs.",
            "Kina giver varemærket til den, der søger først; varemærkepirater registrerer udenlandske mærker og kan endda stoppe jeres eksport i tolden.",
            "China vergibt Marken an den, der zuerst anmeldet; Markenpiraten melden ausländische Marken an und können sogar Ihre Exporte beim Zoll blockieren.",
            "中国商标实行申请在先原则；抢注者会注册外国品牌，甚至能在海关扣留您的出口货物。",
        ),
        t(
            "File your trademark in China, including a Chinese-character mark, through a Chinese trademark agent; ask the IPR helpdesk how.",
            "Søg jeres varemærke registreret i Kina, også med kinesiske tegn, gennem en kinesisk varemærkeagent; spørg IPR-helpdesken hvordan.",
            "Melden Sie Ihre Marke in China über einen chinesischen Markenvertreter an, auch in chinesischen Schriftzeichen; fragen Sie den IPR-Helpdesk, wie.",
            "通过中国商标代理机构在中国申请注册商标，包括中文字符商标；可向知识产权服务台咨询办理方法。",
        ),
        "ipr_helpdesk",
        weight=2.0,
        market="CHN",
    ),
    q(
        "cn_dual_use",
        "requirements",
        REQUIREMENT,
        t(
            "Have you checked whether your products need an export licence as dual-use items?",
            "Har I undersøgt, om jeres produkter kræver eksporttilladelse som produkter med dobbelt anvendelse?",
            "Haben Sie geprüft, ob Ihre Produkte als Dual-Use-Güter eine Ausfuhrgenehmigung brauchen?",
            "您是否核查过产品是否属于两用物项而需要出口许可证？",
        ),
        t(
            "Some sensors, drives and electronics are dual-use items under EU rules and need a licence to leave the EU.",
            "Nogle sensorer, drev og elektronik er produkter med dobbelt anvendelse efter EU-reglerne og kræver tilladelse for at forlade EU.",
            "Manche Sensoren, Antriebe und Elektronik sind nach EU-Recht Dual-Use-Güter und brauchen eine Genehmigung für die Ausfuhr aus der EU.",
            "部分传感器、驱动装置和电子产品按欧盟规定属于两用物项，出口到欧盟以外需要许可证。",
        ),
        t(
            "Check your products against the EU dual-use list (Regulation 2021/821) and ask the export control authority if unsure.",
            "Tjek jeres produkter mod EU's liste over produkter med dobbelt anvendelse (forordning 2021/821), og spørg eksportkontrolmyndigheden, hvis I er i tvivl.",
            "Prüfen Sie Ihre Produkte anhand der EU-Dual-Use-Liste (Verordnung 2021/821) und fragen Sie im Zweifel die Exportkontrollbehörde.",
            "对照欧盟两用物项清单（第2021/821号条例）核查您的产品，如有疑问请咨询出口管制主管部门。",
        ),
        "trade_council",
        market="CHN",
    ),
    q(
        "de_ce",
        "requirements",
        REQUIREMENT,
        t(
            "Do your products carry CE marking, with a declaration of conformity and a technical file?",
            "Er jeres produkter CE-mærket med en overensstemmelseserklæring og en teknisk dokumentation?",
            "Tragen Ihre Produkte die CE-Kennzeichnung mit Konformitätserklärung und technischer Dokumentation?",
            "您的产品是否有CE标志，并附有符合性声明和技术文件？",
        ),
        t(
            "Machinery, electrical and electronic goods may only be sold in the EU with CE marking under the right directives.",
            "Maskiner samt elektriske og elektroniske varer må kun sælges i EU med CE-mærkning efter de rigtige direktiver.",
            "Maschinen sowie elektrische und elektronische Waren dürfen in der EU nur mit CE-Kennzeichnung nach den richtigen Richtlinien verkauft werden.",
            "机械、电气和电子产品必须按相应指令加贴CE标志后才能在欧盟销售。",
        ),
        t(
            "List the EU acts that apply (machinery, low voltage, EMC, radio, RoHS), complete the technical file and sign the declaration of conformity.",
            "Find de EU-regler, der gælder (maskiner, lavspænding, EMC, radioudstyr, RoHS), færdiggør den tekniske dokumentation, og underskriv overensstemmelseserklæringen.",
            "Stellen Sie fest, welche EU-Rechtsakte gelten (Maschinen, Niederspannung, EMV, Funkanlagen, RoHS), vervollständigen Sie die technische Dokumentation und unterzeichnen Sie die Konformitätserklärung.",
            "列出适用的欧盟法规（机械、低电压、电磁兼容、无线电设备、RoHS），完成技术文件并签署符合性声明。",
        ),
        "een",
        weight=2.0,
        market="DEU",
    ),
    q(
        "de_lucid",
        "requirements",
        REQUIREMENT,
        t(
            "Are you registered in the German packaging register LUCID (and with a dual system if you sell to consumers)?",
            "Er I registreret i det tyske emballageregister LUCID (og i et dualt system, hvis I sælger til forbrugere)?",
            "Sind Sie im Verpackungsregister LUCID registriert (und bei einem dualen System, wenn Sie an Verbraucher verkaufen)?",
            "您是否已在德国包装注册系统LUCID注册（如面向消费者销售，是否已加入双元回收系统）？",
        ),
        t(
            "Whoever first puts packaged goods on the German market must register in LUCID beforehand; without it, sales are banned. The new EU packaging regulation (PPWR) tightens the rules further.",
            "Den, der først bringer emballerede varer på det tyske marked, skal registrere sig i LUCID på forhånd; ellers er salg forbudt. EU's nye emballageforordning (PPWR) strammer reglerne yderligere.",
            "Wer verpackte Waren zuerst in Deutschland in Verkehr bringt, muss sich vorher in LUCID registrieren; sonst gilt ein Vertriebsverbot. Die neue EU-Verpackungsverordnung (PPWR) verschärft die Regeln weiter.",
            "首次将带包装商品投放德国市场者必须事先在LUCID注册，否则禁止销售。新的欧盟包装法规（PPWR）将进一步收紧规定。",
        ),
        t(
            "Find out who is the packaging producer for your goods in Germany (you or your importer); if it is you, register in LUCID and join a dual system.",
            "Find ud af, hvem der er emballageproducent for jeres varer i Tyskland (jer eller jeres importør); er det jer, så registrér jer i LUCID og tilmeld jer et dualt system.",
            "Klären Sie, wer für Ihre Waren in Deutschland Hersteller im Sinne des Verpackungsgesetzes ist (Sie oder Ihr Importeur); wenn Sie, registrieren Sie sich in LUCID und beteiligen Sie sich an einem dualen System.",
            "确认谁是您商品在德国的包装责任方（您或进口商）；如果是您，请在LUCID注册并加入双元回收系统。",
        ),
        "ahk",
        market="DEU",
    ),
    q(
        "de_weee",
        "requirements",
        REQUIREMENT,
        t(
            "Are you registered with stiftung ear (WEEE) for the electrical equipment you sell in Germany?",
            "Er I registreret hos stiftung ear (WEEE) for det elektriske udstyr, I sælger i Tyskland?",
            "Sind Sie bei der stiftung ear (WEEE) für die Elektrogeräte registriert, die Sie in Deutschland verkaufen?",
            "您在德国销售的电气设备是否已在stiftung ear（WEEE）注册？",
        ),
        t(
            "Electrical and electronic equipment needs a WEEE registration number before it is offered; a producer without a German branch needs an authorised representative.",
            "Elektrisk og elektronisk udstyr skal have et WEEE-registreringsnummer, før det udbydes; en producent uden tysk filial skal have en bemyndiget repræsentant.",
            "Elektro- und Elektronikgeräte brauchen eine WEEE-Registrierungsnummer, bevor sie angeboten werden; ein Hersteller ohne deutsche Niederlassung braucht einen Bevollmächtigten.",
            "电气电子设备在销售前必须取得WEEE注册号；在德国没有分支机构的生产商需指定授权代表。",
        ),
        t(
            "Register with stiftung ear or appoint an authorised representative in Germany; allow about 12 weeks.",
            "Registrér jer hos stiftung ear, eller udpeg en bemyndiget repræsentant i Tyskland; regn med omkring 12 uger.",
            "Registrieren Sie sich bei der stiftung ear oder benennen Sie einen Bevollmächtigten in Deutschland; rechnen Sie mit etwa 12 Wochen.",
            "在stiftung ear注册或在德国指定授权代表；预计需要约12周。",
        ),
        "ahk",
        weight=2.0,
        market="DEU",
    ),
    q(
        "de_label",
        "requirements",
        REQUIREMENT,
        t(
            "Do you have German-language labels, instructions and warnings?",
            "Har I etiketter, brugsanvisninger og advarsler på tysk?",
            "Haben Sie Etiketten, Anleitungen und Warnhinweise auf Deutsch?",
            "您是否有德语标签、说明书和警示语？",
        ),
        t(
            "Consumers in Germany must get labels, instructions and safety warnings in German; for food, the EU food information rules apply.",
            "Forbrugere i Tyskland skal have etiketter, brugsanvisninger og sikkerhedsadvarsler på tysk; for fødevarer gælder EU's regler om fødevareinformation.",
            "Verbraucher in Deutschland müssen Etiketten, Anleitungen und Sicherheitshinweise auf Deutsch erhalten; für Lebensmittel gilt die EU-Lebensmittelinformationsverordnung.",
            "德国消费者必须获得德语标签、说明书和安全警示；食品须遵守欧盟食品信息法规。",
        ),
        t(
            "Translate labels, instructions and warnings into German and check them against the food-information or product-safety rules.",
            "Få oversat etiketter, brugsanvisninger og advarsler til tysk, og tjek dem mod reglerne om fødevareinformation eller produktsikkerhed.",
            "Übersetzen Sie Etiketten, Anleitungen und Warnhinweise ins Deutsche und prüfen Sie sie anhand der Lebensmittelinformations- oder Produktsicherheitsvorschriften.",
            "将标签、说明书和警示语翻译成德语，并对照食品信息或产品安全法规进行核查。",
        ),
        "ahk",
        market="DEU",
    ),
    q(
        "eu_eudr",
        "requirements",
        REQUIREMENT,
        t(
            "Can you document that your products are deforestation-free and legally produced (EU deforestation regulation)?",
            "Kan I dokumentere, at jeres produkter er fri for skovrydning og lovligt fremstillet (EU's skovrydningsforordning)?",
            "Können Sie nachweisen, dass Ihre Produkte entwaldungsfrei und legal hergestellt sind (EU-Entwaldungsverordnung)?",
            "您能否证明您的产品无毁林且合法生产（欧盟零毁林法规）？",
        ),
        t(
            "Cattle, cocoa, coffee, palm oil, rubber, soy, wood and products made from them need due diligence before they are placed on the EU market or exported from it.",
            "Kvæg, kakao, kaffe, palmeolie, gummi, soja, træ og produkter heraf kræver due diligence, før de bringes i omsætning i EU eller eksporteres derfra.",
            "Rinder, Kakao, Kaffee, Palmöl, Kautschuk, Soja, Holz und daraus hergestellte Produkte brauchen eine Sorgfaltsprüfung, bevor sie in der EU in Verkehr gebracht oder aus ihr ausgeführt werden.",
            "牛、可可、咖啡、棕榈油、橡胶、大豆、木材及其制品在投放欧盟市场或从欧盟出口前须进行尽职调查。",
        ),
        t(
            "Collect geolocation and legality information from your suppliers and prepare a due-diligence statement.",
            "Indsaml geolokalisering og oplysninger om lovlighed fra jeres leverandører, og forbered en due diligence-erklæring.",
            "Sammeln Sie Geodaten und Legalitätsnachweise Ihrer Lieferanten und bereiten Sie eine Sorgfaltserklärung vor.",
            "向供应商收集地理位置和合法性信息，并准备尽职调查声明。",
        ),
        "een",
        market="EU",
    ),
    q(
        "eu_cbam",
        "requirements",
        REQUIREMENT,
        t(
            "If you import iron, steel, aluminium or other CBAM goods from outside the EU, are you ready for the carbon border reporting?",
            "Hvis I importerer jern, stål, aluminium eller andre CBAM-varer uden for EU, er I så klar til CO2-grænserapporteringen?",
            "Wenn Sie Eisen, Stahl, Aluminium oder andere CBAM-Waren von außerhalb der EU einführen: Sind Sie bereit für die CO2-Grenzausgleichsmeldung?",
            "如果您从欧盟以外进口钢铁、铝或其他CBAM商品，您是否已为碳边境调节申报做好准备？",
        ),
        t(
            "Importers of these goods into the EU must report their embedded emissions and, from 2026, buy certificates; your own inputs may be affected.",
            "Importører af disse varer til EU skal indberette den indlejrede udledning og fra 2026 købe certifikater; jeres egne råvarer kan være berørt.",
            "Importeure dieser Waren in die EU müssen die enthaltenen Emissionen melden und ab 2026 Zertifikate kaufen; Ihre eigenen Vorprodukte können betroffen sein.",
            "将这些商品进口到欧盟的企业须申报其隐含排放，并自2026年起购买证书；您自己的原材料也可能受影响。",
        ),
        t(
            "Check whether you import CBAM goods yourself and ask suppliers outside the EU for emissions data.",
            "Undersøg, om I selv importerer CBAM-varer, og bed leverandører uden for EU om udledningsdata.",
            "Prüfen Sie, ob Sie selbst CBAM-Waren einführen, und fordern Sie Emissionsdaten von Lieferanten außerhalb der EU an.",
            "核查您自己是否进口CBAM商品，并向欧盟以外的供应商索取排放数据。",
        ),
        "een",
        market="EU",
    ),
]


def default_content() -> dict[str, Any]:
    """The questionnaire as one JSON-ready document (a fresh copy each call)."""
    import copy

    return copy.deepcopy(
        {
            "languages": list(LANGUAGES),
            "dimensions": DIMENSIONS,
            "questions": QUESTIONS,
            "services": SERVICES,
        }
    )
