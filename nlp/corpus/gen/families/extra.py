"""More templates for families defined in the other modules (same family, same split).

Each entry is (lang, template) or (lang, template, labels) or (lang, template, labels, style).
"""
from __future__ import annotations

EXTRA: dict[str, list[tuple]] = {}


def _more(batch: dict[str, list[tuple]]) -> None:
    """Add a batch of templates; a family named in several batches gets all of them."""
    for family_id, items in batch.items():
        EXTRA.setdefault(family_id, []).extend(items)


_more({
    "conf_talk_about_rule": [
        ("en", "Someone asked at the {district} workshop whether mentioning a file number of a confidential file is itself a breach. The answer given was no, only the content is."),
        ("en", "The CAG para on {topic} was in the newspapers last week, so it is hardly a secret any more, whatever the old file cover says."),
        ("gu", "{district}ના તાલીમ વર્ગમાં પૂછાયું કે ગોપનીય ફાઇલનો નંબર લખવો એ ભંગ ગણાય? જવાબ હતો ના, માત્ર વિગત ગણાય."),
        ("hi", "{district} कार्यशाला में पूछा गया कि गोपनीय फ़ाइल का नंबर लिखना भी उल्लंघन है क्या? जवाब मिला नहीं, सिर्फ़ सामग्री।"),
        ("translit", "{district} workshop ma puchhyu ke confidential file no number lakhvo e pan bhang gane? Javab: na, fakt vigat gane."),
        ("mixed", "{topic} વાળો CAG para ગયા અઠવાડિયે paper માં હતો, હવે secret જેવું કંઈ નથી."),
    ],
    "conf_everyday_words": [
        ("en", "The 'Top Secret' board game at {first}'s house was the highlight of the picnic 😄"),
        ("en", "{village} has a small temple called Gupt Mahadev; the fair there is on {day}."),
        ("gu", "{village}માં ગુપ્ત મહાદેવનું નાનું મંદિર છે, ત્યાં {day}ે મેળો ભરાય છે."),
        ("hi", "{village} में गुप्त महादेव का छोटा मंदिर है, वहाँ {day} को मेला लगता है।"),
        ("translit", "{village} ma Gupt Mahadev nu mandir che, {day} e melo bharay che."),
    ],
    "conf_marking_heading": [
        ("en", "CONFIDENTIAL - draft cabinet note: {n} acres of gauchar in {taluka} proposed for the logistics park; compensation land at {village}."),
        ("en", "Secret\nPosting plan for Mamlatdars after the election: {taluka} to Shri {officer}, {taluka2} to Shri {officer2}. Not yet approved.", None, "multiline"),
        ("gu", "ગોપનીય - કેબિનેટ નોંધનો મુસદ્દો: {taluka}ની {n} એકર ગૌચર લોજિસ્ટિક પાર્ક માટે સૂચિત, બદલામાં {village}માં જમીન."),
        ("gu", "ખાનગી\nચૂંટણી પછી મામલતદારોની બદલીનું આયોજન: {taluka} શ્રી {officer}, {taluka2} શ્રી {officer2}. હજી મંજૂર નથી.", None, "multiline"),
        ("hi", "गोपनीय - कैबिनेट नोट का प्रारूप: {taluka} की {n} एकड़ गौचर भूमि लॉजिस्टिक पार्क हेतु प्रस्तावित।"),
        ("translit", "KHANGI: election pachi mamlatdar ni badli nu planning - {taluka} ma shri {officer}, {taluka2} ma shri {officer2}. Haju approve nathi."),
        ("mixed", "Secret: {taluka} ની {n} acre gauchar logistics park માટે propose થઈ છે, cabinet note draft માં."),
    ],
    "conf_marking_trailer": [
        ("en", "Transfer list being finalised: Shri {officer} to {taluka}, Shri {officer2} to {taluka2}. Please keep this to yourselves till the order is out."),
        ("gu", "બદલી યાદી તૈયાર થાય છે: શ્રી {officer} {taluka}, શ્રી {officer2} {taluka2}. હુકમ ન આવે ત્યાં સુધી આ વાત આપણી વચ્ચે જ રાખજો."),
        ("hi", "तबादला सूची बन रही है: श्री {officer} {taluka}, श्री {officer2} {taluka2}। आदेश आने तक यह बात हमारे बीच ही रहे।"),
        ("translit", "Badli list: shri {officer} {taluka}, shri {officer2} {taluka2}. Order na aave tya sudhi aapni vachche j rakhjo."),
    ],
    "conf_exam_paper": [
        ("en", "For the Circle Officer exam on {date} the practical question is a mutation of survey no. {survey} with three heirs. Please vet the model answer before Monday."),
        ("gu", "{date}ની સર્કલ ઓફિસર પરીક્ષામાં પ્રાયોગિક પ્રશ્ન સર્વે નં. {survey}ના ત્રણ વારસદારની નોંધ પર છે; મોડેલ જવાબ ચકાસી આપશો."),
        ("hi", "{date} की सर्कल अधिकारी परीक्षा में व्यावहारिक प्रश्न सर्वे नं. {survey} के तीन वारिसों के म्यूटेशन पर है।"),
        ("translit", "{date} ni CO exam ma practical question survey no {survey} na tran varas ni nondh par che."),
        ("mixed", "{date} ની exam નો practical question survey no. {survey} ના heirship mutation પર છે, model answer check કરજો."),
    ],
    "conf_litigation_strategy": [
        ("en", "In the {village} land acquisition reference we will not challenge the valuer; we settle at ₹{lakh} lakh per hectare if the court suggests it."),
        ("gu", "{village} જમીન સંપાદન રેફરન્સમાં આપણે મૂલ્યાંકનકારને પડકારીશું નહીં; કોર્ટ સૂચવે તો હેક્ટરે ₹{lakh} લાખમાં સમાધાન."),
        ("hi", "{village} भूमि अधिग्रहण संदर्भ में हम मूल्यांकक को चुनौती नहीं देंगे; अदालत कहे तो ₹{lakh} लाख प्रति हेक्टेयर पर समझौता।"),
        ("mixed", "{case} માં AGP limitation point નહીં press કરે, mutation void ab initio હતો એ argue કરશે."),
    ],
    "conf_vigilance_case": [
        ("en", "The preliminary inquiry into Sub-Registrar Shri {officer} found {n} deeds registered below jantri; the report recommends a chargesheet."),
        ("gu", "સબ રજિસ્ટ્રાર શ્રી {officer}ની પ્રાથમિક તપાસમાં જંત્રી કરતાં ઓછા ભાવે {n} દસ્તાવેજ નોંધાયાનું જણાયું, આરોપનામાની ભલામણ."),
        ("hi", "उप पंजीयक श्री {officer} की प्रारंभिक जांच में जंत्री से कम पर {n} दस्तावेज़ पंजीकृत पाए गए, आरोप पत्र की सिफ़ारिश।"),
        ("mixed", "Sub-registrar {officer} ની preliminary inquiry માં {n} deeds jantri થી નીચે મળ્યા, chargesheet ની recommendation."),
    ],
    "conf_public_equivalents": [
        ("en", "The result of the departmental exam held on {date} is declared; {n} candidates passed. List on the notice board."),
        ("gu", "{date}ની ખાતાકીય પરીક્ષાનું પરિણામ જાહેર, {n} ઉમેદવાર પાસ. યાદી નોટિસ બોર્ડ પર."),
        ("hi", "{date} की विभागीय परीक्षा का परिणाम घोषित, {n} उम्मीदवार उत्तीर्ण, सूची सूचना पट्ट पर।"),
        ("translit", "Departmental exam nu result jaher, {n} pass. List notice board par che."),
    ],
    "instr_superior_directive": [
        ("en", "From tomorrow, all {posts} will mark attendance on the face app before 10:30. Defaulters' list to be sent to me every Friday."),
        ("en", "Prant Officer {taluka} and Mamlatdar {taluka2}: joint site visit to {village} on {day}, report with photos by {date}."),
        ("gu", "આવતીકાલથી તમામ {posts}એ ૧૦:૩૦ પહેલાં હાજરી એપમાં પૂરવી; ગેરહાજર રહેનારની યાદી દર શુક્રવારે મોકલવી."),
        ("gu", "પ્રાંત અધિકારી {taluka} અને મામલતદાર {taluka2}: {day} {village}ની સંયુક્ત સ્થળ મુલાકાત કરી {date} સુધીમાં ફોટા સાથે અહેવાલ આપવો."),
        ("hi", "कल से सभी {posts} 10:30 से पहले ऐप पर हाज़िरी लगाएँ; अनुपस्थित रहने वालों की सूची हर शुक्रवार भेजें।"),
        ("translit", "Kal thi badha {posts} 10:30 pehla app ma hajri purse, defaulter list dar shukravar mokalvi."),
        ("mixed", "Prant officer {taluka} અને mamlatdar {taluka2} {day} ના {village} ની joint visit કરી photos સાથે report આપે."),
    ],
    "instr_disaster_directive": [
        ("en", "Fishing boats must not go out till further orders. Mamlatdars of {taluka} and {taluka2} to inform the ports and confirm by {time}."),
        ("gu", "આગામી હુકમ સુધી માછીમારી બોટ દરિયામાં ન જાય; {taluka} અને {taluka2} મામલતદારે બંદરોને જાણ કરી {time} સુધીમાં ખાતરી આપવી."),
        ("hi", "अगले आदेश तक मछली पकड़ने की नावें समुद्र में न जाएँ; {taluka} और {taluka2} के मामलतदार बंदरगाहों को सूचित करें।"),
        ("mixed", "Cattle camps માં fodder નો stock આજે જ check કરો અને shortage હોય તો {time} સુધી જણાવો."),
    ],
    "instr_gu_polite_infinitive": [
        ("gu", "જે ગામોમાં પાણી ભરાયું હોય ત્યાંના તલાટીઓએ સ્થળ પર હાજર રહેવું, મુખ્ય મથક છોડવું નહીં."),
        ("gu", "{taluka} નાયબ મામલતદારશ્રીએ {village}ની અરજીની રૂબરૂ ખરાઈ કરી {date} સુધીમાં અભિપ્રાય મોકલવો."),
        ("gu", "તમામ સર્કલ ઓફિસરો {date}ની બેઠકમાં પોતાના સર્કલની પડતર નોંધોની યાદી સાથે હાજર રહેશો."),
        ("gu", "વરસાદને કારણે કોઈ પણ કર્મચારીએ રજા પર જવું નહીં, રજા મંજૂર હોય તો રદ ગણવી."),
        ("mixed", "{taluka} ના talati મિત્રો, crop survey ની entry આજે રાત સુધીમાં portal પર કરી દેશો."),
        ("translit", "Varsad ne karane koi karmachari e raja par javu nahi, manjur raja rad ganvi."),
    ],
    "instr_gu_infinitive_descriptive": [
        ("gu", "{village}ના ખેડૂતોને ખબર નથી કે પાક નુકસાનની અરજી ક્યાં આપવી, એટલે કચેરીએ ભીડ થાય છે."),
        ("gu", "અમારે ત્યાં તો દર વર્ષે ચોમાસામાં રસ્તો બંધ થવો એ સામાન્ય છે."),
        ("gu", "આ નોંધ રદ કરવી પડશે એવું લાગે છે, કારણ કે વારસદારોની સહી નથી. તમે શું માનો છો?"),
        ("gu", "{first}ભાઈને નિવૃત્તિ પછી ખેતી કરવી છે, એમણે કાલે વાત કરી."),
        ("translit", "Khedut ne khabar nathi ke arji kya aapvi, etle office e bhid thay che."),
    ],
    "info_published_notice": [
        ("en", "Today's Gazette has the notification on {topic}; the link is on the department website for anyone who needs it."),
        ("gu", "આજના ગેઝેટમાં {topic} અંગેનું જાહેરનામું છે, જેને જરૂર હોય તેમના માટે લિંક વેબસાઇટ પર છે."),
        ("hi", "आज के राजपत्र में {topic} पर अधिसूचना है, लिंक विभाग की वेबसाइट पर है।"),
        ("translit", "Aaj na gazette ma {topic} nu jaheranamu che, link website par."),
    ],
    "info_past_report": [
        ("en", "Yesterday's directive on shifting people from {village} was carried out by 6 pm; {n} persons are in the school shelter."),
        ("gu", "ગઈકાલની સૂચના મુજબ {village}ના લોકોને સાંજે ૬ સુધીમાં ખસેડાયા; {n} વ્યક્તિઓ શાળામાં છે."),
        ("hi", "कल के निर्देश के अनुसार {village} के लोगों को शाम 6 बजे तक हटाया गया; {n} लोग स्कूल में हैं।"),
        ("translit", "Kal na instruction mujab {village} na loko ne 6 vagya sudhi khaseda, {n} loko school ma che."),
    ],
    "info_ack_promise": [
        ("en", "Yes sir, the {village} list will be on your mail within the hour."),
        ("gu", "જી સાહેબ, {village}ની યાદી કલાકમાં મેઇલ પર મળી જશે."),
        ("hi", "जी सर, {village} की सूची घंटे भर में मेल पर मिल जाएगी।"),
        ("translit", "Ji saheb, {village} ni yadi kalak ma mail par mali jase."),
    ],
    "pd_official_numbers": [
        ("en", "Jantri objections can be sent to the Collectorate's official WhatsApp {offmobile} or by e-mail to collector-{district}@gujarat.gov.in."),
        ("gu", "જંત્રી અંગે વાંધા કલેક્ટર કચેરીના સત્તાવાર વોટ્સએપ {offmobile} પર મોકલી શકાય છે."),
        ("hi", "जंत्री आपत्तियाँ कलेक्टर कार्यालय के आधिकारिक व्हाट्सऐप {offmobile} पर भेजी जा सकती हैं।"),
    ],
    "pd_private_mobile": [
        ("en", "The buyer in the {village} deed, {person}, says he paid the Talati; his number is {mobile} if the inquiry officer wants it."),
        ("gu", "{village}ના દસ્તાવેજના ખરીદનાર {person} કહે છે કે તલાટીને પૈસા આપ્યા; તપાસ અધિકારીને જોઈએ તો તેમનો નંબર {mobile}."),
        ("hi", "{village} के विलेख के खरीदार {person} का कहना है कि तलाटी को पैसे दिए; जांच अधिकारी को चाहिए तो नंबर {mobile}।"),
        ("translit", "{village} na kharidnar {person} no number {mobile} che, talati ne paisa aapya em kahe che."),
    ],
    "pd_aadhaar_far": [
        ("en", "{person}, {village}. House fully damaged. Bank: {ifsc}. ID {aadhaar}.", ("personal_data",)),
        ("gu", "{person}, {village}. મકાન સંપૂર્ણ નુકસાન. ઓળખ: {aadhaar}"),
        ("hi", "{person}, {village}। मकान पूरी तरह क्षतिग्रस्त। पहचान {aadhaar}"),
        ("mixed", "{person} ({village}) ની arji ફરી આવી છે. {aadhaarraw}"),
    ],
    "pd_named_sensitive_gu_hi": [
        ("gu", "{woman} ગર્ભવતી છે અને {village}ના આશ્રયસ્થાનમાં છે, ડોક્ટરને જાણ કરી છે."),
        ("gu", "{person}ના પુત્ર સામે ચોરીનો ગુનો નોંધાયો છે, તેથી તેમની સહાય અટકી છે."),
        ("hi", "{woman} गर्भवती हैं और {village} के आश्रय स्थल में हैं, डॉक्टर को बता दिया है।"),
        ("hi", "{person} के बेटे पर चोरी का मुक़दमा है, इसलिए उनकी सहायता रुकी है।"),
        ("translit", "{woman} pregnant che ane {village} na shelter ma che, doctor ne janavyu che."),
    ],
    "pd_aggregate": [
        ("en", "{n} pregnant women are in the {taluka} shelters; a medical team visits twice a day."),
        ("gu", "{taluka}ના આશ્રયસ્થાનોમાં {n} સગર્ભા મહિલાઓ છે, તબીબી ટીમ દિવસમાં બે વાર આવે છે."),
        ("hi", "{taluka} के आश्रय स्थलों में {n} गर्भवती महिलाएँ हैं, चिकित्सा दल दिन में दो बार आता है।"),
    ],
    "pd_decoy_numbers": [
        ("en", "PFMS batch {decoy} for the cash dole of {taluka} is approved; ₹{lakh} lakh will reach {n} accounts."),
        ("gu", "{taluka}ની કેશડોલ માટે પીએફએમએસ બેચ {decoy} મંજૂર; ₹{lakh} લાખ {n} ખાતામાં જશે."),
        ("hi", "{taluka} कैशडोल के लिए पीएफएमएस बैच {decoy} स्वीकृत; ₹{lakh} लाख {n} खातों में जाएगा।"),
        ("translit", "PFMS batch {decoy} approve thai gayo, ₹{lakh} lakh {n} khata ma jase."),
    ],
    "host_bribe_insinuation": [
        ("en", "Funny, the {taluka} office 'lost' the file twice until the applicant met the clerk outside. Then it was found in an hour."),
        ("gu", "મજાની વાત છે, અરજદાર બહાર કારકુનને મળ્યો પછી જ {taluka} કચેરીમાં 'ખોવાયેલી' ફાઇલ કલાકમાં મળી ગઈ."),
        ("hi", "मज़ेदार है, आवेदक बाहर बाबू से मिला उसके बाद ही {taluka} दफ़्तर में 'खोई' फ़ाइल घंटे भर में मिल गई।"),
        ("translit", "Arjdar bahar karkun ne malyo pachi j {taluka} office ma 'khovayeli' file kalak ma mali gai, ketlu saru."),
    ],
    "host_community_enmity": [
        ("en", "Those people multiply and then grab government land, every time. The Collector should not regularise a single one of their plots."),
        ("gu", "એ લોકો વધતા જ જાય છે અને સરકારી જમીન પચાવે છે, કલેક્ટરે એમનો એક પણ પ્લોટ નિયમિત ન કરવો જોઈએ."),
        ("hi", "वो लोग बढ़ते जाते हैं और सरकारी ज़मीन हड़पते हैं, कलेक्टर को इनका एक भी प्लॉट नियमित नहीं करना चाहिए।"),
    ],
    "host_threat_harm": [
        ("en", "Tell your Circle Officer to be careful on the {village} road at night. Accidents happen."),
        ("gu", "તમારા સર્કલ ઓફિસરને કહેજો કે રાત્રે {village}ના રસ્તે સાચવીને જાય, અકસ્માત થઈ જાય."),
        ("hi", "अपने सर्कल अधिकारी से कहना रात को {village} वाले रास्ते पर संभलकर चले, हादसे हो जाते हैं।"),
        ("translit", "Tamara CO ne kahejo raat na {village} na raste sachvi ne jay, accident thai jay."),
    ],
    "host_civil_criticism": [
        ("en", "This is the third reminder to {taluka} on the {topic}. I expect a better response from a senior office."),
        ("gu", "{topic} અંગે {taluka}ને આ ત્રીજું સ્મરણપત્ર છે; વરિષ્ઠ કચેરી પાસેથી વધુ સારા પ્રતિભાવની અપેક્ષા છે."),
        ("hi", "{topic} पर {taluka} को यह तीसरा स्मरण है; वरिष्ठ कार्यालय से बेहतर जवाब की अपेक्षा है।"),
    ],
    "host_neutral_clash": [
        ("en", "Two groups argued over water from the {village} tanker; the Talati and police calmed them and the supply resumed."),
        ("gu", "{village}માં ટેન્કરના પાણી બાબતે બે જૂથ વચ્ચે બોલાચાલી થઈ, તલાટી અને પોલીસે શાંત પાડ્યા."),
        ("hi", "{village} में टैंकर के पानी को लेकर दो गुटों में कहासुनी हुई, तलाटी और पुलिस ने शांत कराया।"),
    ],
    "social_greetings": [
        ("en", "Happy Uttarayan to all! Please take care on the terraces 🪁"),
        ("gu", "સૌને ઉત્તરાયણની શુભેચ્છાઓ 🪁"),
        ("hi", "सभी को मकर संक्रांति की शुभकामनाएँ 🪁"),
        ("translit", "Happy Uttarayan badha ne 🪁 kai po che!"),
    ],
    "ops_status_reports": [
        ("en", "{taluka}: crop survey {pct}% complete, {n} villages left, no issue."),
        ("gu", "{taluka}: પાક સર્વે {pct}% પૂર્ણ, {n} ગામ બાકી, કોઈ તકલીફ નથી."),
        ("hi", "{taluka}: फसल सर्वे {pct}% पूरा, {n} गाँव बाकी।"),
        ("translit", "{taluka} crop survey {pct}% puro, {n} gaam baki."),
        ("mixed", "{taluka} crop survey {pct}% complete, {n} villages બાકી."),
    ],
})

_more({
    "instr_directive_u": [
        ("en", "Census house-listing: every charge officer in {taluka} to verify {n} blocks this week and mark the map by {day}."),
        ("en", "Court contempt notice in {case}: Mamlatdar {taluka} to appear in person on {date} with the original record."),
        ("hi", "जनगणना मकान सूचीकरण: {taluka} के हर चार्ज अधिकारी इस सप्ताह {n} ब्लॉक सत्यापित करें और {day} तक नक्शा चिह्नित करें।"),
        ("hi", "{case} में अवमानना नोटिस: मामलतदार {taluka} {date} को मूल रिकॉर्ड के साथ स्वयं उपस्थित हों।"),
        ("gu", "{case}માં અવમાનના નોટિસ: મામલતદાર {taluka}એ {date}ના રોજ મૂળ રેકર્ડ સાથે રૂબરૂ હાજર રહેવું."),
        ("translit", "Census mate dareke charge officer e aa athvadiye {n} block verify karva ane {day} sudhi map ma mark karvu."),
        ("mixed", "Census house-listing માટે {taluka} ના charge officers આ week {n} blocks verify કરે."),
        ("mixed", "{case} contempt notice: mamlatdar {taluka} original record સાથે {date} ના રોજ હાજર રહે."),
    ],
    "instr_gu_polite_imperative_u": [
        ("gu", "ચૂંટણી ફરજ પરના તમામ કર્મચારીઓએ ઓળખપત્ર સાથે રાખવું અને મતદાન મથકે સવારે ૫:૩૦ વાગ્યે પહોંચવું."),
        ("gu", "{village}ના અસરગ્રસ્ત કુટુંબોની યાદી સરપંચની સહી સાથે આવતીકાલે બપોર સુધીમાં રજૂ કરશો."),
        ("gu", "જમીન માપણીની બાકી અરજીઓ {date} સુધીમાં ડીઆઈએલઆર કચેરીને મોકલી આપજો."),
        ("mixed", "Election duty વાળા બધા staff એ ID card સાથે રાખવું અને booth પર 5:30 વાગ્યે પહોંચવું."),
    ],
    "host_sarcasm_veiled_u": [
        ("en", "Amazing how the {taluka} Circle Officer can afford a new bungalow every two years on a government salary. Must be very good at saving."),
        ("hi", "कमाल है, {taluka} के सर्कल अधिकारी सरकारी तनख़्वाह में हर दो साल में नया बंगला बना लेते हैं। बचत में माहिर होंगे।"),
        ("gu", "કમાલ છે, {taluka}ના સર્કલ ઓફિસર સરકારી પગારમાં દર બે વર્ષે નવો બંગલો બનાવે છે, બચતમાં પાવરધા હશે."),
        ("mixed", "{taluka} CO દર બે વર્ષે નવો bungalow, government salary માં! Saving expert હશે 😏"),
    ],
    "host_region_enmity_u": [
        ("en", "Never post anyone from that district here; they only know how to loot and run."),
        ("mixed", "એ district ના લોકો ને અહીં posting જ ન આપવી, loot કરીને ભાગી જાય છે."),
        ("hi", "उस ज़िले के किसी को यहाँ पोस्टिंग मत दो, ये सिर्फ़ लूटकर भागना जानते हैं।"),
    ],
    "host_threat_humiliation_u": [
        ("en", "I have your videos from the office, Mamlatdar saheb. Reject my file again and the whole district will watch them."),
        ("mixed", "તમારા office ના videos મારી પાસે છે saheb, file reject કરી તો આખો district જોશે."),
        ("hi", "आपके दफ़्तर के वीडियो मेरे पास हैं साहब, फ़ाइल फिर रिजेक्ट की तो पूरा ज़िला देखेगा।"),
    ],
    "pd_named_sensitive_u": [
        ("mixed", "{person} ને widow pension મળે છે અને હવે housing assistance માટે પણ arji કરી છે."),
        ("mixed", "{village} land scam ના accused {person} {date} થી bail પર છે."),
    ],
    "pd_helpline_described_u": [
        ("mixed", "Crop loss photos માટે district control room નો government WhatsApp {offmobile} છે, 24x7."),
    ],
    "conf_talk_about_u": [
        ("en", "Our Dy Collector jokes that the only real secret in the Collectorate is where the good tea is kept ☕"),
        ("hi", "हमारे डिप्टी कलेक्टर मज़ाक करते हैं कि कलेक्टरेट का असली राज़ बस अच्छी चाय की जगह है ☕"),
    ],
    "social_greetings_u": [
        ("mixed", "{officer} sir ને retirement પર best wishes, આપની સાથે કામ કરવાનો આનંદ હતો 🙏"),
        ("mixed", "Happy Navratri to all, {district} team 🪔"),
    ],
})

_more({
    # untouched negatives
    "info_photo_caption": [
        ("en", "Snapshots from today's Swagat at {taluka}: {n} representations heard by the Prant Officer."),
        ("en", "📸 The new record room at {taluka} Mamlatdar office after digitisation."),
        ("gu", "📸 ડિજિટાઇઝેશન પછી {taluka} મામલતદાર કચેરીનો નવો રેકર્ડ રૂમ."),
        ("gu", "આજના {taluka} સ્વાગત કાર્યક્રમની ઝલક: પ્રાંત અધિકારીશ્રીએ {n} રજૂઆતો સાંભળી."),
        ("hi", "📸 डिजिटलीकरण के बाद {taluka} मामलतदार कार्यालय का नया अभिलेख कक्ष।"),
        ("translit", "Aaj na swagat karyakram ni jhalak, {n} rajuaat sambhli."),
        ("mixed", "📸 {taluka} ના Swagat program ની ઝલક, {n} representations સાંભળી."),
    ],
    "info_ack_voicenote_u": [
        ("en", "ok sir ok sir i have told the talati he is going now only and i will also go to {village} after the meeting sir will call you from there", None, "voicenote"),
        ("gu", "બરાબર સાહેબ તલાટીને કહી દીધું છે એ હમણાં જ નીકળે છે હું પણ મીટિંગ પછી {village} જઈશ ત્યાંથી ફોન કરીશ", None, "voicenote"),
        ("hi", "ठीक है सर तलाटी को बोल दिया है वो अभी निकल रहा है मैं भी मीटिंग के बाद {village} जाऊँगा वहाँ से फ़ोन करता हूँ", None, "voicenote"),
        ("mixed", "ok sir talati ને કહી દીધું છે, એ હમણાં જ નીકળે છે, meeting પછી હું પણ {village} જઈશ", None, "voicenote"),
    ],
    "instr_gu_infinitive_descriptive_u": [
        ("gu", "કચેરીમાં બધા કહે છે કે આ વખતે જંત્રી વધવી નક્કી છે, જોઈએ શું થાય છે."),
        ("gu", "સાંજે વહેલું ઘરે જવું હતું પણ સમીક્ષા બેઠક લંબાઈ ગઈ."),
        ("gu", "ગામલોકોનું કહેવું છે કે રસ્તો પાકો કરવો જોઈએ, એમણે આવેદન આપ્યું છે."),
        ("mixed", "Evening માં વહેલું ઘરે જવું હતું પણ review meeting લાંબી ચાલી."),
        ("translit", "Saanje vehlu ghare javu hatu pan meeting lambai gai."),
    ],
    "pd_aggregate_u": [
        ("en", "{n} families in {taluka} got the house damage assistance this month; {n2} more after verification."),
        ("gu", "આ મહિને {taluka}માં {n} કુટુંબોને મકાન નુકસાન સહાય મળી, ચકાસણી પછી વધુ {n2}."),
        ("hi", "इस महीने {taluka} में {n} परिवारों को मकान क्षति सहायता मिली, सत्यापन के बाद {n2} और।"),
        ("translit", "Aa mahine {taluka} ma {n} kutumb ne makan sahay mali."),
        ("mixed", "{taluka} માં આ month {n} families ને house damage assistance મળી."),
    ],
    "host_civil_criticism_u": [
        ("en", "With due respect to the Prant office, the order in the {village} case ignores the 1970 entry. We should go in revision."),
        ("gu", "પ્રાંત કચેરીના માન સાથે, {village} કેસના હુકમમાં ૧૯૭૦ની નોંધ ધ્યાને લેવાઈ નથી; રિવિઝનમાં જવું જોઈએ."),
        ("hi", "प्रांत कार्यालय के सम्मान सहित, {village} मामले के आदेश में 1970 की प्रविष्टि छूट गई है।"),
        ("mixed", "Respect સાથે કહું તો {village} case ના order માં 1970 ની entry ધ્યાને લીધી નથી."),
    ],
    "host_figurative_u": [
        ("en", "That hailstorm in {taluka} was brutal, it beat the jeera crop flat."),
        ("gu", "{taluka}માં કરાએ તો જીરાના પાકને ઝૂડી નાખ્યો."),
        ("mixed", "આ server તો આપણો દુશ્મન છે, દર કલાકે down 😤"),
    ],
    "social_greetings_u": [
        ("en", "Thank you all for the warm farewell yesterday. {district} will always be special."),
        ("gu", "ગઈકાલની લાગણીસભર વિદાય બદલ સૌનો આભાર, {district} હંમેશા ખાસ રહેશે."),
        ("hi", "कल की भावभीनी विदाई के लिए सभी का धन्यवाद, {district} हमेशा ख़ास रहेगा।"),
        ("translit", "Kal ni vidai mate badha no aabhar, {district} hamesha khas raheshe."),
    ],
    "conf_talk_about_u": [
        ("en", "The RTI applicant wants to know what the department treats as confidential; the reply will just cite the circular and the RTI Act sections."),
        ("gu", "આરટીઆઈ અરજદાર જાણવા માગે છે કે વિભાગ શું ગોપનીય ગણે છે; જવાબમાં ફક્ત પરિપત્ર અને કાયદાની કલમો ટાંકીશું."),
        ("translit", "RTI arjdar puchhe che ke vibhag shu confidential gane che; javab ma fakt paripatra ane RTI act ni kalam lakhishu."),
    ],
    "long_clean_minutes_u": [
        ("en", "Record of the land revenue review ({date}): recovery stood at ₹{crore} crore; {taluka} topped with {pct}%; the Collector noted the improvement over last year; the write-off proposals were discussed and already sent to the state on {date2}. Meeting closed at {time}.", None, "minutes"),
        ("mixed", "Land revenue review ની નોંધ ({date}): recovery ₹{crore} crore, {taluka} {pct}% સાથે પ્રથમ; write-off proposals state ને {date2} ના રોજ મોકલાઈ ગઈ છે. Meeting {time} વાગ્યે પૂરી.", None, "minutes"),
        ("hi", "भू-राजस्व समीक्षा ({date}) का अभिलेख: वसूली ₹{crore} करोड़ रही, {taluka} {pct}% के साथ सबसे आगे; बट्टे खाते के प्रस्ताव {date2} को राज्य को भेजे जा चुके हैं। बैठक {time} बजे समाप्त।", None, "minutes"),
    ],
    "long_clean_voicenote_u": [
        ("en", "sir just an update the jantri survey team finished {village} today {n} sale deeds checked most rates are close to the old jantri only in the highway patch it is higher we will compile everything on {day} and put it in the format sir", None, "voicenote"),
        ("gu", "સાહેબ એક અપડેટ જંત્રી સર્વે ટીમે આજે {village} પૂરું કર્યું {n} દસ્તાવેજ જોયા મોટાભાગના ભાવ જૂની જંત્રી જેવા જ છે ફક્ત હાઇવે પાસે વધારે છે {day} સુધીમાં બધું ભેગું કરીશું", None, "voicenote"),
        ("mixed", "sir update jantri survey team એ આજે {village} પૂરું કર્યું {n} sale deeds check કર્યા highway પાસે rate વધારે છે બાકી જૂની jantri જેવા જ", None, "voicenote"),
    ],
    # more train/calibration negatives
    "info_minutes_location": [
        ("en", "Agenda and minutes of all DDMA meetings since 2022 are in the register kept with the Disaster Mamlatdar."),
        ("gu", "૨૦૨૨થી અત્યાર સુધીની ડીડીએમએ બેઠકોના એજન્ડા અને નોંધ ડિઝાસ્ટર મામલતદાર પાસેના રજિસ્ટરમાં છે."),
        ("hi", "2022 से अब तक की डीडीएमए बैठकों का एजेंडा और कार्यवृत्त आपदा मामलतदार के रजिस्टर में है।"),
    ],
    "instr_peer_question": [
        ("en", "Anyone else facing the OTP issue on Garvi today? Ours is failing since morning."),
        ("gu", "આજે ગરવીમાં ઓટીપીની તકલીફ બીજા કોઈને છે? અમારે સવારથી નથી આવતો."),
        ("hi", "आज गरवी पर ओटीपी की दिक़्क़त और किसी को है? हमारा सुबह से नहीं आ रहा।"),
    ],
    "instr_subordinate_request": [
        ("en", "Sir, the {village} shelter needs two more water tankers; kindly approve if possible."),
        ("gu", "સાહેબ, {village} આશ્રયસ્થાનમાં બે વધુ ટેન્કરની જરૂર છે, શક્ય હોય તો મંજૂરી આપવા વિનંતી."),
        ("hi", "सर, {village} आश्रय स्थल को दो और टैंकर चाहिए, संभव हो तो स्वीकृति दें।"),
    ],
    "conf_sealed_cover": [
        ("en", "The bid documents for tender {tender} are locked in the Collectorate strong room till the opening on {date}."),
        ("gu", "ટેન્ડર {tender}ના બીડ દસ્તાવેજો {date}એ ખુલે ત્યાં સુધી કલેક્ટર કચેરીના સ્ટ્રોંગ રૂમમાં બંધ છે."),
        ("hi", "टेंडर {tender} के बोली दस्तावेज़ {date} को खुलने तक कलेक्टरेट के स्ट्रॉन्ग रूम में बंद हैं।"),
    ],
    "pd_officer_not_private": [
        ("en", "Shri {officer}, Circle Officer, is on leave till {date}; Shri {officer2} will sign the mutation entries."),
        ("gu", "સર્કલ ઓફિસર શ્રી {officer} {date} સુધી રજા પર છે, નોંધો પર શ્રી {officer2} સહી કરશે."),
        ("hi", "सर्कल अधिकारी श्री {officer} {date} तक अवकाश पर हैं, प्रविष्टियों पर श्री {officer2} हस्ताक्षर करेंगे।"),
    ],
    "pd_vehicle_lists": [
        ("en", "Tankers supplying {village} today: {vehicle}, {vehicle2}. Trips: {n}."),
        ("gu", "આજે {village}માં પાણી પુરવઠો આપતા ટેન્કર: {vehicle}, {vehicle2}. ફેરા: {n}."),
        ("hi", "आज {village} में पानी देने वाले टैंकर: {vehicle}, {vehicle2}। फेरे: {n}।"),
    ],
    "host_neutral_clash": [
        ("en", "Villagers of {village} blocked the highway for two hours demanding compensation; they dispersed after the Mamlatdar met them."),
        ("gu", "વળતરની માગ સાથે {village}ના ગ્રામજનોએ બે કલાક હાઇવે રોક્યો, મામલતદારની મુલાકાત પછી વિખેરાયા."),
    ],
    "host_figurative_banter": [
        ("en", "{officer} sir's famous line: 'no file dies on my table' 😄"),
        ("gu", "{officer} સાહેબનું પ્રખ્યાત વાક્ય: 'મારા ટેબલ પર કોઈ ફાઇલ મરતી નથી' 😄"),
    ],
    # positives in train
    "conf_policy_draft_unmarked": [
        ("en", "The revised compensation slab under consideration: ₹{n},000 for fully damaged pucca houses instead of the present rate. File with the ACS."),
        ("gu", "વિચારણા હેઠળનો સુધારેલો સહાય દર: સંપૂર્ણ નુકસાનગ્રસ્ત પાકા મકાન માટે ₹{n},000; ફાઇલ અગ્ર મુખ્ય સચિવશ્રી પાસે."),
        ("hi", "विचाराधीन संशोधित सहायता दर: पूर्ण क्षतिग्रस्त पक्के मकान के लिए ₹{n},000; फ़ाइल एसीएस के पास।"),
    ],
    "instr_event_coordination": [
        ("en", "Tiranga Yatra on {day}: Talatis to ensure 50 participants from each village at the {taluka} ground by 8 am."),
        ("gu", "{day} તિરંગા યાત્રા: તલાટીઓએ દરેક ગામમાંથી ૫૦ લોકો સવારે ૮ સુધીમાં {taluka} મેદાને પહોંચે તે જોવું."),
        ("hi", "{day} तिरंगा यात्रा: तलाटी सुनिश्चित करें कि हर गाँव से 50 लोग सुबह 8 बजे तक {taluka} मैदान पहुँचें।"),
    ],
    "host_bribe_insinuation": [
        ("en", "No need to visit the {taluka} office for NA permission. Just meet the 'agent' at the tea stall; the Mamlatdar signs whatever he brings."),
        ("hi", "{taluka} दफ़्तर जाने की ज़रूरत नहीं, चाय की टपरी पर 'एजेंट' से मिलो, मामलतदार वही साइन करता है जो वो लाता है।"),
        ("translit", "NA mate office javani jarur nathi, chaa ni kitli par 'agent' ne malo, mamlatdar e je lave te sahi kare."),
    ],
    "host_community_enmity": [
        ("translit", "E jati na loko ne gharthal plot aapvo j nahi, badha vechi nakhe che."),
        ("mixed", "Those people ને gharthal plot આપવો જ નહીં, બધા વેચી નાખે છે."),
    ],
})

_more({
    "host_threat_humiliation_u": [
        ("en", "Cancel my {village} entry and I will bring the whole village to the {taluka} office and garland you with shoes, Talati saheb."),
        ("en", "Your transfer from {taluka} will be the least of your worries once I post what I know about you on every group."),
        ("gu", "મારી {village}ની નોંધ રદ કરી તો આખું ગામ લઈને {taluka} કચેરીએ આવીશ અને જૂતાંનો હાર પહેરાવીશ, તલાટી સાહેબ."),
        ("gu", "તમારા વિશે જે ખબર છે તે બધા ગ્રુપમાં મૂકીશ પછી {taluka}માંથી બદલી એ તમારી નાની ચિંતા હશે."),
        ("hi", "मेरी {village} वाली प्रविष्टि रद्द की तो पूरा गाँव लेकर {taluka} दफ़्तर आऊँगा और जूतों की माला पहनाऊँगा।"),
        ("translit", "Mari {village} ni nondh rad kari to aakhu gaam lai ne {taluka} office aavish ane jutta no haar paheravish."),
        ("mixed", "મારી {village} entry cancel કરી તો આખું ગામ લઈને {taluka} office આવીશ, જોઈ લેજો."),
    ],
    "host_region_enmity_u": [
        ("en", "Everyone from {district} is a cheat, it is in their blood. Check every document they bring twice."),
        ("gu", "{district}ના બધા લોકો ઠગ છે, એમના લોહીમાં જ છે. એ લોકો જે કાગળ લાવે તે બે વાર તપાસવા."),
        ("hi", "{district} के सारे लोग ठग हैं, इनके ख़ून में है। ये जो काग़ज़ लाएँ दो बार जाँचो।"),
        ("translit", "{district} na badha loko thag che, emna lohi ma j che."),
        ("mixed", "{district} ના બધા લોકો cheat છે, એમના blood માં જ છે."),
    ],
    "conf_talk_about_u": [
        ("en", "Heard that the {district} office got a show-cause notice for posting a draft on WhatsApp. Lesson for all of us."),
        ("gu", "સાંભળ્યું કે વોટ્સએપ પર મુસદ્દો મૂકવા બદલ {district} કચેરીને કારણદર્શક નોટિસ મળી. સૌ માટે બોધપાઠ."),
        ("hi", "सुना है व्हाट्सऐप पर प्रारूप डालने पर {district} कार्यालय को कारण बताओ नोटिस मिला। सबके लिए सबक।"),
        ("mixed", "સાંભળ્યું કે WhatsApp પર draft મૂકવા બદલ {district} office ને show-cause notice મળી."),
    ],
    "info_ack_voicenote_u": [
        ("en", "yes sir i got the message sir the {topic} i will finish by {day} sir one or two villages the talati is new so it is taking time but don't worry sir it will be done", None, "voicenote"),
        ("gu", "હા સાહેબ મેસેજ મળી ગયો {topic} {day} સુધીમાં પૂરું કરી દઈશ એક બે ગામમાં તલાટી નવા છે એટલે થોડો સમય લાગે છે પણ થઈ જશે", None, "voicenote"),
        ("hi", "जी सर मैसेज मिल गया {topic} {day} तक पूरा कर दूँगा एक दो गाँव में तलाटी नए हैं इसलिए थोड़ा समय लग रहा है पर हो जाएगा सर", None, "voicenote"),
        ("translit", "ha saheb message mali gayo {topic} {day} sudhi puru kari dais ek be gaam ma talati nava che etle thodo time lage che pan thai jase", None, "voicenote"),
    ],
    "instr_gu_infinitive_descriptive_u": [
        ("gu", "{village}ના લોકો કહે છે કે દર વર્ષે કોઝવે પરથી પાણી વહેવું એ તો સામાન્ય વાત છે."),
        ("gu", "આ કેસમાં હુકમ કરવો સહેલો નથી, બંને પક્ષ પાસે જૂના પુરાવા છે."),
        ("gu", "{first}ભાઈએ કહ્યું કે ઓફિસ નવા મકાનમાં ખસેડવી હજી નક્કી નથી."),
        ("translit", "Aa case ma hukam karvo sahelo nathi, banne paksh pase juna purava che."),
    ],
    "long_clean_multiline_u": [
        ("en", "Week in {taluka}:\n- Swagat: {n} applications, all disposed\n- RTS appeals: {n2} heard\n- NA permissions: {n3} issued on iORA\n- Recovery: ₹{lakh} lakh", None, "multiline"),
        ("gu", "{taluka}નું અઠવાડિયું:\n- સ્વાગત: {n} અરજી, તમામનો નિકાલ\n- આરટીએસ અપીલ: {n2} સુનાવણી\n- બિનખેતી પરવાનગી: {n3}\n- વસૂલાત: ₹{lakh} લાખ", None, "multiline"),
        ("hi", "{taluka} का सप्ताह:\n- स्वागत: {n} आवेदन, सभी निपटे\n- आरटीएस अपील: {n2} सुनवाई\n- एनए अनुमति: {n3}\n- वसूली: ₹{lakh} लाख", None, "multiline"),
    ],
    "host_forwarded_hate": [
        ("en", "Forwarded many times:\nPeople from {district} are taking all our jobs and land. Throw them out before it is too late. Send to all groups!", None, "forward"),
        ("gu", "ઘણી વાર ફોરવર્ડ થયેલું:\n{district}ના લોકો આપણી નોકરી અને જમીન છીનવી રહ્યા છે, મોડું થાય તે પહેલાં એમને કાઢો. બધા ગ્રુપમાં મોકલો!", None, "forward"),
        ("hi", "कई बार फॉरवर्ड किया गया:\n{district} के लोग हमारी नौकरियाँ और ज़मीन छीन रहे हैं, देर होने से पहले इन्हें निकालो। सभी ग्रुप में भेजें!", None, "forward"),
        ("translit", "Forwarded many times: {district} na loko aapni naukri ane jamin chhini rahya che, emne kadho. Badha group ma moklo!", None, "forward"),
    ],
    "conf_admin_reminder": [
        ("en", "Group rule reminder: officers are not to post tender papers, inquiry reports or draft notifications here. Use e-mail on {district}@gujarat.gov.in."),
        ("gu", "ગ્રુપ નિયમનું સ્મરણ: ટેન્ડરના કાગળ, તપાસ અહેવાલ કે મુસદ્દા જાહેરનામા અહીં મૂકવા નહીં, ઇમેઇલનો ઉપયોગ કરવો."),
        ("hi", "ग्रुप नियम याद रखें: टेंडर काग़ज़, जांच रिपोर्ट या प्रारूप अधिसूचनाएँ यहाँ न डालें, ईमेल का उपयोग करें।"),
        ("mixed", "Group rule: tender papers, inquiry reports કે draft notifications અહીં post ન કરવા, email વાપરવો."),
    ],
    "host_hindi_abuse_address": [
        ("hi", "अबे ओ {taluka} वाले, दिमाग़ घास चरने गया है क्या? आंकड़े फिर ग़लत।"),
        ("hi", "अरे बेवकूफ़ तलाटी, {village} की सूची {hour} बजे तक भेज नहीं तो सस्पेंड करवा दूँगा।", ("hostile", "instruction")),
        ("translit", "Abe ullu, {village} ki list galat bheji phir se"),
        ("translit", "Oye gadhe {taluka} wale, {hour} baje tak data bhej warna dekh lena", ("hostile", "instruction")),
        ("gu", "એ ડફોળ, {village}ની યાદી ફરી ખોટી મોકલી."),
        ("mixed", "એ ગધેડા, {topic} નો data {hour} pm સુધી મોકલ નહીં તો જોઈ લેજે.", ("hostile", "instruction")),
    ],
    "instr_standing_order_past": [
        ("en", "As decided by the Collector in today's meeting, no Talati will leave the seja headquarters without the Mamlatdar's permission till {date}."),
        ("gu", "આજની બેઠકમાં કલેક્ટરશ્રીએ નક્કી કર્યું છે કે {date} સુધી કોઈ તલાટી મામલતદારની મંજૂરી વગર સેજા મુખ્ય મથક છોડશે નહીં."),
        ("hi", "आज की बैठक में कलेक्टर महोदय ने तय किया है कि {date} तक कोई तलाटी मामलतदार की अनुमति के बिना सेजा मुख्यालय नहीं छोड़ेगा।"),
        ("mixed", "Today ની meeting માં Collector સાહેબે decide કર્યું છે કે {date} સુધી કોઈ talati permission વગર HQ નહીં છોડે."),
    ],
    "long_clean_forward_circular": [
        ("en", "Forwarded for information (already published):\nIGR notification: from {date}, documents up to ₹{n} lakh can be registered through Garvi 2.0 without visiting the office; e-KYC of both parties is enough. Sub-Registrar offices will continue the manual counter for others.", None, "forward"),
        ("gu", "જાણ માટે ફોરવર્ડ (પ્રસિદ્ધ થયેલ):\nઆઈજીઆર જાહેરનામું: {date}થી ₹{n} લાખ સુધીના દસ્તાવેજ ગરવી ૨.૦ દ્વારા કચેરીએ આવ્યા વગર નોંધાવી શકાશે; બંને પક્ષનું ઈ-કેવાયસી પૂરતું છે.", None, "forward"),
        ("mixed", "FYI forward (published): IGR notification મુજબ {date} થી ₹{n} lakh સુધીના documents Garvi 2.0 થી office આવ્યા વગર register થશે, e-KYC પૂરતું છે.", None, "forward"),
    ],
    "long_clean_relief_table": [
        ("en", "Shelter occupancy at {time}\nShelter | Capacity | Present\n{village} school | {n} | {n2}\n{village2} community hall | {n3} | {n4}\n{village3} PHC building | {n5} | {n6}\nMeals served today: {n7}", None, "table"),
        ("gu", "{time} વાગ્યે આશ્રયસ્થાનની સ્થિતિ\nસ્થળ | ક્ષમતા | હાજર\n{village} શાળા | {n} | {n2}\n{village2} સમાજ વાડી | {n3} | {n4}\nઆજે ભોજન: {n7}", None, "table"),
        ("hi", "{time} बजे आश्रय स्थल स्थिति\nस्थान | क्षमता | उपस्थित\n{village} स्कूल | {n} | {n2}\n{village2} सामुदायिक भवन | {n3} | {n4}\nआज भोजन: {n7}", None, "table"),
    ],
    "long_clean_multiline_update": [
        ("en", "Cyclone update {time}:\n• Wind speed at {taluka}: {n} km/h\n• Trees fallen: {n2}, cleared: {n3}\n• Power: restored in {pct}% villages\n• No casualty so far", None, "multiline"),
        ("hi", "चक्रवात अपडेट {time}:\n• {taluka} में हवा की गति: {n} किमी/घंटा\n• गिरे पेड़: {n2}, हटाए: {n3}\n• बिजली: {pct}% गाँवों में बहाल\n• अब तक कोई जनहानि नहीं", None, "multiline"),
        ("gu", "વાવાઝોડા અપડેટ {time}:\n• {taluka}માં પવનની ઝડપ: {n} કિમી/કલાક\n• પડેલાં વૃક્ષ: {n2}, હટાવ્યાં: {n3}\n• વીજળી: {pct}% ગામોમાં પુનઃસ્થાપિત", None, "multiline"),
    ],
})

_more({
    "conf_marking_attachment": [
        ("hi", "संलग्न गोपनीय नोट: {district} में प्रस्तावित नई जंत्री की दरें, पृष्ठ 2 पर {taluka} के आंकड़े।"),
        ("translit", "Attach karel khangi file ma {taluka} ni navi jantri na proposed dar che, page 2."),
        ("gu", "📎 પ્રતિબંધિત_નોંધ_{taluka}.pdf: બિનખેતી પ્રીમિયમના સૂચિત નવા દર {pct}% સાથે."),
    ],
    "conf_bids_before_opening": [
        ("translit", "Record room tender ma sauthi ocho bhav ₹{crore} crore aavyo che, financial bid {date} e kholvani che."),
        ("hi", "राहत किट आपूर्ति में तीन बोलियाँ आई हैं, सबसे कम ₹{n} प्रति किट, वित्तीय बोली {day} को खुलेगी।"),
        ("gu", "ડ્રોન સર્વે ટેન્ડરમાં બે બીડર છે, એકનો ભાવ ₹{lakh} લાખ; બીડ ગુરુવારે ખુલશે."),
    ],
    "pd_ids_u": [
        ("mixed", "RTI applicant {person} (mo. {mobile}) {village} ની બધી 135-D notices ની copy માંગે છે."),
        ("hi", "मतदाता सूची पुनरीक्षण में {person} के पहचान पत्र {epic} में पिता का नाम ग़लत है।"),
        ("translit", "{person} nu EPIC {epic} che, voter list ma pita nu naam khotu che."),
    ],
    "instr_directive_u": [
        ("en", "All Prant Officers: inspect the fodder depots in your sub-division on {day} and send the stock position by {hour} pm."),
        ("hi", "सभी प्रांत अधिकारी {day} को अपने उपमंडल के चारा डिपो का निरीक्षण करें और {hour} बजे तक स्टॉक की स्थिति भेजें।"),
        ("translit", "Badha prant adhikari {day} e charo depot nu nirikshan kare ane {hour} vagya sudhi stock ni vigat mokle."),
    ],
    "host_sarcasm_veiled_u": [
        ("translit", "{taluka} na CO dar be varshe navo bunglow banave che sarkari pagar ma, bachat ma master hase 😏"),
        ("hi", "{taluka} प्रांत कार्यालय में शाम 6 बजे के बाद 'विशेष खिड़की' खुलती है, अत्यावश्यक एनए केस के लिए। कितना जनहितैषी!"),
    ],
    "pd_named_sensitive_u": [
        ("translit", "{village} land scam na aaropi {person} {date} thi jamin par che."),
        ("en", "{woman}'s husband has filed for divorce and the maintenance case is pending; she wants her name on the 7/12."),
        ("gu", "{woman}ના પતિએ છૂટાછેડાનો દાવો કર્યો છે, ભરણપોષણ કેસ ચાલુ છે; તેમને ૭/૧૨માં નામ જોઈએ છે."),
    ],
    "instr_superior_directive": [
        ("hi", "प्रांत अधिकारी {taluka} और मामलतदार {taluka2} {day} को {village} का संयुक्त स्थल निरीक्षण करें और {date} तक फ़ोटो सहित रिपोर्ट दें।"),
        ("translit", "Prant officer {taluka} ane mamlatdar {taluka2} {day} e {village} ni joint visit kari {date} sudhi photo sathe report aape."),
        ("mixed", "सभी {posts} {day} की VC में {topic} का data लेकर join करें।"),
    ],
    "instr_disaster_directive": [
        ("translit", "Agle order tak machhimar boat dariya me na jaye, {taluka} aur {taluka2} ke mamlatdar port ko inform karein."),
        ("hi", "पशु शिविरों में चारे का स्टॉक आज ही जाँचें और कमी हो तो {time} तक बताएँ।"),
        ("gu", "પશુ કેમ્પમાં ઘાસચારાનો જથ્થો આજે જ ચકાસો અને અછત હોય તો {time} સુધીમાં જણાવો."),
    ],
    "info_past_report": [
        ("en", "As desired by the Prant Officer, the {village} panchnama was redone on {day} with the sarpanch present; copy uploaded."),
        ("mixed", "Prant sir ના કહેવા મુજબ {village} નું panchnama {day} ના sarpanch ની હાજરીમાં ફરી કર્યું, copy upload કરી."),
        ("hi", "प्रांत अधिकारी के कहे अनुसार {village} का पंचनामा {day} को सरपंच की उपस्थिति में दोबारा किया गया।"),
    ],
    "info_ack_promise": [
        ("mixed", "जी सर, {village} की list एक घंटे में mail पर भेज देंगे।"),
        ("translit", "Theek hai sir, {taluka} ka data {hour} baje tak aa jayega."),
    ],
    "pd_official_numbers": [
        ("translit", "Jantri na vandha Collector office na official WhatsApp {offmobile} par moklavi shakay."),
        ("mixed", "{taluka} mamlatdar office નો government landline {landline} છે, 24 કલાક કોઈ હાજર હોય છે."),
    ],
    "pd_aggregate": [
        ("mixed", "{taluka} shelters માં {n} pregnant women છે, medical team દિવસમાં બે વાર આવે છે."),
        ("translit", "{taluka} na shelter ma {n} sagarbha mahila che, medical team be var aave che."),
    ],
    "pd_ids_pan_epic_bank": [
        ("hi", "{taluka} विक्रय विलेख में क्रेता का पैन {pan} है, विक्रेता {person}।"),
        ("mixed", "{person} ની સહાય માટે A/c {account}, IFSC {ifsc}; transfer બે વાર fail થયું."),
    ],
    "host_bribe_insinuation": [
        ("mixed", "{taluka} office માં file 'ખોવાઈ' જાય, applicant બહાર clerk ને મળે પછી કલાકમાં મળી જાય. Magic!"),
        ("hi", "{village} के किसी भी किसान से पूछो तलाटी 7/12 की नक़ल के कितने लेता है, ₹5 तो बिल्कुल नहीं।"),
    ],
    "host_threat_harm": [
        ("mixed", "Demolition team કાલે {village} આવી તો Circle Officer ambulance સાથે લઈને આવે."),
        ("hi", "अपने सर्कल अधिकारी से कहो कि रात में {village} वाले रास्ते पर ध्यान से चले।"),
    ],
    "host_civil_criticism": [
        ("translit", "{topic} vishe {taluka} ne aa trijo reminder che, senior office pase thi vadhu saro pratibhav ni apeksha che."),
        ("mixed", "{taluka} ની {topic} ની progress સતત ત્રીજા week district માં last છે, આ ચાલે નહીં."),
    ],
    "conf_vigilance_case": [
        ("translit", "Sub-registrar {officer} ni prathmik tapas ma {n} dastavej jantri thi ocha bhave nondhaya, chargesheet ni bhalaman."),
        ("en", "Show-cause notice to Talati Shri {officer} of {village}: he certified {n} entries without the 135-D notice period. Reply due {date}."),
        ("gu", "{village}ના તલાટી શ્રી {officer}ને કારણદર્શક નોટિસ: ૧૩૫-ડી મુદત વગર {n} નોંધ પ્રમાણિત કરી. જવાબ {date} સુધીમાં."),
    ],
    "conf_exam_paper": [
        ("en", "Answer key for tomorrow's Naib Mamlatdar exam: Q1 (b), Q2 (d), Q3 (a); the essay topic is the e-Dhara reforms."),
        ("gu", "આવતીકાલની નાયબ મામલતદાર પરીક્ષાની આન્સર કી: પ્રશ્ન ૧ (બ), ૨ (ડ), ૩ (અ); નિબંધ ઈ-ધરા સુધારા પર."),
    ],
    "conf_public_equivalents": [
        ("en", "The answer key of the Naib Mamlatdar exam held on {date} is now on the GPSC site."),
        ("mixed", "{date} ની Naib Mamlatdar exam ની answer key GPSC site પર આવી ગઈ છે."),
    ],
    "instr_gu_infinitive_descriptive": [
        ("mixed", "આ case માં entry cancel કરવી પડશે એવું લાગે છે, heirs ની signature નથી. તમે શું માનો છો?"),
        ("gu", "ગામમાં પાણી ભરાય ત્યારે ઢોર ઊંચાણ પર લઈ જવા એ ત્યાંના લોકોની જૂની રીત છે."),
    ],
    "instr_gu_polite_infinitive": [
        ("gu", "બધા તલાટીઓએ આવતીકાલથી સવારે ૧૦ વાગ્યે સેજા પર હાજરી પૂરવી અને ફોટો ગ્રુપમાં મૂકવો."),
        ("gu", "સર્વે નં. {survey}ની માપણી માટે ડીઆઈએલઆર સાથે સંકલન કરી {date} સુધીમાં અહેવાલ મોકલી આપવો."),
    ],
})

_more({
    "info_forwarded_news": [
        ("en", "Forwarded: IMD says the monsoon will reach {district} around {date}, a week earlier than usual.", None, "forward"),
        ("hi", "फॉरवर्ड: मौसम विभाग के अनुसार मानसून {date} के आसपास {district} पहुँचेगा, सामान्य से एक सप्ताह पहले।", None, "forward"),
        ("gu", "ફોરવર્ડ: હવામાન વિભાગ મુજબ ચોમાસું {date}ની આસપાસ {district} પહોંચશે, સામાન્ય કરતાં અઠવાડિયું વહેલું.", None, "forward"),
        ("mixed", "Forwarded: IMD મુજબ monsoon {date} આસપાસ {district} પહોંચશે.", None, "forward"),
    ],
    "instr_relayed_forward": [
        ("en", "Received from the Relief Commissioner, for immediate action: all districts to send the crop loss estimate in the new format by {date}.", None, "forward"),
        ("hi", "राहत आयुक्त से प्राप्त, तत्काल कार्रवाई हेतु: सभी ज़िले {date} तक नए प्रारूप में फसल नुकसान का अनुमान भेजें।", None, "forward"),
        ("translit", "Relief commissioner taraf thi, tatkal amal mate: badha jilla {date} sudhi nava format ma pak nuksan no andaj mokle.", None, "forward"),
    ],
    "host_community_enmity": [
        ("hi", "इन लोगों की बस्ती में जाना ही नहीं चाहिए, वहाँ सब चोर-उचक्के रहते हैं।"),
        ("gu", "એ લોકોના વાસમાં જવું જ નહીં, ત્યાં બધા ચોર-લૂંટારા જ રહે છે."),
        ("en", "Don't bother surveying that colony, everyone there is a thief anyway."),
    ],
    "host_defamation_claim": [
        ("hi", "{taluka} का पूरा रजिस्ट्री दफ़्तर दलालों का अड्डा है, उप पंजीयक उनका सरदार।"),
        ("gu", "{taluka}ની આખી રજિસ્ટ્રી કચેરી દલાલોનો અડ્ડો છે અને સબ રજિસ્ટ્રાર એમનો સરદાર."),
    ],
    "ops_status_reports": [
        ("hi", "रिपोर्ट {time} बजे मेल कर दी है।"),
        ("gu", "{village} પહોંચી ગયા, નેટવર્ક નથી, તાલુકા કચેરીથી અપડેટ આપીશ."),
        ("mixed", "Report {time} વાગ્યે mail કરી દીધો છે."),
    ],
    "social_greetings": [
        ("hi", "{district} राजस्व टीम को स्वतंत्रता दिवस की शुभकामनाएँ 🇮🇳"),
        ("mixed", "Happy Independence Day {district} revenue team ને 🇮🇳"),
    ],
    "info_minutes_location": [
        ("translit", "DDMA meeting na agenda ane minutes disaster mamlatdar pase na register ma che."),
        ("mixed", "Old gauchar GRs ની copies record room ના almirah 4 માં છે."),
    ],
    "pd_vehicle_lists": [
        ("translit", "Aaje {village} ma paani na tanker: {vehicle}, {vehicle2}. Fera {n}."),
        ("hi", "रेत खनन में पकड़े गए डंपर: {vehicle}, {vehicle2}, {vehicle3} — मामलतदार कार्यालय में जमा।"),
    ],
    "pd_decoy_numbers": [
        ("en", "Garvi token {decoy} for the {taluka} sale deed is valid till {date}."),
        ("gu", "{taluka} વેચાણ દસ્તાવેજ માટે ગરવી ટોકન {decoy} {date} સુધી માન્ય છે."),
    ],
    "conf_marking_heading": [
        ("hi", "गोपनीय\nचुनाव के बाद मामलतदारों के तबादले की योजना: {taluka} श्री {officer}, {taluka2} श्री {officer2}। अभी स्वीकृत नहीं।", None, "multiline"),
        ("translit", "CONFIDENTIAL: {taluka} ni {n} acre gauchar logistics park mate propose thai che, cabinet note draft ma."),
    ],
    "conf_litigation_strategy": [
        ("translit", "{village} land acquisition reference ma aapde valuer ne challenge nahi kariye; court kahe to hectare e ₹{lakh} lakh ma samadhan."),
    ],
    "pd_private_mobile": [
        ("mixed", "Shelter repair ના contractor {person}, mo. {mobile}; labour નું payment હજી બાકી છે."),
        ("hi", "आश्रय मरम्मत के ठेकेदार {person}, मोबाइल {mobile}; मज़दूरों का भुगतान अभी बाकी।"),
    ],
})
