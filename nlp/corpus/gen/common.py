"""Shared machinery for the corpus generator: families, slot fillers, identifiers, styles.

Everything is driven by one seeded `random.Random`, so the output is the same on every run.
A family is a list of hand-written templates (one language each) with a label set; the slots in
braces (`{district}`, `{aadhaar}`, ...) are filled from the tables below in the template's language.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

LABELS = ("confidential", "hostile", "instruction", "personal_data")
LANGS = ("en", "gu", "hi", "translit", "mixed")
STYLES = ("plain", "forward", "minutes", "table", "multiline", "voicenote", "emoji", "typo", "native_digits")

# --- Verhoeff (the published dihedral-group tables; written out here, not imported) -------------
_D = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 2, 3, 4, 0, 6, 7, 8, 9, 5), (2, 3, 4, 0, 1, 7, 8, 9, 5, 6),
    (3, 4, 0, 1, 2, 8, 9, 5, 6, 7), (4, 0, 1, 2, 3, 9, 5, 6, 7, 8), (5, 9, 8, 7, 6, 0, 4, 3, 2, 1),
    (6, 5, 9, 8, 7, 1, 0, 4, 3, 2), (7, 6, 5, 9, 8, 2, 1, 0, 4, 3), (8, 7, 6, 5, 9, 3, 2, 1, 0, 4),
    (9, 8, 7, 6, 5, 4, 3, 2, 1, 0),
)
_P = (
    (0, 1, 2, 3, 4, 5, 6, 7, 8, 9), (1, 5, 7, 6, 2, 8, 3, 0, 9, 4), (5, 8, 0, 3, 7, 9, 6, 1, 4, 2),
    (8, 9, 1, 6, 0, 4, 3, 5, 2, 7), (9, 4, 5, 3, 1, 2, 6, 8, 7, 0), (4, 2, 8, 6, 5, 7, 3, 9, 0, 1),
    (2, 7, 9, 3, 8, 0, 6, 4, 1, 5), (7, 0, 4, 6, 9, 1, 3, 2, 5, 8),
)
_INV = (0, 4, 3, 2, 1, 5, 6, 7, 8, 9)


def verhoeff_check_digit(digits: str) -> int:
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[(i + 1) % 8][int(ch)]]
    return _INV[c]


def verhoeff_valid(digits: str) -> bool:
    c = 0
    for i, ch in enumerate(reversed(digits)):
        c = _D[c][_P[i % 8][int(ch)]]
    return c == 0


assert verhoeff_check_digit("236") == 3 and verhoeff_valid("2363") and verhoeff_check_digit("12345") == 1


# --- slot tables: (English/Latin, Gujarati, Hindi) -----------------------------------------------
DISTRICTS = [
    ("Ahmedabad", "અમદાવાદ", "अहमदाबाद"), ("Surat", "સુરત", "सूरत"), ("Vadodara", "વડોદરા", "वडोदरा"),
    ("Rajkot", "રાજકોટ", "राजकोट"), ("Bhavnagar", "ભાવનગર", "भावनगर"), ("Jamnagar", "જામનગર", "जामनगर"),
    ("Junagadh", "જૂનાગઢ", "जूनागढ़"), ("Kutch", "કચ્છ", "कच्छ"), ("Banaskantha", "બનાસકાંઠા", "बनासकांठा"),
    ("Mehsana", "મહેસાણા", "मेहसाणा"), ("Patan", "પાટણ", "पाटन"), ("Sabarkantha", "સાબરકાંઠા", "साबरकांठा"),
    ("Gandhinagar", "ગાંધીનગર", "गांधीनगर"), ("Kheda", "ખેડા", "खेड़ा"), ("Anand", "આણંદ", "आणंद"),
    ("Panchmahal", "પંચમહાલ", "पंचमहाल"), ("Dahod", "દાહોદ", "दाहोद"), ("Bharuch", "ભરૂચ", "भरूच"),
    ("Narmada", "નર્મદા", "नर्मदा"), ("Valsad", "વલસાડ", "वलसाड"), ("Navsari", "નવસારી", "नवसारी"),
    ("Tapi", "તાપી", "तापी"), ("Dang", "ડાંગ", "डांग"), ("Amreli", "અમરેલી", "अमरेली"),
    ("Porbandar", "પોરબંદર", "पोरबंदर"), ("Devbhumi Dwarka", "દેવભૂમિ દ્વારકા", "देवभूमि द्वारका"),
    ("Gir Somnath", "ગીર સોમનાથ", "गीर सोमनाथ"), ("Morbi", "મોરબી", "मोरबी"), ("Botad", "બોટાદ", "बोटाद"),
    ("Surendranagar", "સુરેન્દ્રનગર", "सुरेंद्रनगर"), ("Aravalli", "અરવલ્લી", "अरवल्ली"),
    ("Mahisagar", "મહીસાગર", "महीसागर"), ("Chhota Udaipur", "છોટા ઉદેપુર", "छोटा उदयपुर"),
]
TALUKAS = [
    ("Kadi", "કડી", "कड़ी"), ("Dholka", "ધોળકા", "धोलका"), ("Sanand", "સાણંદ", "साणंद"),
    ("Viramgam", "વિરમગામ", "वीरमगाम"), ("Anjar", "અંજાર", "अंजार"), ("Mandvi", "માંડવી", "मांडवी"),
    ("Bhuj", "ભુજ", "भुज"), ("Rapar", "રાપર", "रापर"), ("Palanpur", "પાલનપુર", "पालनपुर"),
    ("Deesa", "ડીસા", "डीसा"), ("Tharad", "થરાદ", "थराद"), ("Una", "ઉના", "ऊना"),
    ("Veraval", "વેરાવળ", "वेरावल"), ("Keshod", "કેશોદ", "केशोद"), ("Gondal", "ગોંડલ", "गोंडल"),
    ("Jetpur", "જેતપુર", "जेतपुर"), ("Dhoraji", "ધોરાજી", "धोराजी"), ("Mahuva", "મહુવા", "महुवा"),
    ("Talaja", "તળાજા", "तलाजा"), ("Vapi", "વાપી", "वापी"), ("Pardi", "પારડી", "पारडी"),
    ("Bardoli", "બારડોલી", "बारडोली"), ("Olpad", "ઓલપાડ", "ओलपाड"), ("Khambhat", "ખંભાત", "खंभात"),
    ("Petlad", "પેટલાદ", "पेटलाद"), ("Godhra", "ગોધરા", "गोधरा"), ("Halol", "હાલોલ", "हालोल"),
    ("Jambusar", "જંબુસર", "जंबूसर"), ("Rajpipla", "રાજપીપળા", "राजपीपला"), ("Wankaner", "વાંકાનેર", "वांकानेर"),
    ("Dhrangadhra", "ધ્રાંગધ્રા", "ध्रांगध्रा"), ("Visnagar", "વિસનગર", "विसनगर"), ("Unjha", "ઊંઝા", "ऊंझा"),
    ("Himmatnagar", "હિંમતનગર", "हिम्मतनगर"), ("Modasa", "મોડાસા", "मोडासा"), ("Lunawada", "લુણાવાડા", "लुणावाडा"),
    ("Songadh", "સોનગઢ", "सोनगढ़"), ("Vyara", "વ્યારા", "व्यारा"), ("Ahwa", "આહવા", "आहवा"),
]
VILLAGES = [
    ("Kherva", "ખેરવા", "खेरवा"), ("Nani Kadi", "નાની કડી", "नानी कड़ी"), ("Vasna", "વાસણા", "वासणा"),
    ("Lodra", "લોદરા", "लोदरा"), ("Moti Dau", "મોટી દાઉ", "मोटी दाऊ"), ("Rampura", "રામપુરા", "रामपुरा"),
    ("Sherpura", "શેરપુરા", "शेरपुरा"), ("Bhalusna", "ભાલુસણા", "भालुसणा"), ("Jakhau", "જખૌ", "जखौ"),
    ("Navagam", "નવાગામ", "नवागाम"), ("Khakharia", "ખાખરીયા", "खाखरिया"), ("Timba", "ટીંબા", "टिंबा"),
    ("Chandisar", "ચંડીસર", "चंडीसर"), ("Ratanpur", "રતનપુર", "रतनपुर"), ("Boriavi", "બોરીયાવી", "बोरियावी"),
    ("Simada", "સીમાડા", "सीमाडा"), ("Ghantila", "ઘાંટીલા", "घांटीला"), ("Undel", "ઉંદેલ", "उंदेल"),
]
PEOPLE = [
    ("Ramesh Patel", "રમેશ પટેલ", "रमेश पटेल"), ("Kiran Desai", "કિરણ દેસાઈ", "किरण देसाई"),
    ("Jignesh Parmar", "જીજ્ઞેશ પરમાર", "जिग्नेश परमार"), ("Hetal Shah", "હેતલ શાહ", "हेतल शाह"),
    ("Bhavesh Chauhan", "ભાવેશ ચૌહાણ", "भावेश चौहान"), ("Nilesh Rathod", "નિલેશ રાઠોડ", "निलेश राठौड़"),
    ("Manisha Solanki", "મનીષા સોલંકી", "मनीषा सोलंकी"), ("Dinesh Vaghela", "દિનેશ વાઘેલા", "दिनेश वाघेला"),
    ("Farida Memon", "ફરીદા મેમણ", "फ़रीदा मेमन"), ("Imran Sheikh", "ઈમરાન શેખ", "इमरान शेख"),
    ("Savita Vasava", "સવિતા વસાવા", "सविता वसावा"), ("Raju Bharwad", "રાજુ ભરવાડ", "राजू भरवाड़"),
    ("Kanubhai Joshi", "કનુભાઈ જોશી", "कनुभाई जोशी"), ("Pravin Makwana", "પ્રવીણ મકવાણા", "प्रवीण मकवाना"),
    ("Geeta Trivedi", "ગીતા ત્રિવેદી", "गीता त्रिवेदी"), ("Arvind Gohil", "અરવિંદ ગોહિલ", "अरविंद गोहिल"),
    ("Lakshmiben Koli", "લક્ષ્મીબેન કોળી", "लक्ष्मीबेन कोली"), ("Yusuf Ghanchi", "યુસુફ ઘાંચી", "यूसुफ़ घांची"),
    ("Suresh Thakor", "સુરેશ ઠાકોર", "सुरेश ठाकोर"), ("Daksha Pandya", "દક્ષા પંડ્યા", "दक्षा पंड्या"),
    ("Mahesh Gamit", "મહેશ ગામીત", "महेश गामित"), ("Rekha Chaudhari", "રેખા ચૌધરી", "रेखा चौधरी"),
    ("Harshil Bhatt", "હર્ષિલ ભટ્ટ", "हर्षिल भट्ट"), ("Jayaben Dabhi", "જયાબેન ડાભી", "जयाबेन डाभी"),
    ("Valji Rabari", "વાલજી રબારી", "वालजी रबारी"), ("Naresh Prajapati", "નરેશ પ્રજાપતિ", "नरेश प्रजापति"),
    ("Shabana Saiyed", "શબાના સૈયદ", "शबाना सैयद"), ("Amrut Dodiya", "અમૃત ડોડીયા", "अमृत डोडिया"),
]
WOMEN = [
    ("Manisha Solanki", "મનીષા સોલંકી", "मनीषा सोलंकी"), ("Hetal Shah", "હેતલ શાહ", "हेतल शाह"),
    ("Farida Memon", "ફરીદા મેમણ", "फ़रीदा मेमन"), ("Savita Vasava", "સવિતા વસાવા", "सविता वसावा"),
    ("Geeta Trivedi", "ગીતા ત્રિવેદી", "गीता त्रिवेदी"), ("Lakshmiben Koli", "લક્ષ્મીબેન કોળી", "लक्ष्मीबेन कोली"),
    ("Daksha Pandya", "દક્ષા પંડ્યા", "दक्षा पंड्या"), ("Rekha Chaudhari", "રેખા ચૌધરી", "रेखा चौधरी"),
    ("Jayaben Dabhi", "જયાબેન ડાભી", "जयाबेन डाभी"), ("Shabana Saiyed", "શબાના સૈયદ", "शबाना सैयद"),
    ("Kokilaben Rathwa", "કોકિલાબેન રાઠવા", "कोकिलाबेन राठवा"), ("Nirmala Bariya", "નિર્મળા બારીયા", "निर्मला बारिया"),
]
MUSLIM = [
    ("Farida Memon", "ફરીદા મેમણ", "फ़रीदा मेमन"), ("Imran Sheikh", "ઈમરાન શેખ", "इमरान शेख"),
    ("Yusuf Ghanchi", "યુસુફ ઘાંચી", "यूसुफ़ घांची"), ("Shabana Saiyed", "શબાના સૈયદ", "शबाना सैयद"),
    ("Salim Kureshi", "સલીમ કુરેશી", "सलीम कुरैशी"), ("Rukhsana Pathan", "રુખસાના પઠાણ", "रुख़साना पठान"),
]
OFFICERS = [  # surnames used for officers, "Shri X"
    ("Mehta", "મહેતા", "मेहता"), ("Vyas", "વ્યાસ", "व्यास"), ("Chavda", "ચાવડા", "चावड़ा"),
    ("Dave", "દવે", "दवे"), ("Zala", "ઝાલા", "झाला"), ("Nayak", "નાયક", "नायक"), ("Bhatt", "ભટ્ટ", "भट्ट"),
    ("Rana", "રાણા", "राणा"), ("Pandya", "પંડ્યા", "पंड्या"), ("Jadeja", "જાડેજા", "जडेजा"),
    ("Oza", "ઓઝા", "ओझा"), ("Barot", "બારોટ", "बारोट"), ("Solanki", "સોલંકી", "सोलंकी"), ("Modi", "મોદી", "मोदी"),
]
POSTS_LOW = [  # posts addressed by a superior
    ("Mamlatdars", "મામલતદારશ્રીઓ", "मामलतदार"), ("Talatis", "તલાટીઓ", "तलाटी"),
    ("Circle Officers", "સર્કલ ઓફિસરો", "सर्कल अधिकारी"), ("Prant Officers", "પ્રાંત અધિકારીઓ", "प्रांत अधिकारी"),
    ("Sub-Registrars", "સબ રજિસ્ટ્રારો", "उप पंजीयक"), ("TDOs", "ટીડીઓશ્રીઓ", "टीडीओ"),
]
POST_ONE = [
    ("Mamlatdar", "મામલતદાર", "मामलतदार"), ("Talati", "તલાટી", "तलाटी"), ("Circle Officer", "સર્કલ ઓફિસર", "सर्कल अधिकारी"),
    ("Prant Officer", "પ્રાંત અધિકારી", "प्रांत अधिकारी"), ("Sub-Registrar", "સબ રજિસ્ટ્રાર", "उप पंजीयक"),
    ("Deputy Collector", "નાયબ કલેક્ટર", "डिप्टी कलेक्टर"), ("TDO", "ટીડીઓ", "टीडीओ"),
]
TOPICS = [  # work items for reports and directives
    ("crop damage survey", "પાક નુકસાન સર્વે", "फसल नुकसान सर्वे"),
    ("cash dole payment", "કેશડોલ ચુકવણી", "कैशडोल भुगतान"),
    ("pending mutation entries", "બાકી હક્કપત્રક નોંધો", "लंबित म्यूटेशन प्रविष्टियाँ"),
    ("RTS appeal disposal", "આરટીએસ અપીલ નિકાલ", "आरटीएस अपील निपटान"),
    ("e-dhara pendency", "ઈ-ધરા પેન્ડન્સી", "ई-धरा पेंडेंसी"),
    ("iORA NA applications", "આઈઓઆરએ બિનખેતી અરજીઓ", "आईओआरए एनए आवेदन"),
    ("land revenue recovery", "જમીન મહેસૂલ વસૂલાત", "भू-राजस्व वसूली"),
    ("stamp duty recovery", "સ્ટેમ્પ ડ્યુટી વસૂલાત", "स्टांप ड्यूटी वसूली"),
    ("house damage survey", "મકાન નુકસાન સર્વે", "मकान क्षति सर्वे"),
    ("relief kit distribution", "રાહત કીટ વિતરણ", "राहत किट वितरण"),
    ("gauchar encroachment list", "ગૌચર દબાણ યાદી", "गौचर अतिक्रमण सूची"),
    ("Swagat applications", "સ્વાગત અરજીઓ", "स्वागत आवेदन"),
    ("VIKAS entries", "વિકાસ પોર્ટલ એન્ટ્રી", "विकास पोर्टल प्रविष्टियाँ"),
]
DAYS = [("Monday", "સોમવાર", "सोमवार"), ("Tuesday", "મંગળવાર", "मंगलवार"), ("Wednesday", "બુધવાર", "बुधवार"),
        ("Thursday", "ગુરુવાર", "गुरुवार"), ("Friday", "શુક્રવાર", "शुक्रवार"), ("Saturday", "શનિવાર", "शनिवार")]
DAYS_TR = ["somvar", "mangalvar", "budhvar", "guruvar", "shukravar", "shanivar", "Monday", "Tuesday", "Friday"]
DISASTERS = [("cyclone", "વાવાઝોડા", "चक्रवात"), ("heavy rain", "ભારે વરસાદ", "भारी बारिश"), ("flood", "પૂર", "बाढ़"),
             ("heatwave", "હીટવેવ", "लू"), ("hailstorm", "કરા", "ओलावृष्टि")]

LANG_COL = {"en": 0, "translit": 0, "mixed": 1, "gu": 1, "hi": 2}
HI_LATIN_HINT = "hindi-latin"

GU_DIGITS = str.maketrans("0123456789", "૦૧૨૩૪૫૬૭૮૯")
HI_DIGITS = str.maketrans("0123456789", "०१२३४५६७८९")


@dataclass
class Item:
    lang: str
    text: str
    labels: tuple[str, ...] | None = None  # None: the family's labels
    style: str = "plain"


@dataclass
class Family:
    id: str
    labels: tuple[str, ...]
    side: str  # which label this family teaches and whether it is the positive or negative side
    teaches: str
    per: int = 5  # messages drawn per template
    styles: tuple[str, ...] = ("emoji", "typo", "native_digits")  # extra styles that keep the meaning
    items: list[Item] = field(default_factory=list)

    def add(self, lang: str, text: str, labels: tuple[str, ...] | list[str] | None = None, style: str = "plain") -> Family:
        assert lang in LANGS, lang
        self.items.append(Item(lang, text, tuple(sorted(labels)) if labels is not None else None, style))
        return self

    def en(self, text, labels=None, style="plain"):
        return self.add("en", text, labels, style)

    def gu(self, text, labels=None, style="plain"):
        return self.add("gu", text, labels, style)

    def hi(self, text, labels=None, style="plain"):
        return self.add("hi", text, labels, style)

    def tr(self, text, labels=None, style="plain"):
        return self.add("translit", text, labels, style)

    def mx(self, text, labels=None, style="plain"):
        return self.add("mixed", text, labels, style)


def fam(id: str, labels, side: str, teaches: str, per: int = 5, styles=("emoji", "typo", "native_digits")) -> Family:
    return Family(id, tuple(sorted(labels)), side, teaches, per, tuple(styles))


# --- identifiers --------------------------------------------------------------------------------
def aadhaar_digits(r: random.Random) -> str:
    body = str(r.randint(2, 9)) + "".join(str(r.randint(0, 9)) for _ in range(10))
    return body + str(verhoeff_check_digit(body))


def decoy12(r: random.Random) -> str:
    while True:
        s = str(r.randint(2, 9)) + "".join(str(r.randint(0, 9)) for _ in range(11))
        if not verhoeff_valid(s):
            return s


def spaced(d: str) -> str:
    return f"{d[:4]} {d[4:8]} {d[8:]}"


def mobile(r: random.Random) -> str:
    return str(r.choice("6789")) + "".join(str(r.randint(0, 9)) for _ in range(9))


def pan(r: random.Random) -> str:
    up = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(r.choice(up) for _ in range(3)) + "P" + r.choice(up) + f"{r.randint(1000, 9999)}" + r.choice(up)


def epic(r: random.Random) -> str:
    up = "ABCDEFGHJKLMNPRSTUVWXYZ"
    return "".join(r.choice(up) for _ in range(3)) + f"{r.randint(0, 9999999):07d}"


def ifsc(r: random.Random) -> str:
    bank = r.choice(["SBIN", "BARB", "UBIN", "CNRB", "PUNB", "ICIC", "HDFC", "GSCB"])
    return bank + "0" + f"{r.randint(0, 999999):06d}"


def account(r: random.Random) -> str:
    n = r.choice([11, 14, 15, 16])  # never 12 digits, so it cannot be read as an Aadhaar
    return str(r.randint(1, 9)) + "".join(str(r.randint(0, 9)) for _ in range(n - 1))


def vehicle(r: random.Random) -> str:
    return f"GJ-{r.randint(1, 38):02d}-{r.choice(['AB', 'BT', 'CX', 'GA', 'HK', 'T', 'V', 'Z'])}-{r.randint(1000, 9999)}"


def landline(r: random.Random) -> str:
    code = r.choice(["079", "0261", "0265", "0281", "02762", "02742", "0278", "02832", "02637", "02692"])
    return f"{code}-2{''.join(str(r.randint(0, 9)) for _ in range(11 - len(code) - 1))}"


class Slots(dict):
    """Fills `{slot}` names lazily in the template's language; a slot used twice keeps its value."""

    def __init__(self, r: random.Random, lang: str, col: int | None = None):
        super().__init__()
        self.r = r
        self.lang = lang
        self.col = LANG_COL[lang] if col is None else col

    def pick(self, table):
        return self.r.choice(table)[self.col]

    def __missing__(self, key: str) -> str:
        base = key.rstrip("0123456789") if key[-1:].isdigit() and not key.startswith("n") else key
        value = self.make(base, key)
        self[key] = value
        return value

    def make(self, base: str, key: str) -> str:
        value = self._make(base, key)
        for _ in range(20):  # {village} and {village2} should name two different villages
            if not any(k != key and k.rstrip("0123456789") == base and v == value for k, v in self.items()):
                break
            value = self._make(base, key)
        return value

    def _make(self, base: str, key: str) -> str:
        r = self.r
        tables = {"muslim": MUSLIM, "woman": WOMEN, "district": DISTRICTS, "taluka": TALUKAS, "village": VILLAGES, "person": PEOPLE,
                  "officer": OFFICERS, "posts": POSTS_LOW, "post": POST_ONE, "topic": TOPICS, "disaster": DISASTERS}
        if base in tables:
            return self.pick(tables[base])
        if base == "first":  # a man's first name, used with -ભાઈ/-bhai
            women = {w[0] for w in WOMEN}
            return self.pick([p for p in PEOPLE if p[0] not in women]).split()[0]
        if base == "day":
            if self.lang == "translit":
                return r.choice(DAYS_TR)
            return self.pick(DAYS)
        if base == "time":
            return r.choice(["10:30", "11:00", "12:00", "3:00", "4:00", "4:30", "5:00", "6:00", "11:30", "3:30"])
        if base == "hour":
            return str(r.choice([3, 4, 5, 6, 7, 8]))
        if base == "date":
            return f"{r.randint(1, 28):02d}/{r.choice([1, 2, 3, 6, 7, 8, 9, 10, 11, 12]):02d}/20{r.choice([24, 25, 26])}"
        if base == "dd":
            return str(r.randint(2, 28))
        if key.startswith("n") and key[1:].isdigit() or base == "n":
            return str(r.randint(3, 480))
        if base == "big":
            return f"{r.randint(1, 60)},{r.randint(100, 999)}"
        if base == "lakh":
            return f"{r.randint(2, 95)}.{r.randint(1, 9)}"
        if base == "crore":
            return f"{r.randint(1, 48)}.{r.randint(10, 99)}"
        if base == "pct":
            return str(r.randint(5, 45))
        if base == "survey":
            return f"{r.randint(11, 980)}/{r.randint(1, 9)}"
        if base == "fileno":
            return f"{r.choice(['MAH', 'JMN', 'RTS', 'NA', 'LND', 'SSRD'])}/{r.randint(100, 9999)}/{r.choice([2024, 2025, 2026])}"
        if base == "grno":
            return f"{r.choice(['JMN', 'LND', 'MHS', 'STP', 'RHL'])}/{r.randint(10, 99)}{r.randint(2020, 2026)}/{r.randint(100, 999)}/{r.choice('ABHJ')}"
        if base == "case":
            return f"{r.choice(['SCA', 'LPA', 'CA', 'SLP'])} {r.randint(100, 19999)}/{r.choice([2023, 2024, 2025, 2026])}"
        if base == "aadhaar":
            return spaced(aadhaar_digits(r))
        if base == "aadhaarraw":
            return aadhaar_digits(r)
        if base == "decoy":
            return decoy12(r)
        if base == "mobile":
            return mobile(r)
        if base == "offmobile":
            return "9978" + "".join(str(r.randint(0, 9)) for _ in range(6))
        if base == "pan":
            return pan(r)
        if base == "epic":
            return epic(r)
        if base == "passport":
            return r.choice("JKLMNPRSTUVWZ") + f"{r.randint(1000000, 9999999)}"
        if base == "ifsc":
            return ifsc(r)
        if base == "account":
            return account(r)
        if base == "vehicle":
            return vehicle(r)
        if base == "landline":
            return landline(r)
        if base == "tender":
            return f"{r.randint(1, 40)}/{r.choice([2025, 2026])}-{r.randint(26, 27)}"
        if base == "emo":
            return r.choice(["🙏", "✅", "👍", "🌧️", "📌", "⚠️", "🙏🙏", "👉"])
        raise KeyError(key)


def script_column(template: str, lang: str) -> int:
    """Which column of the slot tables a template needs: a mixed template takes its script's names."""
    if lang != "mixed":
        return LANG_COL[lang]
    if re.search("[\u0900-\u097f]", template):
        return 2
    if re.search("[\u0a80-\u0aff]", template):
        return 1
    return 0


def fill(template: str, r: random.Random, lang: str) -> str:
    return template.format_map(Slots(r, lang, script_column(template, lang)))


# --- styles that keep the meaning ---------------------------------------------------------------
_PROTECT = re.compile(r"confiden|secret|restrict|circulat|offici|aadha|gopn|gupt|khaan|khan|pan\b", re.I)
EMOJI_TAILS = [" 🙏", " ✅", " 👍", " 🙏🙏", " 📌", " 👆", " ☑️"]


def style_emoji(text: str, r: random.Random) -> str:
    return text + r.choice(EMOJI_TAILS) if r.random() < 0.7 else r.choice(["📢 ", "🔴 ", "👉 ", "⚠️ "]) + text


def style_typo(text: str, r: random.Random) -> str:
    words = text.split(" ")
    cands = [i for i, w in enumerate(words) if w.isalpha() and w.isascii() and len(w) >= 6 and not _PROTECT.search(w)]
    if not cands:
        return text
    for i in r.sample(cands, min(len(cands), r.choice([1, 2]))):
        w = words[i]
        j = r.randint(1, len(w) - 3)
        op = r.random()
        if op < 0.4:
            w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
        elif op < 0.7:
            w = w[:j] + w[j + 1:]
        else:
            w = w[:j] + w[j] + w[j:]
        words[i] = w
    out = " ".join(words)
    return out.lower() if r.random() < 0.3 else out


def apply_style(text: str, lang: str, style: str, r: random.Random) -> str:
    if style == "emoji":
        return style_emoji(text, r)
    if style == "typo":
        return style_typo(text, r)
    if style == "native_digits":
        return text.translate(GU_DIGITS if lang in ("gu", "mixed") else HI_DIGITS)
    return text


def style_ok(style: str, lang: str, text: str) -> bool:
    if style == "typo":
        return lang in ("en", "translit")
    if style == "native_digits":
        return lang in ("gu", "hi") and any(c.isdigit() and c.isascii() for c in text)
    return True


# --- evasion: `{ev_WORD}` slots spell WORD in an obfuscated way -------------------------------------
_CYR = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і", "y": "у"}
_LEET = {"a": "4", "e": "3", "i": "1", "o": "0", "s": "5", "t": "7"}


def aksharas(word: str) -> list[str]:
    import unicodedata

    out: list[str] = []
    for ch in word:
        if out and (unicodedata.category(ch) in ("Mn", "Mc") or ch == "\u200d" or out[-1].endswith("\u0acd") or out[-1].endswith("\u094d")):
            out[-1] += ch
        else:
            out.append(ch)
    return out


def obfuscate(word: str, r: random.Random) -> str:
    if " " in word:
        return "  ".join(obfuscate(w, r) for w in word.split())
    latin = word.isascii()
    ways = ["spaced", "dotted", "zw", "dashed"] + (["leet", "homoglyph", "leet"] if latin else [])
    way = r.choice(ways)
    parts = list(word) if latin else aksharas(word)
    if way == "spaced":
        return " ".join(parts)
    if way == "dotted":
        return ".".join(parts)
    if way == "dashed":
        return "-".join(parts)
    if way == "zw":
        return "\u200b".join(parts)
    if way == "leet":
        return "".join(_LEET.get(c, c) if r.random() < 0.7 else c for c in word)
    out = "".join(_CYR.get(c, c) if r.random() < 0.6 else c for c in word)
    return out if out != word else word.replace("o", "о", 1).replace("a", "а", 1)


def aadhaar_evasive(r: random.Random) -> str:
    d = aadhaar_digits(r)
    way = r.choice(["dots", "dashes", "zw", "spaced_all"])
    if way == "dots":
        return f"{d[:4]}.{d[4:8]}.{d[8:]}"
    if way == "dashes":
        return f"{d[:4]}-{d[4:8]}-{d[8:]}"
    if way == "zw":
        return "\u200b".join([d[:4], d[4:8], d[8:]])
    return " ".join(d)


_orig_make = Slots.make


def _make(self: Slots, base: str, key: str) -> str:
    if base.startswith("ev_"):
        return obfuscate(base[3:].replace("_", " "), self.r)
    if base == "aadhaarev":
        return aadhaar_evasive(self.r)
    if base == "panev":
        return self.r.choice([" ", ".", "-", "\u200b"]).join(pan(self.r))
    return _orig_make(self, base, key)


Slots.make = _make  # type: ignore[method-assign]  # on purpose: the evasive slots need helpers defined after Slots
