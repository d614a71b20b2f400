"""Cues for `confidential`: markings, unreleased proposals, sensitive operations (§2)."""

CUES = {
    # The content is marked or described as confidential.
    "conf_marker": """
        confidential|strictly confidential|highly confidential|top secret|classified|secret and confidential
        not for circulation|not to be circulated|not for public circulation|not for public|not for publication
        for official use only|official use only|for internal use only|internal use only|internal circulation only
        for your eyes only|eyes only|off the record|not to be disclosed|do not disclose|don't disclose|dont disclose
        do not forward|don't forward|dont forward|not to be forwarded|please do not forward|pls don't forward
        do not share|don't share|dont share|not to be shared|please do not share|not to be shared outside
        not for sharing|not for forwarding|not to be forwarded outside|not for distribution|not for onward sharing
        do not circulate|don't circulate|dont circulate|keep it confidential|keep this confidential
        in confidence|strictly between us|between us|between ourselves|keep it to yourself|keep this to yourself
        don't tell anyone|do not tell anyone|don't discuss outside|do not discuss outside|should not go outside
        must not go out|should not leak|must not leak|under wraps|hush hush|do not leak|don't leak
        ગોપનીય|અતિ ગોપનીય|ખાનગી રાખવું|ખાનગી રાખજો|ખાનગી રાખશો|ગુપ્ત|ગુપ્ત રાખવું|ગુપ્ત રાખજો
        ફક્ત કચેરી ઉપયોગ માટે|માત્ર કચેરી ઉપયોગ માટે|માત્ર સરકારી ઉપયોગ માટે|ફક્ત સરકારી ઉપયોગ માટે
        ફોરવર્ડ ન કરવું|ફોરવર્ડ ન કરશો|ફોરવર્ડ કરશો નહીં|શેર ન કરવું|શેર ન કરશો|શેર કરશો નહીં
        બહાર ન જાય|બહાર ન જવું જોઈએ|બહાર જવી ન જોઈએ|બહાર જવું ન જોઈએ|બહાર ન જવી જોઈએ|બહાર નહીં જવી જોઈએ
        કોઈને કહેશો નહીં|કોઈને જણાવશો નહીં|કોઈને કહેવું નહીં|જાહેર ન કરવું|જાહેર ન કરશો|આપણી વચ્ચે જ
        गोपनीय|अति गोपनीय|अत्यंत गोपनीय|गुप्त|गुप्त रखें|केवल कार्यालयीन उपयोग|केवल कार्यालयीन उपयोग हेतु
        केवल सरकारी उपयोग हेतु|केवल आंतरिक उपयोग|प्रसारित न करें|फॉरवर्ड न करें|फॉरवर्ड मत करें|शेयर न करें
        शेयर मत करें|साझा न करें|बाहर न जाए|बाहर नहीं जानी चाहिए|बाहर नहीं जाना चाहिए|किसी को न बताएं
        किसी को मत बताना|किसी को मत बताइए|सार्वजनिक न करें|हमारे बीच|आपस में ही रखें
        gopniya|gopaniya|gopniy|gopneey|gopniye|gopaniy|ati gopniya|gupt|gupt rakho|gupt rakhjo|gupt rakhein
        gupt rakhe|khangi rakhjo|khangi rakho|khangi rakhvu|forward na karta|forward na karso|forward na karvu
        forward na karsho|forward mat karna|forward mat karo|forward na karein|share na karta|share na karso
        share na karsho|share mat karna|share mat karo|share na karein|bahar na jay|bahar na jaay|bahar na jaye
        bahar na javi joie|bahar na javu joie|bahar nahi javi joie|bahar nathi javani|bahar nahi jani chahiye
        bahar nahi jana chahiye|bahar na jaye|koine kahesho nahi|koi ne kehta nahi|koine kehsho nahi|kisi ko mat batana
        kisi ko na batayen|kisi ko mat batao|aapni vachche|apni vachche|hamare beech|aapas mein hi
        inside info|inside information|insider info|internal only|for internal circulation|andar ni vaat|andar ni khabar|andar ni mahiti|अंदर की बात|अंदर की खबर|અંદરની વાત|અંદરની માહિતી
    """,
    # Words that mark secrecy only with a document or content nearby.
    "conf_marker_weak": """
        secret|secretly|restricted|private|sensitive|hush|leak|leaked|khangi|ખાનગી|गोपनीयता|ગોપનીયતા
    """,
    "conf_content": """
        report|letter|file|document|documents|note|information|info|details|list|data|minutes|agenda|copy|attachment
        pdf|annexure|matter|figures|numbers|names|decision|proposal|news|update|discussion|draft|papers
        અહેવાલ|પત્ર|ફાઇલ|ફાઈલ|માહિતી|વિગત|વિગતો|યાદી|નોંધ|દસ્તાવેજ|નિર્ણય|વાત|બાબત|કાગળ
        रिपोर्ट|पत्र|फाइल|फ़ाइल|जानकारी|विवरण|सूची|दस्तावेज|नोट|निर्णय|बात|मामला|कागज
        ahewal|ahevaal|ahewaal|patra|mahiti|vigat|vigato|yadi|nondh|vaat|vat|babat|jankari|vivran|suchi|baat|mamla
    """,
    # The document went through a proper channel; nothing in the chat.
    "conf_channel": """
        sealed cover|in a sealed cover|by sealed cover|through proper channel|through official email|by official email
        on official email|official e-mail|through e-mail|by e-mail|by email|on email|via email|by hand|by post|by rpad
        by speed post|through dak|in dak|has been sent|have been sent|was sent|been sent|sent to|sent through|sent by
        handed over|submitted to|sent separately|through nic mail|on nic mail|on your mail|to your mail
        સીલબંધ કવરમાં|સીલબંધ કવર|ઈ-મેલથી|ઇમેઇલથી|ઈમેલ દ્વારા|મોકલી આપેલ છે|મોકલવામાં આવેલ છે|મોકલેલ છે|રૂબરૂ|ટપાલ
        सीलबंद लिफाफे|सीलबंद|ईमेल द्वारा|ई-मेल द्वारा|भेज दिया गया है|भेजा गया है|भेज दी गई है|डाक द्वारा|दस्ती
        sealbandh|seal bandh|mail karel che|mokli aapel che|mokalel che|bhej diya gaya|bhej di gayi
        special messenger|by special messenger|through special messenger|dispatched|put up in a sealed cover|बंद कवर|बंद लिफाफे|બંધ કવરમાં|બંધ કવર|विशेष दूत|khas duut|khas doot|band kavar|sealed envelope|mokalyo chhe|mokalyo che|મોકલ્યો છે|મોકલી આપ્યો|भेज दी गई|submit karyo|submitted in sealed
    """,
    # Unreleased status of a policy.
    "conf_draft": """
        draft|drafts|drafted|proposed|proposal|proposals|propose|proposing|under consideration|being considered
        under examination|not final|not yet final|not finalised|not finalized|yet to be finalised|yet to be finalized
        yet to be announced|not yet announced|not announced|yet to be notified|not yet notified|before announcement
        before it is announced|before the announcement|before it is notified|pending approval|awaiting approval
        for approval|to be placed before|will be placed before|likely to be|in the pipeline|planning to|plans to
        will be increased|will be hiked|will be revised|to be revised|to be increased|to be hiked
        internal discussion|discussion paper|working paper|considering|mulling|thinking of|on the anvil
        not public|not yet public|not made public|yet to be made public|tentative
        મુસદ્દો|મુસદ્દા|મુસદ્દારૂપ|ડ્રાફ્ટ|સૂચિત|દરખાસ્ત|પ્રસ્તાવ|પ્રસ્તાવિત|વિચારણા હેઠળ|વિચારણા|હજુ નક્કી નથી
        હજુ ફાઇનલ નથી|હજુ ફાઈનલ નથી|હજુ આખરી નથી|આખરી નથી|જાહેર થયું નથી|જાહેર થયેલ નથી|જાહેર થવાનું બાકી
        જાહેરાત પહેલાં|મંજૂરી માટે|મંજૂરી બાકી|હજુ જાહેર નથી|જાહેર નથી
        प्रारूप|मसौदा|ड्राफ्ट|प्रस्तावित|प्रस्ताव|विचाराधीन|विचार किया जा रहा|अभी अंतिम नहीं|अंतिम नहीं|अभी तय नहीं
        घोषित नहीं|घोषणा से पहले|अनुमोदन हेतु|मंजूरी के लिए|मंजूरी बाकी
        अभी सार्वजनिक नहीं|सार्वजनिक नहीं
        prastav|prastavit|darkhast|vicharna|vicharna hethal|haju final nathi
        haju nakki nathi|haju jaher nathi|jaher nathi|jaher nathi thayu|abhi final nahi|abhi final nahin|abhi tay nahi
        ghoshit nahi|vicharadhin|vichardheen|masauda|praroop|prarup|propose thayo|propose thayu|propose karel
        department's stand|department's position|departmental stand|our position|stand on the|position on the|govt's stand|pending bill|pending legislation|વિભાગનું વલણ|विभाग का पक्ष|विभाग का रुख
    """,
    # A change to a policy; with a future tense it is a proposal.
    "conf_change": """
        revision|revised|revise|hike|hiked|increase|increased|raise|raised|reduction|reduce|cut|changes|change
        amend|amended|amendment|amendments|doubled|double|new rates|new rate|new jantri|new policy|new rules
        વધારો|ઘટાડો|સુધારો|સુધારા|ફેરફાર|નવી જંત્રી|નવા દર|નવી નીતિ|બમણો|બમણી
        वृद्धि|बढ़ोतरी|संशोधन|कटौती|बदलाव|नई दरें|नई नीति|दोगुना
        vadharo|vadhara|ghatado|sudharo|sudhara|ferfar|badhotri|vriddhi|sanshodhan|navi jantri|nava dar|navi niti
    """,
    "conf_future": """
        will be|would be|likely|likely to|going to|planned|planning|plans to|plan to|from next month|next month
        from next year|next year|from april|soon|shortly|upcoming|coming|expected|expected to|is being|are being
        will|shall|may be
        થશે|આવશે|થવાનો|થવાની|થવાનું|કરવામાં આવશે|આવતા મહિને|આવતા વર્ષે|ટૂંક સમયમાં|શક્યતા|સંભવ
        होगा|होगी|होंगे|जाएगा|जाएगी|जाएंगे|अगले महीने|अगले साल|जल्द|जल्द ही|संभावना|संभावित
        thase|thashe|aavshe|avshe|thavano|thavani|karvama aavshe|aavta mahine|hoga|hogi|honge|jayega|jayegi|jald
    """,
    # What a policy proposal is about.
    "conf_policy": """
        jantri|jantri rate|jantri rates|stamp duty|registration fee|registration fees|fee|fees|rate|rates|premium
        na premium|conversion charges|gr|government resolution|notification|rules|rule|act|bill|ordinance|amendment
        policy|policies|guidelines|scheme|tax|cess|compensation|guideline value|ready reckoner|land policy|land acquisition
        transfer policy|transfers|transfer list|reshuffle|tariff|budget
        જંત્રી|સ્ટેમ્પ ડ્યુટી|સ્ટેમ્પ ડયુટી|નોંધણી ફી|ફી|દર|પ્રીમિયમ|ઠરાવ|જાહેરનામું|નિયમો|નિયમ|કાયદો|વિધેયક
        સુધારા વિધેયક|નીતિ|બદલી|બદલીઓ|વળતર|બજેટ|ડ્યુટી
        जंत्री|स्टांप ड्यूटी|स्टाम्प ड्यूटी|स्टाम्प शुल्क|पंजीयन शुल्क|शुल्क|दर|दरें|प्रीमियम|शासनादेश|अधिसूचना|नियम
        नियमावली|अधिनियम|विधेयक|नीति|तबादला|तबादले|मुआवजा|बजट
        niti|niyam|niyamo|kaydo|thharav|tharav|jaheranamu|vidheyak|dar|daro|badli|badliyo|tabadla|tabadle
        adhisuchna|shulk|vadtar|muavja
    """,
    "conf_cabinet": """
        cabinet note|cabinet proposal|cabinet memo|note for cabinet|cabinet agenda|cabinet paper|cabinet sub-committee
        cabinet|council of ministers|cm's approval|cm approval|before cabinet
        કેબિનેટ|મંત્રીમંડળ|કેબિનેટ નોંધ|કેબિનેટ બેઠક
        कैबिनेट|मंत्रिमंडल|कैबिनेट नोट
        mantrimandal|cabinet ma|cabinet mein
    """,
    # Already public: the opposite of a proposal.
    "conf_published": """
        issued|published|has been notified|have been notified|was notified|notified on|gazette|press note|press release
        available on the website|available on website|uploaded on the website|uploaded on website|already public
        publicly announced|announced today|made public|came into force|comes into force|come into force|with effect from
        w.e.f|wef|public notice|objections invited|invite objections|for public objections|for objections
        પ્રસિદ્ધ|બહાર પાડવામાં આવ્યો|બહાર પાડેલ|જાહેર કરવામાં આવ્યું|જાહેર કરવામાં આવ્યો|ગેઝેટ|પ્રેસનોટ|પ્રેસ નોટ
        વેબસાઇટ પર|વેબસાઈટ પર|અમલમાં|વાંધા સૂચનો
        जारी कर दिया|जारी किया गया|जारी की गई|प्रकाशित|अधिसूचित|राजपत्र|प्रेस नोट|प्रेस विज्ञप्ति|वेबसाइट पर|लागू हो
        आपत्तियां आमंत्रित
        jaher karyu|jaher thayu|jaher thai gayu|website par|website pe|lagu ho gaya|amal ma
        inviting suggestions|invites suggestions|suggestions invited|objections and suggestions|public consultation
        on the department website|on the website|જાહેર થયો|જાહેર થઈ|જાહેર થયું|જાહેરનામું|વાંધા-સૂચનો|सार्वजनिक|सुझाव आमंत्रित
        pib|news|newspaper|newspapers|as reported|reported in|link for reading|for reading|approves|cabinet approves|samachar|समाचार|સમાચાર|અખબાર|अखबार
    """,
    # Ordinary senses of marking words: an office section, a ballot.
    "conf_ordinary": """
        gupt navratri|gupta navratri|गुप्त नवरात्रि|गुप्त नवरात्र|ગુપ્ત નવરાત્રી|ગુપ્ત નવરાત્રિ
        confidential section|confidential branch|confidential cell|confidential department|confidential room
        confidential clerk|secret ballot|secret santa|secret formula|secret of success|open secret|no secret
        ગોપનીય શાખા|ગોપનીય વિભાગ|गोपनीय शाखा|गोपनीय विभाग|gopniya shakha|gopniya vibhag
        confidential records room|confidential record room|records room|record room|classified ads|classified ad|classified advertisement|classified file room|file room|restricted holiday|restricted holidays|restricted holiday list|ગોપનીય રેકર્ડ રૂમ|રેકર્ડ રૂમ|गोपनीय अभिलेख कक्ष|classified section
    """,
    # Places and furniture: "the confidential almirah" is a cupboard, not a marking.
    "conf_container": """
        almirah|almirahs|almira|cupboard|cupboards|room|rooms|section|branch|cell|register|registers|shelf|locker
        safe|box|cabinet|strong room|record room|records|file room|bundle|bundles|drawer|cell|wing|desk|table
        કબાટ|રૂમ|શાખા|વિભાગ|રેકર્ડ|પટારો|ખાનું|अलमारी|कक्ष|शाखा|अनुभाग|रिकॉर्ड|बक्सा|दराज|kabat|almari|shakha
    """,
    # Words that negate a marking next to it.
    "negation": """
        not|no|non|never|isn't|is not|was not|wasn't|nothing|nahi|nahin|nathi|koi|કોઈ|નથી|નહીં|નહિ|ન|नहीं|नही|न|कोई
    """,
    # A tender already opened is public.
    "conf_tender_opened": """
        bid opening happened|bids opened|bids were opened|opened today|after opening|was opened|were opened
        work order|awarded|result declared|contract awarded|finalised tender|ખોલવામાં આવ્યા|ખુલ્યા|વર્ક ઓર્ડર
        खोली गई|खोले गए|कार्यादेश|वर्क ऑर्डर
        khulyu|khuli gayu|order thai gayo|order aapi didho|ખુલ્યું|ખુલ્યા|ઓર્ડર આપ્યો|खुला|खुली|खुल गया|आदेश जारी|order jari|opened the bids|bids were opened|l1 is
    """,
    # Said outright that the bids are still sealed: what a later "L1 is" cannot undo.
    "conf_tender_unopened": """
        before opening|not yet opened|yet to be opened|unopened|before the opening|before bid opening
        ખોલતા પહેલાં|ખુલ્યા પહેલાં|હજુ ખુલ્યા નથી|खोलने से पहले|अभी खुली नहीं|अभी खुले नहीं|khulya pehla|khulta pehla
    """,
    # Sensitive operations: tenders before opening.
    "conf_tender": """
        tender|tenders|bid|bids|bidder|bidders|quotation|quotations|l1|lowest bidder|lowest bid|technical bid
        financial bid|price bid|e-tender|etender|auction reserve price|reserve price
        ટેન્ડર|ટેન્ડરો|બિડ|ભાવપત્રક|ભાવ|હરાજી
        निविदा|टेंडर|बोली|कोटेशन|नीलामी
        bhav|bhaav|nivida|boli
    """,
    "conf_tender_detail": """
        before opening|not yet opened|yet to be opened|unopened|quoted|has quoted|rate quoted|quoted rate|amount quoted
        l1 rate|lowest rate|estimate|estimated cost|our estimate|figures|figure|will quote|to quote|bid amount
        lakh|lakhs|crore|crores|rs|inr|₹|per cent|percent|%|below|above
        ખોલતા પહેલાં|ખુલ્યા પહેલાં|લાખ|કરોડ|રૂપિયા|રૂ.|ટકા
        खोलने से पहले|लाख|करोड़|करोड|रुपये|रु.|प्रतिशत
        lakh|karod|crore|rupiya|taka
    """,
    "conf_inquiry": """
        vigilance|vigilance inquiry|vigilance enquiry|vigilance case|departmental inquiry|departmental enquiry
        departmental proceedings|preliminary inquiry|preliminary enquiry|chargesheet|charge sheet|charge-sheet
        acb|anti corruption bureau|anti-corruption bureau|disciplinary|disciplinary action|disciplinary proceedings
        suspension|suspended|inquiry report|enquiry report|inquiry officer|enquiry officer|show cause|show-cause
        misconduct|de against|inquiry against|enquiry against|probe against
        તકેદારી|તકેદારી આયોગ|ખાતાકીય તપાસ|પ્રાથમિક તપાસ|એસીબી|ચાર્જશીટ|ફરજમોકૂફ|શિસ્તભંગ|શિસ્તવિષયક|તપાસ અહેવાલ
        ખુલાસો|કારણદર્શક નોટિસ
        सतर्कता|विभागीय जांच|विभागीय जाँच|प्रारंभिक जांच|एसीबी|आरोप पत्र|निलंबन|निलंबित|अनुशासनात्मक|जांच रिपोर्ट
        कारण बताओ
        khatakiy tapas|khatakiya tapas|tapas|tapas chale che|farajmokuf|vibhagiya janch|vibhagiy jaanch|janch|nilamban
        inquiry file|enquiry file|found guilty|charges proved|charges held proved|guilty|articles of charge|charge memo|tapas file|तपास
    """,
    "conf_court_strategy": """
        our stand|our strategy|strategy|we will argue|we will not contest|will not oppose|we will concede|concede
        government's stand|govt stand|government stand|our case is weak|case is weak|weak case|legal opinion
        settle out of court|do not disclose to
        line of argument|we should argue|not to oppose|we will seek adjournment|seek adjournment
        રણનીતિ|વલણ|આપણું વલણ|સરકારનું વલણ|કેસ નબળો|કાનૂની અભિપ્રાય
        रणनीति|हमारा पक्ष|सरकार का पक्ष|केस कमजोर|विधिक राय|कानूनी राय
        rananiti|valan|aapnu valan|sarkar nu valan|ranniti
    """,
    "conf_court": """
        court|high court|hc|supreme court|sc|sca|petition|writ|writ petition|hearing|case|tribunal|slp|pil|gp|agp
        government pleader|pleader|counsel|advocate general|bench|judge
        કોર્ટ|હાઈકોર્ટ|હાઇકોર્ટ|અદાલત|અરજી|સુનાવણી|સરકારી વકીલ|કેસ|ટ્રિબ્યુનલ|ન્યાયાધીશ
        न्यायालय|उच्च न्यायालय|अदालत|याचिका|सुनवाई|सरकारी वकील|मुकदमा|केस|अधिकरण|न्यायाधीश
        adalat|kort|sunavni|sunvai|arji|yachika|mukadma
        દાવા|દાવો|દીવાની|દિવાની|दीवानी|दावा|civil suit|suit|appeal|appellate|dava|davo
    """,
    "conf_vip": """
        vip|vvip|cm|chief minister|pm|prime minister|governor|president|minister|dignitary|dignitaries|vip visit
        cm's|pm's|protectee
        મુખ્યમંત્રી|વડાપ્રધાન|રાજ્યપાલ|મંત્રી|મહાનુભાવ|વીઆઈપી
        मुख्यमंत्री|प्रधानमंत्री|राज्यपाल|मंत्री|वीआईपी|गणमान्य
        mukhyamantri|vadapradhan|rajyapal|mantri|pradhanmantri
    """,
    "conf_security": """
        security arrangement|security arrangements|security plan|security details|security detail|security cover
        bandobast|convoy|escort|route plan|route chart|motorcade|spg|z plus|z+|safe house|sniper|snipers
        deployment of police|police deployment|security deployment|anti sabotage|bomb disposal|blue book|alternate route
        ઝેડ પ્લસ|બંદોબસ્ત|સુરક્ષા વ્યવસ્થા|સુરક્ષા|કાફલો|રૂટ પ્લાન|પોલીસ બંદોબસ્ત
        सुरक्षा व्यवस्था|सुरक्षा|काफिला|रूट प्लान|बंदोबस्त|पुलिस तैनाती
        suraksha|suraksha vyavastha|kafilo|kafila
    """,
    "conf_exam": """
        question paper|question papers|answer key|exam paper|paper set|paper setting|paper leak|exam questions
        questions for the exam|questions of the exam|test paper|recruitment exam questions
        પ્રશ્નપત્ર|પ્રશ્નપત્રો|પરીક્ષાનું પેપર|જવાબવહી
        प्रश्न पत्र|प्रश्नपत्र|परीक्षा का पेपर|उत्तर कुंजी
        prashnapatra|prashna patra|prashn patra|paper leak
    """,
}
