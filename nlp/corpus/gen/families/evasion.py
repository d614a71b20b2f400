"""Evasion both sides: obfuscated markings, insults, identifiers and directives carry their meaning's label;
playful spacing and symbols in clean messages carry none."""
from __future__ import annotations

from ..common import fam

NONE = ()


def families():
    out = []

    f = fam("evasion_positive", (), "all+", "spaced/dotted letters, digits for letters, look-alikes and zero-width characters in violations", per=5, styles=())
    f.en("{ev_confidential}: proposed jantri hike of {pct}% for {taluka}, still with the committee.", labels=("confidential",))
    f.en("{ev_secret} - VIP route on {day} via {taluka} bypass, halt at circuit house.", labels=("confidential",))
    f.en("The {taluka} Mamlatdar is a {ev_thief}, everyone in the taluka knows it.", labels=("hostile",))
    f.en("What an {ev_idiot} this Talati is, the list is wrong again.", labels=("hostile",))
    f.en("Beneficiary {person}, aadhaar {aadhaarev}, amount pending.", labels=("personal_data",))
    f.en("{person} mob {ev_9} 8 7 6 5 4 3 2 1 0 asking about the mutation.".replace("{ev_9} 8 7 6 5 4 3 2 1 0", "nine eight seven six five four three two one zero"), labels=("personal_data",))
    f.gu("{ev_ગોપનીય}: {taluka}ની જંત્રીમાં {pct}% વધારાની દરખાસ્ત.", labels=("confidential",))
    f.gu("{taluka}નો તલાટી {ev_ચોર} છે, આખું ગામ જાણે છે.", labels=("hostile",))
    f.hi("{ev_गोपनीय}: {taluka} की जंत्री में {pct}% बढ़ोतरी का प्रस्ताव।", labels=("confidential",))
    f.hi("ये मामलतदार पूरा {ev_चोर} है।", labels=("hostile",))
    f.tr("{ev_gopniya} che aa: premium {pct}% karvani darkhast.", labels=("confidential",))
    f.tr("Aa talati saav {ev_chor} che, paisa vagar kaam j nathi karto.", labels=("hostile",))
    f.tr("{person} nu aadhar {aadhaarev} che, sahay baki.", labels=("personal_data",))
    f.mx("{ev_confidential} che - {taluka} ની draft jantri {pct}% વધારો.", labels=("confidential",))
    out.append(f)

    f = fam("evasion_positive_u", (), "all+", "sibling: other obfuscated violations (restricted, corrupt, insults, identifiers, directives)", per=5, styles=())
    f.en("{ev_restricted} note: cut in NA premium to {pct}% proposed, decision after budget.", labels=("confidential",))
    f.en("Sub-Registrar {officer} is totally {ev_corrupt}, no deed moves without cash.", labels=("hostile",))
    f.en("All Talatis {ev_report} by {hour} pm today, no excuses.", labels=("instruction",))
    f.en("PAN of the buyer {person}: {panev} is wrong in the deed.", labels=("personal_data",))
    f.gu("આ મામલતદાર {ev_લાંચિયો} છે, પૈસા વગર કંઈ થતું નથી.", labels=("hostile",))
    f.gu("{person}નો આધાર {aadhaarev}, સહાય બાકી.", labels=("personal_data",))
    f.hi("उप पंजीयक पूरा {ev_भ्रष्ट} है, बिना पैसे कुछ नहीं होता।", labels=("hostile",))
    f.hi("{ev_गुप्त}: भूमि अधिग्रहण की प्रस्तावित दरें {pct}% बढ़ाने की फ़ाइल मंत्री जी के पास है।", labels=("confidential",))
    f.tr("Saala {ev_kamchor} talati, ek kaam time par nathi karto.", labels=("hostile",))
    f.tr("{ev_khangi}: jantri ma {pct}% vadharo propose thayo che.", labels=("confidential",))
    out.append(f)

    f = fam("evasion_clean", NONE, "all-", "evasion-styled clean messages: spaced greetings, symbols, zero-width characters in ordinary words", per=5, styles=())
    f.en("{ev_GOOD_MORNING} all, have a great day!")
    f.en("{ev_Congratulations} to Team {district} for the best e-Dhara rank!")
    f.en("H@ppy b1rthday {officer} sir 🎂🎉")
    f.en("Our {ev_secret_santa} exchange is on Friday at lunch 🎁")
    f.en("{ev_THANK_YOU} for the quick relief work in {village}.")
    f.en("Wh@t a r@in in {taluka} today, 12 mm in an hour 🌧️")
    f.gu("{ev_સુપ્રભાત} મિત્રો 🙏")
    f.gu("{ev_અભિનંદન} ટીમ {district}, ઈ-ધરામાં પ્રથમ ક્રમ!")
    f.hi("{ev_सुप्रभात} सभी को 🙏")
    f.hi("{ev_बधाई} हो टीम {district}!")
    f.tr("{ev_jay_shree_krishna} saheb 🙏")
    f.tr("Kem cho b@dha? 4aj to v4rsad j v4rsad 🌧️")
    out.append(f)
    return out
