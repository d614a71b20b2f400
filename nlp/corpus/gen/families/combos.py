"""Fourth wave: polite requests, advisories to the public, decoys in tables, and label combinations."""
from __future__ import annotations

from ..common import fam

NONE = ()
I = ("instruction",)


def families():
    out = []

    f = fam("instr_polite_request", I, "instruction+", "polite official requests: 'are requested to', 'kindly', कृपया, vinanti, -વા વિનંતી", per=5)
    f.en("All Mamlatdars are requested to send the list of {topic} cases older than six months by {date}.")
    f.en("Kindly share the village-wise figures of {topic} for {taluka} before the {day} review.")
    f.en("Circle Officers are requested to attend the training on the new iORA module at {time} on {day}, SPIPA hall.")
    f.en("Request all Talatis of {taluka} to update the 8-A entries on e-Dhara by the weekend.")
    f.gu("તમામ મામલતદારશ્રીઓને વિનંતી કે છ માસથી જૂના {topic}ના કેસોની યાદી {date} સુધીમાં મોકલી આપવા.")
    f.gu("{day}ની સમીક્ષા પહેલાં {taluka}ની {topic}ની ગામવાર વિગત મોકલી આપવા વિનંતી.")
    f.gu("સર્કલ ઓફિસરોને {day}ે {time} વાગ્યે નવા આઈઓઆરએ મોડ્યુલની તાલીમમાં હાજર રહેવા વિનંતી છે.")
    f.hi("सभी मामलतदारों से अनुरोध है कि छह माह से पुराने {topic} प्रकरणों की सूची {date} तक भेजें।")
    f.hi("कृपया {day} की समीक्षा से पहले {taluka} के {topic} के गाँववार आंकड़े साझा करें।")
    f.hi("सर्कल अधिकारी {day} {time} बजे नए आईओआरए मॉड्यूल के प्रशिक्षण में उपस्थित रहने का कष्ट करें।")
    f.tr("Badha mamlatdar ne vinanti ke 6 mahina juna {topic} na case ni yadi {date} sudhi mokli aapvi.")
    f.tr("Kripya {day} ki review se pehle {taluka} ke gaon-vaar aankde bhej dijiye.")
    f.mx("બધા CO ને request છે કે {day} {time} વાગ્યે iORA training માં હાજર રહે.")
    out.append(f)

    f = fam("info_public_advisory", NONE, "instruction-", "advisories addressed to the public or to others, relayed for information, direct no member", per=5)
    f.en("IMD advises fishermen not to venture into the sea off {district} for the next three days.")
    f.en("The bank has asked farmers in {taluka} to complete their e-KYC by {date} to receive the PM-Kisan instalment.")
    f.en("Citizens are advised by the health department to avoid going out between 12 and 4 during the heatwave.")
    f.en("The railways have asked passengers to check the status of trains via {taluka} before leaving home.")
    f.gu("હવામાન વિભાગે માછીમારોને આગામી ત્રણ દિવસ {district}ના દરિયામાં ન જવા સલાહ આપી છે.")
    f.gu("બેંકે {taluka}ના ખેડૂતોને પીએમ કિસાનના હપ્તા માટે {date} સુધીમાં ઈ-કેવાયસી કરાવવા જણાવ્યું છે.")
    f.gu("આરોગ્ય વિભાગે નાગરિકોને હીટવેવમાં બપોરે ૧૨ થી ૪ બહાર ન નીકળવા સલાહ આપી છે.")
    f.hi("मौसम विभाग ने मछुआरों को अगले तीन दिन {district} के समुद्र में न जाने की सलाह दी है।")
    f.hi("बैंक ने {taluka} के किसानों से {date} तक ई-केवाईसी कराने को कहा है।")
    f.tr("Havaman vibhag e machhimaro ne tran divas dariya ma na java salah aapi che.")
    f.tr("Bank ne kisano ko {date} tak e-KYC karane ko kaha hai.")
    f.mx("Health department ની advisory: heatwave માં 12 થી 4 બહાર ન નીકળવું, citizens માટે.")
    out.append(f)

    f = fam("pd_decoy_in_tables", NONE, "personal_data-", "relief tables with 12-digit transaction references and totals that fail Verhoeff", per=4, styles=("native_digits",))
    f.en("DBT batches, {taluka}\nBatch ref | Families | Amount\n{decoy} | {n} | ₹{lakh} lakh\n{decoy2} | {n2} | ₹{lakh2} lakh\nAll batches credited.", None, "table")
    f.gu("ડીબીટી બેચ, {taluka}\nબેચ નં. | કુટુંબ | રકમ\n{decoy} | {n} | ₹{lakh} લાખ\n{decoy2} | {n2} | ₹{lakh2} લાખ\nતમામ જમા.", None, "table")
    f.hi("डीबीटी बैच, {taluka}\nबैच सं. | परिवार | राशि\n{decoy} | {n} | ₹{lakh} लाख\n{decoy2} | {n2} | ₹{lakh2} लाख\nसभी जमा।", None, "table")
    f.tr("DBT batch {taluka}:\n{decoy} - {n} parivar - ₹{lakh} lakh\n{decoy2} - {n2} parivar - ₹{lakh2} lakh\nbadha jama", None, "table")
    f.en("e-Stamp sale, {district}, {date}: certificates {decoy} to {decoy2}, total duty ₹{crore} crore.")
    out.append(f)

    f = fam("instr_hostile_rebuke", ("hostile", "instruction"), "hostile+ instruction+", "a rebuke with abuse that also carries a directive and deadline", per=5)
    f.en("You useless lot in {taluka}, the {topic} report by {hour} pm or I'll see to it personally.")
    f.en("Shameless people, three reminders and nothing. Send the {topic} list by tonight.")
    f.gu("{taluka}ના નકામા લોકો, {topic}નો અહેવાલ {hour} વાગ્યા સુધીમાં મોકલો નહીં તો જોઈ લઈશ.")
    f.gu("બેશરમ લોકો, ત્રણ વાર યાદ કરાવ્યું છતાં કંઈ નહીં. આજે રાત સુધીમાં યાદી મોકલો.")
    f.hi("{taluka} के निकम्मो, {topic} की रिपोर्ट {hour} बजे तक भेजो वरना देख लूँगा।")
    f.hi("बेशर्म लोग, तीन बार याद दिलाया फिर भी कुछ नहीं। आज रात तक सूची भेजो।")
    f.tr("{taluka} na nakama loko, {topic} no report {hour} vagya sudhi moklo nahi to joi laish.")
    f.tr("Besharam log, teen reminder ke baad bhi kuch nahi. Aaj raat tak list bhejo.")
    f.mx("Useless લોકો, {topic} report {hour} pm સુધી મોકલો નહીં તો જોઈ લઈશ.")
    out.append(f)

    f = fam("combo_conf_personal", ("confidential", "personal_data"), "confidential+ personal_data+", "an inquiry's details with a private witness's or complainant's identifiers", per=4)
    f.en("Inquiry against Circle Officer Shri {officer}: the complainant {person} ({mobile}) has given the names of two brokers; report due {date}.")
    f.en("Vigilance note: the buyer {person}, PAN {pan}, paid the Sub-Registrar's clerk ₹{n},000; statement recorded.")
    f.gu("સર્કલ ઓફિસર શ્રી {officer} સામેની તપાસ: ફરિયાદી {person} (મો. {mobile})એ બે દલાલનાં નામ આપ્યાં છે.")
    f.gu("તકેદારી નોંધ: ખરીદનાર {person}, પાન {pan}, એ સબ રજિસ્ટ્રારના કારકુનને ₹{n},000 આપ્યા; નિવેદન નોંધાયું.")
    f.hi("सर्कल अधिकारी श्री {officer} के विरुद्ध जांच: शिकायतकर्ता {person} ({mobile}) ने दो दलालों के नाम दिए हैं।")
    f.tr("CO {officer} ni inquiry ma complainant {person} ({mobile}) e be dalal na naam aapya che.")
    out.append(f)

    f = fam("combo_hostile_personal", ("hostile", "personal_data"), "hostile+ personal_data+", "abuse about a private citizen together with his identifiers or sensitive facts", per=4)
    f.en("That fraud {person} of {village} ({mobile}) files a fake complaint every week. Someone should teach him a lesson.")
    f.en("{person} is a drunkard and a cheat, ask anyone in {village}; his Aadhaar {aadhaar} is on three different ration cards.")
    f.gu("{village}નો પેલો ધુતારો {person} ({mobile}) દર અઠવાડિયે ખોટી ફરિયાદ કરે છે, એને કોઈએ પાઠ ભણાવવો જોઈએ.")
    f.hi("{village} का वो धोखेबाज़ {person} ({mobile}) हर हफ़्ते झूठी शिकायत करता है, इसे कोई सबक सिखाए।")
    f.tr("{village} no e dhutaro {person} ({mobile}) dar athvadiye khoti fariyad kare che.")
    out.append(f)

    f = fam("mixed_code_switch_clean", NONE, "all-", "everyday code-mixed messages (Gujarati/Hindi script with English, and Latin with Indic words)", per=5, styles=("emoji", "typo"))
    f.mx("Aaje {taluka} માં e-KYC camp સારો રહ્યો, {n} લોકો આવ્યા.")
    f.mx("{village} ના causeway પરથી પાણી ઉતરી ગયું, traffic ચાલુ.")
    f.mx("आज {taluka} में server ठीक चला, {n} entries हो गईं।")
    f.mx("{village} का causeway खुल गया, traffic normal है।")
    f.tr("Aaje {taluka} ma e-KYC camp saro rahyo, {n} loko aavya.")
    f.tr("Aaj server sahi chala, {n} entry ho gayi {taluka} me.")
    out.append(f)
    return out
