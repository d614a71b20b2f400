"""Cues for `instruction`: directives and requests for action addressed to members (§2 uses)."""

CUES = {
    "ins_directive": """
        are directed to|are hereby directed|hereby directed|are instructed to|are hereby instructed|you are instructed
        are requested to|you are requested|is requested to|are advised to|you are advised|are required to
        kindly ensure|please ensure|pl ensure|pls ensure|ensure that|ensure|should be submitted|must be submitted
        must be sent|positively|without fail|compulsorily|mandatory|compulsory|do the needful|take necessary action
        take immediate action|take action|needful action|comply|report compliance|follow the instructions
        all are requested|everyone is requested|everyone must|everybody must|no leave|leave cancelled|leaves cancelled
        do not leave headquarters|remain at headquarters|stay at headquarters|it is directed|you must|must attend
        સૂચના આપવામાં આવે છે|જણાવવામાં આવે છે|તાકીદ કરવામાં આવે છે|તાકીદ|વિનંતી છે|સુનિશ્ચિત કરવું
        સુનિશ્ચિત કરશો|સુનિશ્ચિત કરવા|ખાતરી કરવી|ખાતરી કરશો|અવશ્ય|ફરજિયાત|સમયમર્યાદામાં|કાર્યવાહી કરવી
        કાર્યવાહી કરશો|જરૂરી કાર્યવાહી|પાલન કરવું|પાલન કરશો|અમલ કરવો|રજા રદ|રજા મંજૂર નહીં|હેડક્વાર્ટર ન છોડવું
        निर्देशित किया जाता है|निर्देशित|अनुरोध है|सुनिश्चित करें|सुनिश्चित करेंगे|अनिवार्य|अनिवार्य रूप से
        आवश्यक कार्यवाही|आवश्यक कार्रवाई|कार्रवाई करें|कार्यवाही करें|पालन करें|मुख्यालय न छोड़ें|अवकाश रद्द|छुट्टी रद्द
        sunishchit karvu|sunishchit karsho|sunishchit karein|sunishchit kare|farajiyat|avashya|anivarya
        jaruri karyavahi|karyavahi karvi|karyavahi karsho|karyavahi karein|taakid|takid|vinanti che
        amal karvo|palan karvu|palan karsho|palan karein|rja radd|raja radd|chhutti radd
    """,
    # Who an instruction is addressed to.
    "ins_addressee": """
        all mamlatdars|all collectors|all concerned|all officers|all dy collectors|all deputy collectors|all talatis
        all prant officers|all tdos|all sdms|all circle officers|all members|all district collectors|all staff
        everyone|everybody|all of you|concerned officers|concerned officer|each taluka|every taluka|each district
        must|should|nirdesh|instructions|instruction|directions|request|vinanti|સૂચના|निर्देश|विनंती
        બધા મામલતદાર|બધા મામલતદારશ્રી|તમામ મામલતદાર|તમામ મામલતદારશ્રી|તમામ પ્રાંત અધિકારી|તમામ અધિકારી|તમામ
        બધાએ|દરેક|સંબંધિત|વિનંતી
        सभी तहसीलदार|सभी अधिकारी|सभी कलेक्टर|सभी संबंधित|सभी|प्रत्येक|संबंधित|अनुरोध
        badha mamlatdar|tamam|darek|sabhi|sambandhit|pratyek
    """,
    "ins_urgency": """
        immediately|urgent|urgently|at the earliest|asap|top priority|priority|today itself|right now|forthwith
        તાત્કાલિક|તુરંત|સત્વરે|તાકીદે|અગત્યનું|જરૂરી
        तत्काल|तुरंत|शीघ्र|अविलंब|जरूरी|ज़रूरी|अति आवश्यक
        tatkal|tatkalik|turant|turat|jaldi|sheeghra|jaruri|aje j|aaje j|aaj hi
    """,
    "ins_request_verb": """
        send|submit|share|provide|furnish|forward|upload|fill|prepare|compile|inform|intimate|mail|email
        confirm|verify|complete|attend|visit|depute|keep ready|be ready|get ready|arrange|make arrangements
        report to|report at|report by|report before|report within|report back|collect|inspect|conduct|organise|organize|coordinate|circulate
        please send|kindly send|pl send|pls send|please submit|kindly submit|please share|kindly share|please provide
        kindly provide|please furnish|kindly furnish|please update|kindly update|please upload|kindly upload
        i want the|we want the|i want your|we want your|i want all|i want every|i need the|we need the|i need your
        we need your|i need all|we need all|i require the|we require the
        મોકલો|મોકલી આપો|મોકલી આપશો|મોકલી આપવા|મોકલવા|મોકલવી|મોકલવો|મોકલવાની|રજૂ કરો|રજૂ કરવા|રજૂ કરવો|રજૂ કરશો
        આપો|આપશો|આપવા|આપવી|જણાવો|જણાવશો|જણાવવા|અપલોડ કરો|અપલોડ કરવા|ભરો|ભરવા|તૈયાર રાખો|તૈયાર રાખવા|તૈયાર કરો
        તૈયાર કરવા|પૂર્ણ કરો|પૂર્ણ કરવા|ચકાસણી કરવી|ચકાસણી કરવા|મુલાકાત લેવી|મુલાકાત લેશો|વ્યવસ્થા કરવી
        વ્યવસ્થા કરશો|સંકલન કરવું|અપડેટ કરો|અપડેટ કરવા|મેલ કરો|મેઇલ કરવા
        भेजें|भेजिए|भेज दें|भेजना सुनिश्चित|प्रस्तुत करें|उपलब्ध कराएं|उपलब्ध करावें|उपलब्ध कराना|बताएं|सूचित करें
        अपलोड करें|भरें|तैयार रखें|तैयार करें|पूर्ण करें|पूरा करें|सत्यापन करें|जांच करें|दौरा करें|व्यवस्था करें
        समन्वय करें|अपडेट करें|मेल करें|दें|दीजिए
        moklo|mokli aapo|mokli aapsho|mokli aapva|mokalva|mokalvi|mokalvo|mokalvani|raju karo|raju karva|raju karsho
        aapo|aapsho|aapva|janavo|janavsho|janavva|upload karo|upload karva|bharo|bharva|taiyar rakho|taiyar rakhva
        taiyar karo|purn karo|purna karo|chakasni karvi|mulakat levi|vyavastha karvi|send karo|send karsho|share karo
        share karsho|mail karo|mail karsho|update karo|update karsho|bhejen|bhejein|bhej dein|bhej de|bhejiye|bheje
        prastut karein|uplabdh karayein|uplabdh karaye|batayein|bataye|suchit karein|taiyar rakhein|poorn karein
        pura karein|update karein|mail karein|de dein|dijiye
        update the|update it|रिपोर्ट करें|करें|कराएं|करवाएं|भेजें|दें|रखें|रहें|लें|पहुंचें|जमा करें|लगाएं|बताएं|भरें|रोकें|मूकवું|મૂકવા|મૂકો|મૂકશો|કરવા|કરાવો|કરાવવા|રાખવા|રાખો|આપવા|ગોઠવો|ગોઠવવા|સંપર્ક કરવો|karavo|karavjo|karjo|karo|rakhjo|mokaljo|aapjo|mukvo|mukva|mukjo|gothvo|goth vo|gothavvu|gothavjo|post photos|post the|post here|confirm here|confirm in this group|share here|put up|display|barricade|supervise|stop
        faalvo|falvo|faalavo|chukvo|chukavo|kaho|kahejo|muke|mukjo|aape|mokle|ચૂકવો|ફાળવો|કહો|કહેજો|મૂકે|આપે|મોકલે|please verify|kindly verify|please check|kindly check|please confirm|kindly confirm
    """,
    "ins_object": """
        report|reports|details|detail|information|info|list|lists|data|status|figures|statement|statements
        compliance report|atr|action taken report|photos|photographs|pending cases|progress|format|proforma
        utilisation certificate|uc|record|records|files|file|reply|replies|count|numbers
        names|summary|note|brief|presentation|checklist|muster|attendance|dashboard|entries|entry|sheet|excel
        ahewal|ahevaal|ahewaal|vigat|vigato|mahiti|yadi|jankari|vivran|suchi|sthiti|aankda|aankde|patrak|record
        અહેવાલ|રિપોર્ટ|વિગત|વિગતો|માહિતી|યાદી|સ્થિતિ|આંકડા|પત્રક|ફોટા|ફોટોગ્રાફ|ફાઇલ|ફાઈલ|રેકર્ડ|રેકોર્ડ|પ્રગતિ
        જવાબ|નોંધ|સારાંશ|એન્ટ્રી|હાજરી
        रिपोर्ट|विवरण|जानकारी|सूची|स्थिति|आंकड़े|आंकड़ा|प्रपत्र|फोटो|फाइल|फ़ाइल|अभिलेख|रिकॉर्ड|प्रगति
        जवाब|उत्तर|सारांश|एंट्री|उपस्थिति
        assessment|comments|photos here|count|pending count|notice|readiness|arrangements|વ્યવસ્થા|व्यवस्था
    """,
    "ins_deadline": """
        by today|today itself|by tomorrow|by eod|by end of day|latest by|before the meeting|within two days
        within 2 days|within 24 hours|within 48 hours|within a week|within three days|within 3 days|by monday
        by tuesday|by wednesday|by thursday|by friday|by saturday|by sunday|positively by|on or before|deadline
        before|by|today|tomorrow|tonight|this evening|this afternoon|by evening|by noon|at the earliest
        આજે|આજ રોજ|આજે જ|આવતીકાલે|કાલે|સુધીમાં|પહેલાં|પહેલા|દિવસમાં|કલાકમાં|સાંજ સુધીમાં|બપોર સુધીમાં
        आज|आज ही|कल|तक|से पहले|दिनों में|घंटे में|शाम तक|दोपहर तक|आज शाम
        aaje|aaje j|aaj|kale|kaale|aavti kale|sudhi ma|sudhima|sudhi|pehla|pahela|tak|se pehle|aaj sham tak
    """,
    "date": """
        monday|tuesday|wednesday|thursday|friday|saturday|sunday|somvar|mangalvar|budhvar|guruvar|shukravar
        shanivar|ravivar|સોમવાર|મંગળવાર|બુધવાર|ગુરુવાર|શુક્રવાર|શનિવાર|રવિવાર|सोमवार|मंगलवार|बुधवार|गुरुवार
        शुक्रवार|शनिवार|रविवार
    """,
    "ins_meeting": """
        meeting|meetings|review meeting|vc|video conference|video conferencing|webinar|conference|briefing
        review|weekly review|coordination meeting|dlcc|tlcc|revenue meeting|rdc meeting|google meet|zoom
        bethak|baithak|meeting ma|mitting|miting
        બેઠક|મીટીંગ|મીટિંગ|વીસી|વિડીયો કોન્ફરન્સ|વીડિયો કોન્ફરન્સ|સમીક્ષા બેઠક|સંકલન બેઠક|રીવ્યુ
        बैठक|मीटिंग|वीसी|वीडियो कॉन्फ्रेंस|वीडियो कॉन्फ्रेंसिंग|समीक्षा बैठक|समन्वय बैठक
    """,
    "ins_attend": """
        attend|attendance|present|remain present|be present|join|participate|report at|reach|assemble|gather
        venue|hall|chamber|collectorate|conference hall|meeting hall|room no|online|link|sharp|on time|in person
        physically|personally|compulsorily
        હાજર|હાજર રહેવું|હાજર રહેશો|હાજર રહેવા|ઉપસ્થિત|ઉપસ્થિત રહેવું|જોડાવું|જોડાશો|પહોંચવું|સભાખંડ|ચેમ્બર
        કલેક્ટર કચેરી|સમયસર|રૂબરૂ|ઓનલાઇન|લિંક
        उपस्थित|उपस्थित रहें|हाज़िर|हाजिर|शामिल|शामिल हों|पहुंचें|पहुँचें|सभागार|कक्ष|समय पर|व्यक्तिगत रूप से
        hajar|haajar|hajar rehvu|hajar rehva|hajar raheso|hajar rahesho|upasthit|upasthit rehvu|upasthit rahein
        upasthit rahe|hazir|hazir rahein|jodavu|jodasho|pahonchvu|pahunche|sabhakhand|samaysar|rubaru|shamil
    """,
    "ins_change": """
        postponed|cancelled|canceled|rescheduled|preponed|shifted to|changed to|deferred|called off
        મુલતવી|રદ|ફેરફાર|બદલાયો|બદલાયું
        स्थगित|रद्द|बदल दिया|टाल दी
        multvi|radd|sthagit
    """,
    "ins_disaster": """
        cyclone|cyclonic|flood|floods|flooding|flood situation|heavy rain|heavy rains|heavy rainfall|rain alert
        red alert|orange alert|yellow alert|earthquake|tsunami|heatwave|heat wave|fire|landslide|storm|deluge
        inundation|inundated|waterlogging|water logging|dam overflow|release of water|gates opened|low-lying
        low lying|low-lying areas|coastal villages|evacuation|evacuate|evacuated|shelter|shelters|relief camp
        relief camps|relief|rescue|ndrf|sdrf|control room|emergency operation centre|eoc|deoc|teoc|food packets
        cash dole|boats|sandbags|fishermen|disaster|monsoon|rainfall|overflowing|breach|cloudburst|drought
        vavajodu|vavazodu|vavajoda|pur|purni paristhiti|bhare varsad|ati bhare varsad|varsad|sthalantar|rahat
        bachav|ashray|ashraysthan|aapatti|aapda|baadh|badh|chakravat|toofan|bhari barish|barish|rahat shivir
        વાવાઝોડું|વાવાઝોડા|વાવાઝોડાને|પૂર|પૂરની પરિસ્થિતિ|ભારે વરસાદ|અતિભારે વરસાદ|વરસાદ|ભૂકંપ|હીટવેવ|લૂ|આગ
        સ્થળાંતર|આશ્રયસ્થાન|આશ્રય સ્થાન|રાહત|રાહત છાવણી|બચાવ|એનડીઆરએફ|એસડીઆરએફ|કંટ્રોલ રૂમ|ફૂડ પેકેટ|કેશડોલ
        નીચાણવાળા|માછીમારો|દરિયાકાંઠા|આપત્તિ|ડેમ|દરવાજા ખોલ્યા|ચક્રવાત
        चक्रवात|तूफान|तूफ़ान|बाढ़|बाढ|भारी बारिश|भारी वर्षा|वर्षा|भूकंप|लू|आग|निकासी|स्थानांतरण|शिविर|राहत
        राहत शिविर|बचाव|एनडीआरएफ|एसडीआरएफ|नियंत्रण कक्ष|कंट्रोल रूम|खाद्य पैकेट|निचले इलाके|निचले इलाकों|मछुआरे
        आपदा|बांध
        machhimar|machhimaro|machhimaaro|dariya kinara|dariyakinara|tremor|tremors|damaged|damage|nuksan|નુકસાન|नुकसान
    """,
    "ins_disaster_action": """
        evacuate|evacuation|shift|shifting|shifted|relocate|deploy|deployed|deployment|keep ready|stand by|standby
        be on alert|on alert|remain alert|stay alert|alert|remain at headquarters|don't leave headquarters|24x7
        24 x 7|24/7|round the clock|manned|man the|staffed|distribute|distribution|arrange|make arrangements
        pre-position|preposition|mobilise|mobilize|open shelters|warn|warning|announce|announcement|monitor
        patrol|cordon|ensure|keep|move|moved|rescue|stock|stocks|dg set|generators|vigil|headquarters|hq
        મુખ્ય મથક|હેડક્વાર્ટર|मुख्यालय
        સ્થળાંતર કરવું|સ્થળાંતર કરવા|ખસેડવા|ખસેડો|તૈનાત|ફાળવો|સજ્જ રાખવું|સજ્જ રહેવું|એલર્ટ રહેવું|સતર્ક રહેવું
        ચોવીસ કલાક|વિતરણ|વ્યવસ્થા|ચેતવણી|જાહેરાત|દેખરેખ|તૈયાર રાખો|તૈયાર રાખવા|ખડે પગે
        खाली कराएं|स्थानांतरित करें|तैनात|अलर्ट रहें|सतर्क रहें|24 घंटे|चौबीस घंटे|वितरण|व्यवस्था करें|चेतावनी
        मुनादी|निगरानी|तैयार रखें
        sthalantar karvu|khasedva|tainaat|tainat|satark|alert rahevu|alert rahein|vitaran|vyavastha|chetavni|taiyar rakho
        jaherat|jaherat karavo|loudspeaker|loud speaker|munadi|to be distributed|to be shifted|to be evacuated|supervise
    """,
    # Who official English directives name first: "Mamlatdar Sanand to send ...".
    "designation": """
        mamlatdar|mamlatdars|collector|collectors|prant officer|prant officers|prants|dy collector|dy collectors
        dy. collector|dy. collectors|deputy collector|deputy collectors|tdo|tdos|ddo|ddos|talati|talatis
        circle officer|circle officers|circle inspector|circle inspectors|sub-registrar|sub-registrars|subregistrar
        sub registrar|sub registrars|sdm|sdms|sector officer|sector officers|nodal officer|nodal officers
        zonal officer|zonal officers|liaison officer|liaison officers|officer|officers|team|teams|staff|engineer
        engineers|inspector|inspectors|clerk|clerks|superintendent|superintendents|chitnis|chief officer
        chief officers|commissioner|commissioners|secretary|secretaries|tehsildar|tehsildars|patwari|patwaris
        members|all|everyone|rdc|resident deputy collector|dsp|sp|police|pi|psi|eo|executive engineer
    """,
    # Passive directives: "relief kits to be distributed", "dole to be paid".
    "ins_passive": """
        to be distributed|to be paid|to be submitted|to be sent|to be kept|to be completed|to be deployed|to be shifted
        to be evacuated|to be opened|to be displayed|to be uploaded|to be conducted|to be held|to be made|to be ensured
        to be done|to be stopped|to be closed|to be given|to be issued|to be prepared|to be attended|to be manned
        to be carried out|to be verified|to be collected|to be informed|to be reported|to be furnished|to be followed
        to be maintained|to be provided|to be arranged|to be cleared|to be disposed|to be started|to be finished
        are to be|is to be
    """,
    # Something already done or reported: not a request.
    "ins_done": """
        sent|has been sent|have sent|already sent|submitted|have submitted|has been submitted|uploaded|has been uploaded
        done|completed|was held|went well|couldn't|could not|didn't|did not|failed to|received|got it
        mokli didho|mokli didhi|mokli didhu|mokli aapel|mokalel|moklavi didhu|moklavi didhi|puru thayu|puru thai gayu
        thai gayu|thai gai|pur thayu|bheji|bhej di|bhej diya|bhej dia|ho gaya|ho gayi|ho gai
        મોકલી દીધો|મોકલી દીધી|મોકલી દીધું|મોકલી આપેલ|મોકલેલ|મોકલાવી દીધું|પૂર્ણ થયું|પૂરું થયું|થઈ ગયું|થઈ ગઈ
        પ્રમાણિત થઈ|મળી ગયું|હતી|હતો|હતું
        भेज दी|भेज दिया|भेजी जा चुकी|भेज दी गई|हो गया|हो गई|पूर्ण हो गया|मिल गया|रही|रहा|थी|था
        दिए गए|दी गई|किए गए|किया गया|करा दिए|करा दी|करा दिया|कर दिए|कर दी|पहुँच गई|पहुंच गई|पहुँच गए|पहुंच गए
        chaired|presided over|in today's meeting|in yesterday's meeting|at today's meeting|in the meeting held
        at the meeting held|approved this|approved it|approved the proposal
        shifted|deployed|distributed|rescued|returned|closed|concluded|reached|arrived|restored|functioned|staffed|were|was|had|has been|have been|had been|yesterday|last night|last week|earlier today|so far|till now|as on|collapsed|withdrawn|downgraded|decided|appreciated|connected|attended|were present|thayu|thai|karyu|aapyu|hatu|hati|hata|mokalyo|kiya|hua|hui|gaya|gayi|थे|हुआ|हुई|गया|गई|गए|किया|की गई|दी गई|થયું|થઈ|કર્યું|કર્યો|કરી|આપ્યો|આપી|ગયા|ગયો|મળી|યોજાઈ|ફેરવાઈ|નોંધાયું|પહોંચી ગયા|નોંધાયા|ખસેડાયા
    """,
    # Information shared for reference: helplines, updates, news.
    "ins_info": """
        helpline|help line|toll free|toll-free|landline|is working|are working|functional|is functional|update:
        rainfall update|for information|for your information|fyi|news|for reference|link below|link is below
        ચાલુ છે|કાર્યરત છે|જાણ માટે|સૌની જાણ માટે|માહિતી માટે|ની જાણ|चालू है|कार्यरत है|सूचनार्थ|जानकारी हेतु
        mm|millimetre|inch|inches|jaan mate|janva mate
        is working|link is working|connected|bulletin|for information|imd|forecast|status|update from|status of|as on|press note issued|press note
    """,
    # A question among peers directs no one.
    "ins_peer_question": """
        anyone|anybody|does anyone|has anyone|did anyone|any idea|koi|koine|kisi|kisi ne|kisi ke paas
        કોઈ|કોઈને|કોઈની પાસે|किसी|कोई|किसी के पास
    """,
    "ins_ack": """
        noted|noted sir|done|done sir|ok sir|okay sir|received|received sir|will do|will comply|complied|thank you
        thanks|congratulations|good morning|good night|jai shri krishna|ji sir|yes sir|sure sir|on it|acknowledged
        to thank|i thank|we thank|thank all|thank everyone|grateful to|grateful for|our gratitude|appreciate the
        ઓકે|બરાબર|થઈ ગયું|મળી ગયું|આભાર|જય શ્રી કૃષ્ણ|સુપ્રભાત|જી સાહેબ
        ठीक है|हो गया|मिल गया|धन्यवाद|सुप्रभात|जी सर|जी साहब
        thai gayu|mali gayu|aabhar|abhar|ho gaya|mil gaya|dhanyavad|ji saheb|ji sir
        keep it up|keep up the good work|well done|good work|great work|nice work|excellent work|good job|saras kaam|ખૂબ સરસ|શાબાશ|बहुत बढ़िया|शाबाश
    """,
}
