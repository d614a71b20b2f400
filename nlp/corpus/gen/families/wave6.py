"""Sixth wave: conditional directives against speculation, confidential directives, harmless sarcasm,
and named citizens without a sensitive attribute."""
from __future__ import annotations

from ..common import fam

NONE = ()
I = ("instruction",)


def families():
    out = []

    f = fam("instr_conditional", I, "instruction+", "conditional directives: 'if the level crosses X, evacuate'", per=5)
    f.en("If the {village} dam level crosses {n} ft, Mamlatdar {taluka} to evacuate the downstream villages without waiting for orders.")
    f.en("In case the server stays down after {time}, all Sub-Registrars to switch to the manual token register and report the count.")
    f.en("Should the wind speed exceed 90 km/h, shift the families from kutcha houses in {taluka} to the shelters at once.")
    f.gu("{village} ડેમની સપાટી {n} ફૂટથી વધે તો મામલતદાર {taluka}એ હુકમની રાહ જોયા વગર નીચવાસના ગામો ખાલી કરાવવા.")
    f.gu("{time} પછી પણ સર્વર બંધ રહે તો તમામ સબ રજિસ્ટ્રારોએ મેન્યુઅલ ટોકન રજિસ્ટર શરૂ કરી સંખ્યા જણાવવી.")
    f.hi("अगर {village} बांध का स्तर {n} फ़ुट से ऊपर जाए तो मामलतदार {taluka} आदेश की प्रतीक्षा किए बिना निचले गाँव खाली कराएँ।")
    f.hi("{time} के बाद भी सर्वर बंद रहे तो सभी उप पंजीयक मैनुअल टोकन रजिस्टर शुरू करें।")
    f.tr("Dam ni sapati {n} foot thi vadhe to mamlatdar e hukam ni raah joya vagar neechvas na gaam khali karavva.")
    f.tr("Agar hawa 90 km/h se upar jaye to kacche makaan wale parivaron ko turant shelter me shift karo.")
    f.mx("Server {time} પછી પણ down રહે તો બધા sub-registrars manual token register શરૂ કરે.")
    out.append(f)

    f = fam("info_conditional_speculation", NONE, "instruction-", "speculation and forecasts about what may have to be done, directing no one", per=5)
    f.en("If the rain continues like this, we may have to evacuate {village} again, like in 2019.")
    f.en("Looks like the jantri revision will be delayed to the next year if the committee doesn't meet this month.")
    f.en("In case the cyclone turns north, {taluka} will be in its path; IMD will tell by evening.")
    f.gu("આવો જ વરસાદ ચાલુ રહેશે તો ૨૦૧૯ની જેમ ફરી {village} ખાલી કરાવવું પડે એવું લાગે છે.")
    f.gu("સમિતિ આ મહિને નહીં મળે તો જંત્રી સુધારો આવતા વર્ષે જશે એવું લાગે છે.")
    f.hi("बारिश ऐसे ही चलती रही तो 2019 की तरह फिर {village} खाली कराना पड़ सकता है।")
    f.hi("चक्रवात उत्तर की ओर मुड़ा तो {taluka} उसके रास्ते में होगा, शाम तक मौसम विभाग बताएगा।")
    f.tr("Aavo j varsad rahese to pachhu {village} khali karavvu padse evu lage che.")
    f.tr("Cyclone north me muda to {taluka} raaste me hoga, shaam tak pata chalega.")
    f.mx("Committee આ month નહીં મળે તો jantri revision next year જશે એવું લાગે છે.")
    out.append(f)

    f = fam("combo_conf_instruction", ("confidential", "instruction"), "confidential+ instruction+", "a marked or undisclosed plan together with orders to members", per=4)
    f.en("Confidential: the CM's convoy will halt at {village} for 10 minutes on {day}. Mamlatdar {taluka} to post two staff there from 8 am.")
    f.en("Not for circulation - inquiry into the {taluka} deeds will start on {date}. Sub-Registrar to keep the registers of 2023 ready.")
    f.gu("ગોપનીય: {day}ે મુખ્યમંત્રીશ્રીનો કાફલો {village}માં ૧૦ મિનિટ રોકાશે, મામલતદાર {taluka}એ સવારે ૮થી બે કર્મચારી મૂકવા.")
    f.gu("આ વાત બહાર ન જાય: {taluka}ના દસ્તાવેજોની તપાસ {date}થી શરૂ થશે, સબ રજિસ્ટ્રારે ૨૦૨૩નાં રજિસ્ટર તૈયાર રાખવાં.")
    f.hi("गोपनीय: {day} को मुख्यमंत्री का काफ़िला {village} में 10 मिनट रुकेगा, मामलतदार {taluka} सुबह 8 बजे से दो कर्मचारी तैनात करें।")
    f.tr("Gopniya: CM no convoy {village} ma 10 minute rokase, mamlatdar {taluka} e 8 vagya thi be staff mukva.")
    out.append(f)

    f = fam("host_sarcasm_harmless", NONE, "hostile-", "sarcasm and irony about servers, weather and workload that accuses no one", per=5, styles=("emoji", "typo"))
    f.en("Wow, the e-Dhara server worked for a full hour today. Someone call the newspapers 😂")
    f.en("Great, another new format. We were getting bored with the old one 🙃")
    f.en("Sunday, public holiday, and here we are at the {taluka} office. Life is beautiful 😅")
    f.gu("વાહ, આજે ઈ-ધરા સર્વર આખો કલાક ચાલ્યું, છાપામાં આપવું જોઈએ 😂")
    f.gu("સરસ, વધુ એક નવું પત્રક. જૂનાથી કંટાળી ગયા હતા 🙃")
    f.hi("वाह, आज ई-धरा सर्वर पूरा एक घंटा चला, अख़बार में छपना चाहिए 😂")
    f.hi("बढ़िया, एक और नया फ़ॉर्मेट, पुराने से बोर हो गए थे 🙃")
    f.tr("Vah, aaje server aakho kalak chalyu, chhapa ma aapvu joie 😂")
    f.tr("Ravivar, raja, ane aapde {taluka} office ma. Jindagi saras che 😅")
    f.mx("Great, વધુ એક new format 🙃 જૂનાથી bore થઈ ગયા હતા.")
    out.append(f)

    f = fam("pd_named_no_sensitive", NONE, "personal_data-", "named citizens with nothing sensitive: donors, volunteers, award winners", per=5)
    f.en("Thanks to {person} of {village}, who donated 500 food packets for the shelter.")
    f.en("{person}, a farmer from {taluka}, received the best innovative farmer award at the Krishi Mela.")
    f.en("Volunteers {person} and {person2} helped the Talati with the crop survey all week.")
    f.gu("આશ્રયસ્થાન માટે ૫૦૦ ફૂડ પેકેટ દાનમાં આપનાર {village}ના {person}નો આભાર.")
    f.gu("{taluka}ના ખેડૂત {person}ને કૃષિ મેળામાં શ્રેષ્ઠ નવીન ખેડૂતનો એવોર્ડ મળ્યો.")
    f.hi("आश्रय स्थल के लिए 500 भोजन पैकेट दान करने वाले {village} के {person} का धन्यवाद।")
    f.hi("{taluka} के किसान {person} को कृषि मेले में सर्वश्रेष्ठ नवाचारी किसान पुरस्कार मिला।")
    f.tr("Shelter mate 500 food packet aapnar {village} na {person} no aabhar.")
    f.tr("Volunteer {person} ne poore hafte survey me talati ki madad ki.")
    f.mx("Krishi Mela માં {taluka} ના farmer {person} ને best innovative farmer award મળ્યો.")
    out.append(f)
    return out
