"""Cues for `personal_data`: a named private person with a sensitive attribute (§8)."""

CUES = {
    "pd_health": """
        hiv|hiv positive|aids|cancer|tuberculosis|tb patient|tb|mentally ill|mental illness|mental health|psychiatric
        depression|schizophrenia|leprosy|disabled|disability|handicapped|pregnant|pregnancy|miscarriage|abortion
        dialysis|kidney failure|diagnosed|diagnosis|under treatment|treatment for|admitted in hospital|admitted to hospital
        hospitalised|hospitalized|icu|covid positive|tested positive|positive for|medical history|illness|disease
        infertility|addiction|alcoholic|drug addict|paralysis|paralysed|blind|deaf|thalassemia|sickle cell
        એચઆઈવી|એઇડ્સ|કેન્સર|ટીબી|ક્ષય|માનસિક બીમારી|માનસિક રોગ|વિકલાંગ|દિવ્યાંગ|સગર્ભા|ગર્ભવતી|બીમારી|બિમારી
        સારવાર|હોસ્પિટલમાં દાખલ|દાખલ|ડાયાલિસિસ|રોગ|વ્યસન|અંધ|લકવો
        एचआईवी|एड्स|कैंसर|टीबी|क्षय रोग|मानसिक रोग|मानसिक बीमारी|विकलांग|दिव्यांग|गर्भवती|बीमारी|इलाज|उपचार
        अस्पताल में भर्ती|भर्ती|डायलिसिस|रोग|नशा|अंधा|लकवा
        bimari|bimaar|bimar|ilaj|ilaaj|sarvar|viklang|divyang|garbhvati|sagarbha|rog|hospital ma dakhal|dakhal
        hospital|admitted to|admitted in|heat stroke|heatstroke|stroke|heart attack|fracture|injured|injury|ventilator|હોસ્પિટલ|દવાખાને|દવાખાનામાં|अस्पताल|हॉस्पिटल|hospital ma|aspatal
        bedridden|bed-ridden|seriously injured|critically injured|critical condition|ઇજાગ્રસ્ત|ગંભીર ઇજા|ઘાયલ|ijagrast|gambhir ija|घायल|गंभीर रूप से घायल|गंभीर चोट|ghayal
    """,
    "pd_caste_religion": """
        caste|sub-caste|subcaste|sc|st|obc|sebc|scheduled caste|scheduled tribe|dalit|muslim|hindu|christian|sikh
        religion|religious|converted|conversion|minority community|by caste|caste certificate|tribal
        જ્ઞાતિ|જાતિ|અનુસૂચિત જાતિ|અનુસૂચિત જનજાતિ|ધર્મ|મુસ્લિમ|હિન્દુ|ખ્રિસ્તી|ધર્માંતર|ધર્મ પરિવર્તન|દલિત|આદિવાસી
        जाति|अनुसूचित जाति|अनुसूचित जनजाति|धर्म|मुस्लिम|हिंदू|ईसाई|धर्मांतरण|धर्म परिवर्तन|दलित|आदिवासी
        jati|jaati|gnati|gyati|dharm|dharma|dharmantar|dharm parivartan
    """,
    "pd_criminal": """
        fir|fir against|accused|arrested|criminal case|criminal record|criminal history|jail|jailed|bail|convicted
        conviction|history sheeter|history-sheeter|police case|case registered against|absconding|detained|prisoner
        undertrial|rape|murder|theft case|booked|booked under|ipc|bns|prohibition case|tadipar|externment|pasa
        ગુનો|ગુનેગાર|આરોપી|ધરપકડ|જેલ|જામીન|એફઆઈઆર|ફરિયાદ નોંધાઈ|ગુનો નોંધાયો|પાસા|તડીપાર|કેદી
        प्राथमिकी|एफआईआर|आरोपी|गिरफ्तार|गिरफ़्तार|जेल|जमानत|आपराधिक|अपराधी|मुकदमा दर्ज|कैदी
        aaropi|aropi|dharpakad|giraftar|jamin|jamanat|guno|gunegar|apradhi|jail ma
        criminal|a criminal|smuggler|smugglers|smuggling|poacher|poachers|poaching|bootlegger|bootlegging|gangster
        dacoit|locked up|behind bars|દાણચોર|દાણચોરી|બુટલેગર|तस्कर|तस्करी|बूटलेगर|danchor|taskar|bootlegar
    """,
    "pd_dispute": """
        land dispute|dispute|disputed|encroachment|encroached|civil suit|litigation|property dispute|family dispute
        partition dispute|heirship dispute|inheritance dispute|boundary dispute|tenancy case|eviction|title dispute
        mutation dispute|objection to mutation|divorce|maintenance case|domestic violence|dowry
        તકરાર|વિવાદ|જમીન વિવાદ|દબાણ|વારસાઈ તકરાર|વારસાઈ|દાવો|મનાઈ હુકમ|છૂટાછેડા|ઘરેલુ હિંસા|દહેજ|વાંધો
        विवाद|भूमि विवाद|ज़मीन विवाद|जमीन विवाद|अतिक्रमण|दीवानी मुकदमा|बंटवारा|तलाक|घरेलू हिंसा|दहेज
        takrar|vivad|vivaad|dabaan|dabaan|varsai|davo|jamin vivad|jameen vivad|talaq|dahej
    """,
    "pd_welfare": """
        bpl|bpl card|widow pension|old age pension|pension|ration card|antyodaya|pmay|awas|beneficiary of|receives
        subsidy|scholarship|mgnrega|nrega|job card|free ration|disability pension|ujjwala|kisan samman|pm kisan
        sahay|assistance|compensation received|relief amount|cash dole|loan waiver|welfare benefit
        વિધવા સહાય|વિધવા પેન્શન|વૃદ્ધ પેન્શન|વૃદ્ધ સહાય|રેશનકાર્ડ|રેશન કાર્ડ|બીપીએલ|લાભાર્થી|સહાય|આવાસ|પેન્શન
        શિષ્યવૃત્તિ|સબસિડી|ગંગા સ્વરૂપા
        विधवा पेंशन|वृद्धावस्था पेंशन|राशन कार्ड|बीपीएल|लाभार्थी|सहायता|आवास|पेंशन|छात्रवृत्ति|सब्सिडी
        vidhva sahay|vidhva pension|vrudh pension|ration card|labharthi|pension|sahay|sahayata|chhatravritti
    """,
    "pd_address": """
        residing at|resident of|r/o|house no|house number|h.no|h no|flat no|flat number|lives at|lives in|living at
        home address|residential address|residence|his address|her address|address is|at his home|at her home
        plot no|block no|society|near|opp|opposite
        રહે.|રહે|રહેવાસી|ઘર નં|ઘર નંબર|મકાન નં|સરનામું|ઘરનું સરનામું|સોસાયટી|ફ્લેટ નં
        निवासी|निवास|मकान नं|मकान नंबर|पता|घर का पता|रहने वाले|सोसायटी|फ्लैट नं
        rahevasi|raheva|ghar nu sarnamu|sarnamu|nivasi|ghar ka pata|makan no|makan number
    """,
    # A private person referred to without a name cue.
    "pd_person_ref": """
        s/o|w/o|d/o|c/o|son of|wife of|daughter of|husband of|widow of|applicant|complainant|farmer|beneficiary
        citizen|resident|villager|victim|petitioner|patient|aged|age|years old|yrs old|yr old
        અરજદાર|ફરિયાદી|ખેડૂત|લાભાર્થી|અરજદારશ્રી|ઉંમર|વર્ષ|પુત્ર|પત્ની|પુત્રી|વિધવા|દર્દી
        आवेदक|शिकायतकर्ता|किसान|लाभार्थी|आयु|उम्र|वर्ष|पुत्र|पत्नी|पुत्री|विधवा|मरीज
        arjdar|arajdar|fariyadi|khedut|umar|umra|putra|patni|putri|vidhva
    """,
}
