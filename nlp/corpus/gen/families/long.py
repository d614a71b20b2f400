"""Long messages (>200 characters): forwarded circulars, minutes, tables, multi-line updates and voice notes,
clean ones against ones with a single violation buried inside."""
from __future__ import annotations

from ..common import fam

NONE = ()


def families():
    out = []

    f = fam("long_clean_forward_circular", NONE, "all-", "long forwarded circulars and press notes shared for information", per=4, styles=())
    f.en("Forwarded as received:\nGovernment of Gujarat, Revenue Department. Press note. The State Government has decided to extend the concession in stamp duty for women purchasers of residential property till 31 March. The concession will be available on registration at all Sub-Registrar offices and through Garvi 2.0. Citizens may check the revised fee schedule on the IGR website.", style="forward")
    f.en("FYI - circular of the Settlement Commissioner dated {date} (already on the website):\nThe village form 7/12 will now show the QR code of the last mutation entry. Old printouts remain valid. The change needs no action by taluka offices; the NIC team has updated the e-Dhara software at the state level.", style="forward")
    f.en("Sharing today's GSDMA bulletin: The IMD forecast shows light to moderate rain over {district}, {district2} and {district3} for the next 48 hours with no warning. Dam levels: {pct}% storage overall. No evacuation is expected. Farmers have been advised through the agriculture department to postpone spraying.", style="forward")
    f.gu("ફોરવર્ડ:\nમહેસૂલ વિભાગ, ગુજરાત સરકાર. અખબારી યાદી. રાજ્ય સરકારે મહિલા ખરીદદારો માટે રહેણાંક મિલકતની નોંધણીમાં સ્ટેમ્પ ડ્યુટી રાહત ૩૧ માર્ચ સુધી લંબાવવાનો નિર્ણય કર્યો છે. આ રાહત તમામ સબ રજિસ્ટ્રાર કચેરીઓ અને ગરવી ૨.૦ મારફતે મળશે. નાગરિકો સુધારેલું ફી પત્રક વેબસાઇટ પર જોઈ શકે છે.", style="forward")
    f.gu("જાણ માટે: સેટલમેન્ટ કમિશનરશ્રીનો તા. {date}નો પરિપત્ર (વેબસાઇટ પર છે). હવે ૭/૧૨ પર છેલ્લી નોંધનો ક્યુઆર કોડ દેખાશે. જૂની નકલો માન્ય રહેશે. આ માટે તાલુકા કક્ષાએ કોઈ કાર્યવાહી કરવાની થતી નથી, એનઆઈસીએ રાજ્ય કક્ષાએ ઈ-ધરા સોફ્ટવેર અપડેટ કર્યું છે.", style="forward")
    f.hi("फॉरवर्ड:\nराजस्व विभाग, गुजरात सरकार। प्रेस नोट। राज्य सरकार ने महिला खरीदारों के लिए आवासीय संपत्ति के पंजीयन पर स्टांप ड्यूटी छूट 31 मार्च तक बढ़ाने का निर्णय लिया है। यह छूट सभी उप पंजीयक कार्यालयों और गरवी 2.0 के माध्यम से मिलेगी। नागरिक संशोधित शुल्क सूची वेबसाइट पर देख सकते हैं।", style="forward")
    f.hi("जानकारी हेतु, आज का जीएसडीएमए बुलेटिन: मौसम विभाग के अनुसार {district} और {district2} में अगले 48 घंटे हल्की से मध्यम वर्षा, कोई चेतावनी नहीं। बांधों में कुल {pct}% भंडारण। किसी निकासी की संभावना नहीं है।", style="forward")
    f.tr("Forwarded:\nMahesul vibhag ni akhbari yadi - mahila kharidaro mate stamp duty ni rahat 31 March sudhi lambavi che. Aa rahat badhi sub registrar kacheri ane Garvi 2.0 par malse. Navu fee patrak website par che. Koi kacheri e kashu alag karvanu nathi, software state level thi update thai gayu che.", style="forward")
    out.append(f)

    f = fam("long_clean_minutes", NONE, "all-", "minutes that record a finished meeting's discussion and status, with no action for members", per=4, styles=())
    f.en("Minutes of the review meeting held on {date} under the chairmanship of the Collector, {district}\n1. {topic}: {pct}% complete against the target; the Collector appreciated {taluka}.\n2. Court cases: {n} pending, replies filed in all.\n3. Swagat: all applications of last month disposed.\nThe meeting ended with a vote of thanks.", style="minutes")
    f.en("MoM - DDMA meeting, {date}\nPresent: Collector, DDO, SP, all Prant Officers.\nThe pre-monsoon preparedness was reviewed. All {n} shelters were inspected last week and found ready. The control room test call on {day} was successful. Dewatering pumps are in place at {n2} points. No issue remained open.", style="minutes")
    f.gu("તા. {date}ની સમીક્ષા બેઠકની કાર્યવાહી નોંધ (અધ્યક્ષ: કલેક્ટરશ્રી, {district})\n૧. {topic}: લક્ષ્યાંક સામે {pct}% કામગીરી, {taluka}ની કામગીરીની પ્રશંસા કરવામાં આવી.\n૨. કોર્ટ કેસ: {n} પડતર, તમામમાં જવાબ રજૂ.\n૩. સ્વાગત: ગયા મહિનાની તમામ અરજીઓનો નિકાલ.\nઆભારવિધિ સાથે બેઠક પૂર્ણ થઈ.", style="minutes")
    f.hi("दिनांक {date} की समीक्षा बैठक का कार्यवृत्त (अध्यक्ष: कलेक्टर, {district})\n1. {topic}: लक्ष्य के सामने {pct}% कार्य, {taluka} की सराहना हुई।\n2. न्यायालय प्रकरण: {n} लंबित, सभी में जवाब दाख़िल।\n3. स्वागत: पिछले माह के सभी आवेदन निपटाए गए।\nधन्यवाद प्रस्ताव के साथ बैठक समाप्त हुई।", style="minutes")
    f.tr("Aaj ni meeting ni minutes: {topic} ma {pct}% kaam thayu che, {taluka} nu kaam saru hatu. Court case {n} pending che pan badha ma jawab rajoo thai gaya che. Swagat ni badhi arji no nikal thai gayo che. Meeting aabhar vidhi sathe puri thai.", style="minutes")
    f.mx("Meeting ની minutes: {topic} માં {pct}% progress, {taluka} ની કામગીરી સારી. Court cases {n} pending, બધામાં reply file થઈ ગયો છે. Swagat ની બધી arji નો નિકાલ થયો છે. Vote of thanks સાથે meeting પૂરી થઈ.", style="minutes")
    out.append(f)

    f = fam("long_minutes_action_items", ("instruction",), "instruction+", "minutes with action points addressed to members are instructions", per=4, styles=())
    f.en("Minutes of the {day} review, {district}\n1. {topic}: {pct}% done.\n2. Court cases: {n} pending.\nAction points:\n(a) All Mamlatdars to clear pending mutation entries by {date}.\n(b) Prant Officers to inspect two shelters each before the next review.", style="minutes")
    f.gu("{day}ની બેઠકની કાર્યવાહી નોંધ\n૧. {topic}: {pct}% કામગીરી.\n૨. કોર્ટ કેસ: {n} પડતર.\nકાર્યવાહીના મુદ્દા:\n(ક) તમામ મામલતદારશ્રીઓએ પડતર નોંધોનો નિકાલ {date} સુધીમાં કરવો.\n(ખ) પ્રાંત અધિકારીઓએ આગામી બેઠક પહેલાં બે આશ્રયસ્થાનની મુલાકાત લેવી.", style="minutes")
    f.hi("{day} की बैठक का कार्यवृत्त\n1. {topic}: {pct}% कार्य।\n2. न्यायालय प्रकरण: {n} लंबित।\nकार्रवाई बिंदु:\n(क) सभी मामलतदार {date} तक लंबित प्रविष्टियाँ निपटाएँ।\n(ख) प्रांत अधिकारी अगली बैठक से पहले दो आश्रय स्थलों का निरीक्षण करें।", style="minutes")
    f.tr("Meeting na mudda: {topic} {pct}% thayu che. Have badha mamlatdar e {date} sudhi pending nondh no nikal karvo ane prant adhikario e aagami meeting pehla be shelter ni mulakat levi. Report district ne mokalvo.", style="minutes")
    out.append(f)

    f = fam("long_clean_relief_table", NONE, "all-", "tables of relief and revenue figures: amounts and totals, no identifiers", per=4, styles=("native_digits",))
    f.en("Cash dole status ({date})\nTaluka | Families | Paid (₹ lakh) | Pending\n{taluka} | {n} | {lakh} | {n2}\n{taluka2} | {n3} | {lakh2} | {n4}\n{taluka3} | {n5} | {lakh3} | {n6}\nTotal credited so far: ₹{crore} crore", style="table")
    f.en("Land revenue recovery as on {date}:\n{taluka}: ₹{lakh} lakh ({pct}%)\n{taluka2}: ₹{lakh2} lakh ({pct2}%)\n{taluka3}: ₹{lakh3} lakh ({pct3}%)\nDistrict: ₹{crore} crore against a target of ₹{crore2} crore.", style="table")
    f.gu("કેશડોલ સ્થિતિ ({date})\nતાલુકો | કુટુંબ | ચૂકવેલ (₹ લાખ) | બાકી\n{taluka} | {n} | {lakh} | {n2}\n{taluka2} | {n3} | {lakh2} | {n4}\n{taluka3} | {n5} | {lakh3} | {n6}\nઅત્યાર સુધી કુલ ₹{crore} કરોડ જમા", style="table")
    f.gu("જમીન મહેસૂલ વસૂલાત ({date} સુધી):\n{taluka}: ₹{lakh} લાખ ({pct}%)\n{taluka2}: ₹{lakh2} લાખ ({pct2}%)\nજિલ્લો: ₹{crore} કરોડ, લક્ષ્યાંક ₹{crore2} કરોડ.", style="table")
    f.hi("कैशडोल स्थिति ({date})\nतालुका | परिवार | भुगतान (₹ लाख) | लंबित\n{taluka} | {n} | {lakh} | {n2}\n{taluka2} | {n3} | {lakh2} | {n4}\nअब तक कुल ₹{crore} करोड़ जमा", style="table")
    f.tr("Cash dole status {date}:\n{taluka} - {n} parivar - ₹{lakh} lakh chukvaya - {n2} baki\n{taluka2} - {n3} parivar - ₹{lakh2} lakh - {n4} baki\nKul ₹{crore} crore jama thaya.", style="table")
    f.en("House damage survey, {district}, {date}\nTaluka   Fully  Partly  Huts\n{taluka}   {n}   {n2}   {n3}\n{taluka2}   {n4}   {n5}   {n6}\nAssistance paid: ₹{lakh} lakh. Challan ref {decoy}.", style="table")
    out.append(f)

    f = fam("long_clean_multiline_update", NONE, "all-", "multi-line situation updates from the field, informational", per=4, styles=("emoji", "native_digits"))
    f.en("Update from {taluka} at {time}:\n- Rainfall last 24 h: {n} mm\n- Roads closed: 2 (causeways near {village} and {village2})\n- Shelters open: {n2}, people: {n3}\n- No loss of life. Power restored in most villages.", style="multiline")
    f.en("{village} field visit today:\n• Crop survey: {n} khata done of {n2}\n• Talati and gram sevak present\n• Farmers satisfied with the process\n• Next visit planned for {day}", style="multiline")
    f.gu("{taluka} અપડેટ ({time}):\n- છેલ્લા ૨૪ કલાકમાં વરસાદ: {n} મીમી\n- બંધ રસ્તા: ૨ ({village} અને {village2} પાસેના કોઝવે)\n- આશ્રયસ્થાન: {n2}, લોકો: {n3}\n- કોઈ જાનહાનિ નથી.", style="multiline")
    f.gu("આજની {village} મુલાકાત:\n• પાક સર્વે: {n2}માંથી {n} ખાતા પૂર્ણ\n• તલાટી અને ગ્રામસેવક હાજર\n• ખેડૂતો સંતુષ્ટ", style="multiline")
    f.hi("{taluka} अपडेट ({time}):\n- पिछले 24 घंटे में वर्षा: {n} मिमी\n- बंद सड़कें: 2\n- आश्रय स्थल: {n2}, लोग: {n3}\n- कोई जनहानि नहीं।", style="multiline")
    f.tr("{taluka} update {time}:\nvarsad {n} mm\nbandh rasta 2\nshelter {n2}, loko {n3}\nkoi janhani nathi, light chalu thai gai", style="multiline")
    f.mx("{village} visit update:\nCrop survey {n}/{n2} khata done\nTalati present\nFarmers satisfied 👍", style="multiline")
    out.append(f)

    f = fam("long_clean_voicenote_u", NONE, "all-", "run-on voice-note text from the field, long and clean", per=4, styles=())
    f.en("sir i reached {village} at around 11 the water level has gone down now most of the families have gone back to their houses only {n} people are still in the school shelter the food is coming from the akshay patra kitchen and the doctor also came in the morning so everything is fine sir tomorrow we will start the house damage survey", style="voicenote")
    f.gu("સાહેબ હું {village} અગિયાર વાગ્યે પહોંચ્યો પાણી ઓસરી ગયું છે મોટાભાગના કુટુંબો ઘરે પાછા ગયા છે હવે ફક્ત {n} લોકો શાળામાં છે જમવાનું રસોડેથી આવે છે અને સવારે ડોક્ટર પણ આવી ગયા એટલે બધું બરાબર છે કાલથી મકાન નુકસાન સર્વે શરૂ કરીશું", style="voicenote")
    f.hi("सर मैं {village} ग्यारह बजे पहुँचा पानी उतर गया है ज़्यादातर परिवार घर लौट गए हैं अब सिर्फ़ {n} लोग स्कूल में हैं खाना रसोई से आ रहा है सुबह डॉक्टर भी आए थे सब ठीक है कल से मकान नुकसान सर्वे शुरू करेंगे", style="voicenote")
    f.tr("saheb hu {village} agiyar vagye pahonchyo paani osri gayu che mota bhag na kutumb ghare gaya che have khali {n} loko school ma che jamvanu rasoda thi aave che ane doctor pan aavi gaya hata etle badhu barabar che kale thi makan nuksan survey chalu karishu", style="voicenote")
    f.tr("sir main {village} pahuch gaya tha subah hi paani utar gaya hai log ghar wapas ja rahe hai bas {n} log school me hai khana aa raha hai doctor bhi aaye the sab theek hai kal se survey karenge sir", style="voicenote")
    out.append(f)

    f = fam("long_buried_violation", (), "all+", "long updates, tables and minutes with one violation buried inside", per=4, styles=())
    f.en("Update from {taluka}:\n- Shelters: {n}\n- Food packets distributed: {n2}\n- Cattle camps: 2\n- {person} of {village} (mobile {mobile}) is asking for the ex-gratia again\n- Roads: all open", labels=("personal_data",), style="multiline")
    f.en("Beneficiary list, {village}\nName | Amount | Status\n{person} | ₹{n}00 | paid\n{person2} | ₹{n2}00 | paid\n{person3} | ₹{n3}00 | failed, {aadhaar}\nTotal ₹{lakh} lakh", labels=("personal_data",), style="table")
    f.en("Minutes of the {day} meeting: shelters were inspected; relief kits are in stock; the control room is working. Also, not for circulation: the draft jantri for {taluka} proposes a {pct}% increase for commercial plots. Vote of thanks by the Dy Collector.", labels=("confidential",), style="minutes")
    f.en("sir we reached {village} the water is going down {n} families are in the school the kitchen is working fine and frankly that useless Mamlatdar of {taluka} did not even pick up the phone the whole night the fellow is a disgrace anyway the survey starts tomorrow", labels=("hostile",), style="voicenote")
    f.en("Rain update for {district}:\n{taluka}: {n} mm\n{taluka2}: {n2} mm\n{taluka3}: {n3} mm\nNo damage so far. All Mamlatdars to keep the control rooms manned tonight and report at 6 am.", labels=("instruction",), style="multiline")
    f.gu("{taluka} અપડેટ:\n- આશ્રયસ્થાન: {n}\n- ફૂડ પેકેટ: {n2}\n- પશુ કેમ્પ: ૨\n- {village}ના {person} (મો. {mobile}) ફરી સહાય માટે પૂછે છે\n- બધા રસ્તા ચાલુ", labels=("personal_data",), style="multiline")
    f.gu("બેઠકની નોંધ: આશ્રયસ્થાનોની ચકાસણી થઈ, રાહત કીટનો જથ્થો છે, કંટ્રોલ રૂમ ચાલુ છે. ખાનગી: {taluka}ની સૂચિત જંત્રીમાં વાણિજ્ય પ્લોટ માટે {pct}% વધારો છે. નાયબ કલેક્ટરશ્રીએ આભારવિધિ કરી.", labels=("confidential",), style="minutes")
    f.gu("વરસાદ અપડેટ:\n{taluka}: {n} મીમી\n{taluka2}: {n2} મીમી\nહજી સુધી નુકસાન નથી. તમામ મામલતદારોએ આજે રાત્રે કંટ્રોલ રૂમ ચાલુ રાખવો અને સવારે ૬ વાગ્યે અહેવાલ આપવો.", labels=("instruction",), style="multiline")
    f.hi("{taluka} अपडेट:\n- आश्रय स्थल: {n}\n- भोजन पैकेट: {n2}\n- {village} की {person}, मकान नं. {n3}, को डायलिसिस चल रहा है, सहायता चाहिए\n- सभी सड़कें खुली", labels=("personal_data",), style="multiline")
    f.hi("सर हम {village} पहुँचे पानी उतर रहा है {n} परिवार स्कूल में हैं रसोई ठीक चल रही है और वो {taluka} का मामलतदार तो पूरी रात फ़ोन ही नहीं उठाया निकम्मा कहीं का खैर कल से सर्वे शुरू", labels=("hostile",), style="voicenote")
    f.tr("Update {taluka}: shelter {n}, food packet {n2}, cattle camp 2, badha rasta chalu. Ane {person} {village} vala ni arji ma aadhar {aadhaar} che, ek var joi lejo. Baki badhu barabar.", labels=("instruction", "personal_data"), style="multiline")
    f.mx("Meeting notes: shelters inspected, kits stock માં છે, control room ચાલુ. Within us only: {taluka} ની draft jantri માં commercial plots માટે {pct}% વધારો propose થયો છે. Vote of thanks Dy Collector દ્વારા.", labels=("confidential",), style="minutes")
    out.append(f)

    f = fam("long_buried_violation_u", (), "all+", "sibling: other long messages hiding one violation (forward, table, run-on)", per=4, styles=())
    f.en("Forwarded from the taluka group:\nCrop survey is {pct}% done in {taluka}; the remaining villages will be covered by {day}. The team thanks the gram panchayats. PS the contractor {person} who supplied the tarpaulins can be reached on {mobile} for the balance bill.", labels=("personal_data",), style="forward")
    f.en("Relief kit stock, {district}\nItem | Received | Issued\nRice (kg) | {n}0 | {n2}0\nDal (kg) | {n3}0 | {n4}0\nTarpaulins | {n5} | {n6}\nNote: L1 in the pending tarpaulin tender is ₹{n7} per piece; bids open {day}.", labels=("confidential",), style="table")
    f.en("Long day sir. Four villages visited, {n} panchnamas done, the kitchen at {village} is working, and the Talati of {village2} as usual was missing, no wonder, everyone says he only turns up when there's money to be made. Will send the list in the morning.", labels=("hostile",), style="voicenote")
    f.gu("તાલુકા ગ્રુપમાંથી ફોરવર્ડ:\n{taluka}માં પાક સર્વે {pct}% પૂર્ણ, બાકીના ગામ {day} સુધીમાં. પંચાયતોનો આભાર. તાડપત્રી આપનાર કોન્ટ્રાક્ટર {person}નો મોબાઇલ {mobile} છે, બાકી બિલ માટે.", labels=("personal_data",), style="forward")
    f.gu("રાહત સામગ્રી, {district}\nવસ્તુ | મળેલ | વહેંચેલ\nચોખા | {n}0 | {n2}0\nદાળ | {n3}0 | {n4}0\nતાડપત્રી | {n5} | {n6}\nનોંધ: તાડપત્રી ટેન્ડરમાં L1 ₹{n7} પ્રતિ નંગ છે, ભાવ {day}ે ખુલશે.", labels=("confidential",), style="table")
    f.gu("આજે ચાર ગામ ફર્યા, {n} પંચનામા થયા, {village}નું રસોડું ચાલુ છે અને {village2}ના તલાટી રોજની જેમ ગાયબ, પૈસા મળવાના હોય ત્યારે જ દેખાય છે એ તો બધા જાણે છે. યાદી સવારે મોકલીશ.", labels=("hostile",), style="voicenote")
    f.hi("फॉरवर्ड:\n{taluka} में फसल सर्वे {pct}% पूरा, बाकी गाँव {day} तक। पंचायतों का धन्यवाद। तिरपाल देने वाले ठेकेदार {person} का मोबाइल {mobile} है, बकाया बिल के लिए।", labels=("personal_data",), style="forward")
    f.hi("आज चार गाँव देखे, {n} पंचनामे हुए, सब ठीक। शाम 7 बजे सभी तलाटी अपने गाँव की सूची ज़िले को मेल करें, कल सुबह की समीक्षा में चाहिए। बाकी कोई समस्या नहीं।", labels=("instruction",), style="voicenote")
    f.tr("aaj char gaam joya {n} panchnama thaya {village} nu rasodu chalu che pachi {person} ne cancer che eni sahay ni arji pan aavi che ane baki badhu barabar che kale savare list moklish", labels=("personal_data",), style="voicenote")
    out.append(f)
    return out
