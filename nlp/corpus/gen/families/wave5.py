"""Fifth wave: relayed directives and long circulars, event reports, Aadhaar talk without numbers,
English named-citizen facts."""
from __future__ import annotations

from ..common import fam

NONE = ()
I = ("instruction",)
P = ("personal_data",)


def families():
    out = []

    f = fam("instr_relayed_forward", I, "instruction+", "a superior's directive forwarded or relayed to members still binds them", per=4, styles=())
    f.en("Forwarded from the Collector:\nAll Mamlatdars to keep their taluka control rooms open round the clock from tonight till the warning is withdrawn.", None, "forward")
    f.en("Message from SSRD, for compliance: pending 135-D notices older than 30 days to be served by {date} and the register updated.", None, "forward")
    f.gu("કલેક્ટરશ્રી તરફથી ફોરવર્ડ:\nચેતવણી પાછી ખેંચાય ત્યાં સુધી આજ રાતથી તમામ મામલતદારશ્રીઓએ તાલુકા કંટ્રોલ રૂમ ચોવીસ કલાક ચાલુ રાખવા.", None, "forward")
    f.gu("એસએસઆરડી તરફથી, અમલ માટે: ૩૦ દિવસથી જૂની ૧૩૫-ડી નોટિસો {date} સુધીમાં બજાવી રજિસ્ટર અદ્યતન કરવું.", None, "forward")
    f.hi("कलेक्टर महोदय की ओर से फॉरवर्ड:\nचेतावनी वापस होने तक आज रात से सभी मामलतदार तालुका नियंत्रण कक्ष चौबीसों घंटे चालू रखें।", None, "forward")
    f.tr("Collector saheb taraf thi: aaj raat thi warning pachi na khenchay tya sudhi badha mamlatdar control room 24 kalak chalu rakhe.", None, "forward")
    f.mx("SSRD તરફથી compliance માટે: 30 દિવસ જૂની 135-D notices {date} સુધી serve કરી register update કરવું.", None, "forward")
    out.append(f)

    f = fam("info_forwarded_news", NONE, "instruction-", "forwarded news items and articles, shared for information", per=4, styles=())
    f.en("Forwarded: 'Gujarat tops the country in digitised land records', says a report released today in Delhi. Good news for all of us.", None, "forward")
    f.en("From today's paper: the {district} Collectorate wins the e-governance award for iORA. Congratulations team!", None, "forward")
    f.gu("ફોરવર્ડ: દિલ્હીમાં જાહેર થયેલા અહેવાલ મુજબ ડિજિટલ જમીન રેકર્ડમાં ગુજરાત દેશમાં પ્રથમ. સૌ માટે ગૌરવની વાત.", None, "forward")
    f.gu("આજના છાપામાંથી: આઈઓઆરએ માટે {district} કલેક્ટર કચેરીને ઈ-ગવર્નન્સ એવોર્ડ.", None, "forward")
    f.hi("फॉरवर्ड: आज दिल्ली में जारी रिपोर्ट के अनुसार डिजिटल भू-अभिलेख में गुजरात देश में प्रथम।", None, "forward")
    f.tr("Forwarded: digital land record ma Gujarat desh ma pratham, aaj no report.", None, "forward")
    out.append(f)

    f = fam("long_instruction_circular", I, "instruction+", "long circulars forwarded by a superior with binding directives inside", per=3, styles=())
    f.en("Circular for all Mamlatdars, {district}\nSubject: pre-monsoon preparedness\n1. Taluka control rooms to function 24x7 from 1 June.\n2. Shelter lists with capacity and contact to be updated on the portal by {date}.\n3. Swimmers and boats to be identified village-wise.\nCompliance to be reported to this office.", None, "forward")
    f.gu("{district}ના તમામ મામલતદારશ્રીઓ માટે પરિપત્ર\nવિષય: ચોમાસા પૂર્વ તૈયારી\n૧. ૧ જૂનથી તાલુકા કંટ્રોલ રૂમ ૨૪x૭ ચાલુ રાખવા.\n૨. આશ્રયસ્થાનોની યાદી ક્ષમતા સાથે {date} સુધીમાં પોર્ટલ પર અપડેટ કરવી.\n૩. ગામવાર તરવૈયા અને હોડીઓની ઓળખ કરવી.\nઅમલનો અહેવાલ આ કચેરીને મોકલવો.", None, "forward")
    f.hi("{district} के सभी मामलतदारों हेतु परिपत्र\nविषय: मानसून पूर्व तैयारी\n1. 1 जून से तालुका नियंत्रण कक्ष 24x7 चालू रहें।\n2. आश्रय स्थलों की सूची क्षमता सहित {date} तक पोर्टल पर अद्यतन करें।\n3. गाँववार तैराक और नावें चिह्नित करें।\nअनुपालन की सूचना इस कार्यालय को दें।", None, "forward")
    f.tr("Badha mamlatdar mate paripatra: chomasa purve taiyari. 1 June thi control room 24x7 chalu rakhvo, shelter ni yadi {date} sudhi portal par update karvi, gaamvar taravaiya ane hodi ni olakh karvi, amal no ahevaal mokalvo.", None, "forward")
    out.append(f)

    f = fam("long_clean_event_report", NONE, "all-", "long reports of events already held, informational", per=4, styles=("emoji",))
    f.en("Seva Setu at {village} went off well today. {n} applications came in, mostly for income certificates, ration card changes and 7/12 copies. {pct} per cent were disposed on the spot, the rest will be done within the week. The Prant Officer visited at noon and spoke to the beneficiaries. Thanks to all the departments who came.")
    f.gu("આજે {village}માં સેવા સેતુ સરસ રીતે થયો. {n} અરજીઓ આવી, મોટાભાગની આવકના દાખલા, રેશનકાર્ડ ફેરફાર અને ૭/૧૨ની નકલ માટે. {pct}%નો સ્થળ પર નિકાલ થયો, બાકીની અઠવાડિયામાં થશે. બપોરે પ્રાંત અધિકારીશ્રીએ મુલાકાત લઈ લાભાર્થીઓ સાથે વાત કરી. આવેલા તમામ વિભાગોનો આભાર.")
    f.hi("आज {village} में सेवा सेतु अच्छे से संपन्न हुआ। {n} आवेदन आए, ज़्यादातर आय प्रमाणपत्र, राशन कार्ड बदलाव और 7/12 की नक़ल के लिए। {pct}% का मौके पर निपटारा हुआ, बाकी सप्ताह में होंगे। दोपहर में प्रांत अधिकारी ने लाभार्थियों से बात की। सभी विभागों का धन्यवाद।")
    f.tr("Aaje {village} ma seva setu saras rite thayo. {n} arji aavi, mota bhage aavak na dakhla ane 7/12 ni nakal mate. {pct}% no sthal par nikal thayo, baki ni athvadiya ma thase. Bapore prant sahebe mulakat lidhi. Badha vibhag no aabhar.")
    f.mx("Aaje {village} માં Seva Setu સરસ રહ્યો, {n} applications આવી, {pct}% નો on the spot નિકાલ. Prant officer એ beneficiaries સાથે વાત કરી. બધા departments નો આભાર 🙏")
    out.append(f)

    f = fam("pd_aadhaar_talk_no_number", NONE, "personal_data-", "talk about Aadhaar seeding, camps and helplines with no person's number, or with numbers that fail the check", per=5)
    f.en("Aadhaar seeding of cash dole accounts in {taluka} is at {pct}%; the bank will hold a camp on {day}.")
    f.en("The Aadhaar helpline is 1947 for those whose biometric update failed.")
    f.en("Aadhaar camp token no. {decoy} was issued to the last applicant at 5 pm; {n} tokens in all.")
    f.gu("{taluka}માં કેશડોલ ખાતાનું આધાર સીડિંગ {pct}% થયું છે, બેંક {day}ે કેમ્પ કરશે.")
    f.gu("બાયોમેટ્રિક અપડેટ નિષ્ફળ ગયો હોય તેમના માટે આધાર હેલ્પલાઇન ૧૯૪૭ છે.")
    f.hi("{taluka} में कैशडोल खातों की आधार सीडिंग {pct}% हुई है, बैंक {day} शिविर लगाएगा।")
    f.hi("आधार शिविर में आख़िरी टोकन सं. {decoy} शाम 5 बजे दिया गया, कुल {n} टोकन।")
    f.tr("Aadhar seeding {pct}% thayu che {taluka} ma, bank {day} camp karse.")
    f.mx("Aadhaar seeding {pct}% complete, bank {day}ે camp કરશે.")
    out.append(f)

    f = fam("pd_named_sensitive_en", P, "personal_data+", "English and translit: a named citizen's illness, caste, criminal case, benefit or home address", per=5)
    f.en("{person} of {village} is blind in one eye and wants the disability certificate before the pension hearing.")
    f.en("The encroacher {person} belongs to the Rabari community and says the land was given to his grandfather.")
    f.en("Notice to be served at the residence of {person}, {n} Sardar Nagar, near the bus stand, {taluka}.")
    f.en("{person} was convicted in the 2019 land fraud case and is now asking for a fresh 7/12 copy.")
    f.en("{woman} is a beneficiary of the Vhali Dikri scheme and her second instalment is pending.")
    f.tr("{person} ne ek aankh ma dekhatu nathi, pension mate disability certificate mange che.")
    f.tr("{person} ka ghar {n} Sardar Nagar, bus stand ke paas, {taluka} me hai, notice wahan tamil hona hai.")
    f.mx("{woman} ને Vhali Dikri scheme નો બીજો હપ્તો બાકી છે.")
    out.append(f)
    return out
