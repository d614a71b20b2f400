"""Cues for `hostile`: abuse, threats, defamation, enmity between groups (§8)."""

CUES = {
    "host_abuse": """
        idiot|idiots|idiotic|stupid|stupidity|moron|morons|bastard|bastards|bloody fool|damn you|shut up|shut your mouth
        shameless|rascal|rascals|scoundrel|scoundrels|useless fellow|good for nothing|duffer|donkey|buffoon|jerk
        brainless|nincompoop|get lost|go to hell|fuck|fucking|f***|f**k|fck|shit|bullshit|asshole|ass hole|crap
        bsdk|chutiya|chutia|madarchod|behenchod|bhenchod|saala|sala|saale|kamina|kameena|kamine|harami|haramkhor
        kutta|kutte|kutti|kutro|kutra|gadha|gadhe|gadhedo|gadheda|gadhedi|ullu|ullu ka pattha|bewakoof|bevkoof|bevakuf
        nalayak|naalayak|badtameez|besharam|beshram|murkh|murakh|gando|gandu|dofo|dofa|dobo|halkat|luchcho
        fool|fools|foolish|nonsense fellow|pathetic fellow|shameless fellow|worthless fellow|lazy fellow|chamcha
        nikamma|nikamme|nikammo|nikammi|nikamma log|kisi kaam ke nahi|kisi kaam ka nahi|kaam chor|kaamchor|haramkhor log
        boot licker|bootlicker|sycophant|joker|clown|dumb|dumbo|nitwit|imbecile|cretin
        નાલાયક|ગધેડો|ગધેડા|ગધેડી|હરામી|હરામખોર|બેશરમ|નફ્ફટ|મૂર્ખ|ડફોળ|ગાંડો|ગાંડી|કૂતરા|કૂતરો|સાલા|સાલો|નકામો
        બેવકૂફ|ડોબો|ડોબા|હલકટ|લુચ્ચો|લુચ્ચા|ચમચા|બુદ્ધિ વગરનો|અક્કલ વગરનો|મોં બંધ રાખ|ચૂપ મર
        कमीना|कमीने|हरामी|हरामखोर|कुत्ता|कुत्ते|गधा|गधे|उल्लू|उल्लू का पट्ठा|बेवकूफ|बेवक़ूफ़|नालायक|बदतमीज|बदतमीज़
        बेशर्म|मूर्ख|पागल|साला|साले|निकम्मा|निकम्मे|घटिया|चमचा|चुप रहो|भाड़ में जाओ|मुंह बंद रखो|जाहिल|गंवार
        akkal vagar|akkal vagarno|buddhi vagarno|mo bandh rakh|chup mar|chup raho|bhaad mein jao|jahil|ganwar|gawar
        bloody|bloody idiot|bloody rascal
        street dog|like a dog|barking|jahannam|જહન્નમમાં|जहन्नुम|go to hell|chup besi ja|chup besi jaa|ચૂપ બેસી જા|चुप बैठ|bakvas kare|tane kai aavadtu nathi|kai aavadtu nathi|કંઈ આવડતું નથી|कुछ नहीं आता|knows nothing|mentally unfit|snake|traitor|saap|સાપ|साँप|blood sucker|shame on this|શરમ આવે છે
        મૂરખ|murakh|moorakh|dafol|daphol|ડફોળ|jokar|જોકર|जोकर|bloodsucker|blood-sucker|bloodsuckers|shameless fellow|clowns|jangli|જંગલી|जंगली
    """,
    # Insults that are abuse when aimed at someone.
    "host_abuse_mild": """
        useless|worthless|nonsense|rubbish|incompetent|lazy|pathetic|disgrace|disgraceful|shame on you|shame
        mad|crazy|nuts|senseless|liar|liars|hypocrite|arrogant|characterless|drunkard|womaniser|womanizer
        pagal|bakwas|bekar|nakamo|jutho|juthho|jhootha|jhoota|jhooth|natak|nautanki|sharam karo|sharam nathi
        નકામું|બકવાસ|જૂઠો|જુઠ્ઠો|જૂઠ્ઠો|નાટક|શરમ કરો|શરમ નથી|આળસુ|પાગલ
        बकवास|बेकार|झूठा|झूठे|नाटक|नौटंकी|शर्म करो|शर्म नहीं|आलसी|पागल
    """,
    "host_threat": """
        i will see you|i'll see you|will see you|see how you|you will regret|you'll regret|you will pay|you'll pay
        teach you a lesson|teach him a lesson|teach them a lesson|break your|break his|kill you|kill him|kill them
        finish you|finish him|destroy you|destroy your|ruin you|ruin your|watch your back|watch out|or else
        mind your words|mind your language|face the consequences|won't spare|will not spare|not spare you
        not leave you|won't leave you|will not leave you|beat you|beat him|thrash|burn your|set fire|set on fire
        you don't know who i am|you do not know who i am|your family|your children|your job is gone|lose your job
        get you transferred|get you suspended|have you transferred|have you suspended|drag you|in your face
        put your photos|expose you|expose your|see you outside|meet me outside|come outside
        dekh lunga|dekh loonga|dekh lenge|dekh lena|chhodunga nahi|chodunga nahi|nahi chhodunga|nahi chodunga
        nahi chhodenge|sabak sikha|sabak sikhayenge|sabak sikhaunga|jaan se maar|jaan se maarunga|maar dunga
        maar daalunga|maar dalunga|khatam kar dunga|khatam kar denge|anjaam bhugat|anjam bhugtoge|pachtaoge
        bhari padega|joi laish|joi laishu|joi leish|jovi lais|khabar padi daish|khabar padi dais|chhodish nahi
        chodish nahi|nahi chhodu|mari nakhish|mari naakhish|patavi daish|bhare padshe|pastasho|paath bhanavish
        પાઠ ભણાવીશ|જોઈ લઈશ|જોઈ લઈશું|ખબર પાડી દઈશ|ખબર પાડી દઈશું|છોડીશ નહીં|છોડીશું નહીં|નહીં છોડું|મારી નાખીશ
        પતાવી દઈશ|સબક શીખવાડીશ|ભારે પડશે|પસ્તાશો|પસ્તાવું પડશે|જોઈ લેજો|નોકરી ખાઈ જઈશ|બદલી કરાવી દઈશ
        देख लूंगा|देख लूँगा|देख लेंगे|छोड़ूंगा नहीं|छोडूंगा नहीं|नहीं छोड़ूंगा|नहीं छोडूंगा|नहीं छोड़ेंगे|सबक सिखा
        सबक सिखाएंगे|सबक सिखाऊंगा|जान से मार|मार दूंगा|मार डालूंगा|खत्म कर दूंगा|ख़त्म कर दूंगा|अंजाम भुगत|पछताओगे
        भारी पड़ेगा|नौकरी खा जाऊंगा|तबादला करवा दूंगा
        break your legs|break his legs|break their legs|break your bones|won't go back alive|will not go back alive|not go back alive|won't return alive|will not return alive|tod denge|tod dunga|tod daalenge|haath pair tod|taange tod|tange tod|zinda nahi|jinda nahi|जिंदा नहीं|ज़िंदा नहीं|टांगें तोड़|टांग तोड़|हाथ पैर तोड़|तोड़ देंगे|तोड़ दूंगा|ટાંટિયા તોડી|ટાંગા તોડી|હાથ પગ ભાંગી|હાથપગ તોડી|તોડી નાખીશ|તોડી નાખીશું|ભાંગી નાખીશ|જીવતો નહીં|જીવતો પાછો|taantiya todi|tantiya todi|haath pag bhangi|todi nakhish|jivto nahi
        will pay for it|pay for this|mark my words|i know where your house is|know where you live|tara ghar|taru ghar kya|ghar kyan che|ઘર ક્યાં છે|घर कहाँ है|घर का पता है|smash his|smash your|beaten up|should be beaten|beat them|jala denge|jala dunga|जला देंगे|जला दूंगा|સળગાવી દઈશું|ઠેકાણે પાડી|thekane padi|ટાંટિયા ભાંગી|ભાંગી નાખશે|jivti pachhi|jivto pachho|pachhi nahi jaay|won't go back on|go back on your feet|सबक सिखाना|sabak sikhana|raat ko uske ghar|સંભાળીને રહેજે|sambhali ne reje|watch yourself|ફળ ભોગવવું પડશે|bhogavvu padse|भुगतना पड़ेगा|bhugatna padega|લાંબું ટકતા નથી|won't last long
        સળગાવી દઈશ|salgavi daish|salgavi dais|jala dunga|जला दूंगा|जला दूँगा|burn your office|burn down|set your office on fire|border par bhej|बॉर्डर पर भेज
    """,
    # Harm someone does to another, for first person + harm + second person.
    "host_harm": """
        expose|ruin|destroy|finish|beat|kill|hurt|harm|defame|leak|break|burn|harass|thrash|slap
        barbad|khatam|bhukka|marish|maarish|maarunga|barbaad|badnaam|badnam|hera|pareshan
        બરબાદ|ખતમ|બદનામ|હેરાન|મારીશ
        बर्बाद|खत्म|बदनाम|परेशान|मारूंगा
    """,
    "host_defame": """
        corrupt|corrupted|bribe|bribes|bribery|bribe-taker|bribe taker|takes bribes|taking bribes|takes money
        taking money|took money|kickback|kickbacks|cut money|looting|looted|looter|looters|thief|thieves|crook|crooks
        fraudster|fraudsters|cheat|cheater|cheats|scamster|extortion|extorting|on the payroll of
        in the pocket of|sold out|sold himself|agent of the builder|builder's agent|land mafia|mafia|dalal
        fixer|hand in glove|goonda|gunda|criminal officer|rotten|paid agent|money for every file|rate card
        લાંચિયો|લાંચિયા|લાંચ|ભ્રષ્ટ|ભ્રષ્ટાચારી|કટકી|કટકીબાજ|તોડપાણી|તોડ|ચોર|ચોરો|લૂંટ|લૂંટારો|લૂંટારા|દલાલ
        છેતરપિંડી|ઠગ|ગુંડો|ગુંડા|માફિયા|પૈસા ખાય|પૈસા ખાધા
        रिश्वत|रिश्वतखोर|घूस|घूसखोर|भ्रष्ट|भ्रष्टाचारी|चोर|लुटेरा|लुटेरे|दलाल|धोखेबाज|ठग|घोटालेबाज|गुंडा|माफिया
        पैसे खाता|पैसे खाए
        lanch|laanch|lanchiyo|lanchiya|bhrasht|bhrashtachari|katki|katkibaj|todpani|chor|choro|lunt|luntaro|rishwat
        rishvat|rishwatkhor|ghoos|ghus|ghooskhor|ghuskhor|lutera|dhokebaaz|dhokhebaj|ghotalebaaz|paisa khay|paisa khaya
        paise khata|paise khaye
        den of corruption|bribe-taker|bribe takers|corrupt lot|blood suckers|bloodsuckers|eats the relief|eats money|jeb bharne|jeb bhar|जेब भर|बेईमान|beimaan|beiman|dagabaaz|dagabaz|દગાબાજ|धोखेबाज|kathputli|કઠપૂતળી|कठपुतली|puppet of|डाकुओं|dakuon|daku|ડાકુ|ધુતારી|ધુતારો|જૂઠ્ઠી|દારૂડિયો|daru dio|darudiyo|drunkard|characterless|ચારિત્ર્યહીન|चरित्रहीन|ફ્રોડ|pakka fraud|biggest thief|sold to builders|વેચાઈ ગયેલો|sold out to|on the take|cut on every|took a cut|gangster|ગુંડો
        thag|thug|ઠગ|pagari|lanchiyo|fleecing|fleece|bloodsucker|bloodsuckers|inamdar no pagari
    """,
    # An incident or complaint being reported, not an accusation being made.
    "host_report": """
        acb|complaint|complaints|registered|fir|allegation|allegations|alleged|allegedly|inquiry|enquiry|trap|trapped
        caught|arrested|news|reported|case|investigation|probe|court|convicted|helpline|1064|toll free
        ફરિયાદ|આક્ષેપ|તપાસ|એસીબી|છટકું|ઝડપાયો|ધરપકડ|સમાચાર|કેસ
        शिकायत|आरोप|जांच|जाँच|एसीबी|पकड़ा|गिरफ्तार|समाचार|खबर|केस
    """,
    "host_group": """
        muslims|muslim|musalman|musalmans|mussalman|hindus|hindu|christians|christian|dalits|dalit|sc|st|obc|patels
        patidars|patidar|kolis|koli|thakors|thakor|bharwads|bharwad|rabaris|rabari|adivasis|adivasi|tribals|tribal
        brahmins|brahmin|banias|bania|jains|jain|sikhs|sikh|migrants|migrant|migrant workers|outsiders|outsider
        biharis|bihari|up wale|bhaiyas|bhaiya log|north indians|south indians|marwaris|kathiawadis|surtis|parsis
        these people|those people|that community|this community|their community|these communities|minorities
        minority|majority community|community|communities|caste|castes|religion|their religion|their people|them all
        lower castes|upper castes|reserved category|quota people|pakistanis|bangladeshis|rohingyas|refugees
        મુસ્લિમો|મુસલમાનો|મુસલમાન|હિન્દુઓ|દલિતો|પરપ્રાંતીયો|પરપ્રાંતીય|બહારના લોકો|આ લોકો|એ લોકો|તે સમાજ|એ સમાજ
        એ કોમ|આ કોમ|કોમ|સમાજ|જ્ઞાતિ|લઘુમતી|પટેલો|કોળી|ઠાકોર|ભરવાડ|રબારી|આદિવાસીઓ|બ્રાહ્મણો|વાણિયા|ભૈયા|ભૈયાઓ
        मुसलमान|मुसलमानों|मुस्लिम|हिंदू|हिंदुओं|दलित|दलितों|प्रवासी|बाहरी|बाहरी लोग|ये लोग|वो लोग|उस समुदाय
        इस समुदाय|समुदाय|कौम|जाति|अल्पसंख्यक|बिहारी|भैया लोग
        aa loko|e loko|aa lokone|e lokone|aava loko|aava lokone|ye log|woh log|vo log|in logon|un logon|bahar na loko|baharna loko|samaj|kom|qaum|parprantiya|parprantiyo
        other religion|other community|other caste|that religion|those people|people like him|people like them|such people|લોકો|લોકોને|એના જેવા લોકો|એમના જેવા|pelo samaj|pela loko|e loko|aa loko|bahar na loko|એ લોકો|લોકો જ|लोगों|ऐसे लोग|ऐसे लोगों
        chamar|bhangi|dhed|ઢેડ|ભંગી|चमार|भंगी|marwadi|marwadis|marwari|vepari|vepario|traders|trader|sindhi|sindhis|kutchi|kutch wale|saurashtra wale|people of|people from|you people|these traders|મારવાડી|વેપારીઓ|સિંધી|કાઠિયાવાડી|ભરવાડો|दलितों|मारवाड़ी|व्यापारी|सिंधी|कच्छ वाले|इन सबको|इनको|इनका|इनकी|इन्हें|उन्हें|इन लोगों|emne|emno|emna|એમને|એમનો|એમના|inko|inka|inki|unko|dalito|musalmano|bangladeshi|illegal bangladeshi|north gujarat|uttar gujarat|ઉત્તર ગુજરાતના|outsider
    """,
    "host_group_pred": """
        should be thrown out|throw them out|drive them out|kick them out|chase them out|must leave|should leave|go back
        send them back|boycott|boycotted|don't trust|do not trust|cannot be trusted|can't be trusted|never be trusted
        never trust|are criminals|all criminals|criminals|all thieves|are thieves|traitors|traitor|anti-national
        anti national|antinational|terrorists|terrorist|jihadi|jihadis|parasites|vermin|dirty|filthy|breed like
        should not be allowed|not be allowed|don't allow|do not allow|don't give them|no jobs for|don't rent|do not rent
        don't sell|do not sell|teach them a lesson|show them their place|their place|inferior|are spoiling|spoil our
        spoiling our|took over|taking over|invasion|infiltrators|infiltrator|ghuspaithiya|ghuspaithiye|gaddar|gaddaar
        deshdrohi|bahar kaadho|bahar kadho|kadhi muko|kadhi mukvo|bhagao|bhaga do|nikalo|nikal do|boycott karo
        bahishkar|bahiskar|hatao|wipe out|eliminate|finish them|should be killed|deserve to die|pigs|dogs|snakes
        ruining|ruined|destroying our|our culture|our land|our daughters|love jihad|land jihad|population jihad
        બહિષ્કાર|ભગાડો|ભગાડી મૂકો|કાઢી મૂકો|હાંકી કાઢો|ગદ્દાર|દેશદ્રોહી|ગંદા|ભરોસો ન કરવો|વિશ્વાસ ન કરવો
        ઘુસણખોર|ઘૂસણખોર|નીચી જાતિ|આતંકવાદી|મકાન ન આપો|ભાડે ન આપો|નોકરી ન આપો|બગાડે છે|બગાડી નાખ્યું
        बहिष्कार|भगाओ|निकालो|बाहर करो|गद्दार|देशद्रोही|गंदे|भरोसा मत करो|भरोसा न करें|घुसपैठिए|घुसपैठिये|आतंकवादी
        नीच जाति|किराए पर न दें|नौकरी न दें|बिगाड़ रहे|सबक सिखाओ|खत्म करो
        don't let|do not let|never let|should not be let|not let them|let them in|bring trouble|brings trouble|create trouble|creates trouble|cause trouble|cause fights|start fights|riots|always|hamesha|हमेशा|હંમેશા|hammesha|chori kare|chori karta|ચોરી કરે|ચોરી કરે છે|चोरी करते|झगड़ा करते|ઝઘડા કરાવે|ઝઘડા કરે|jhagda karave|jhagda kare|kadhi mukva|bahar kadhva|કાઢી મૂકવું|કાઢી મૂકવા|હાંકી કાઢવું|ઘૂસવા ન દેવા|ઘુસવા ન દેવા|ghusva nahi|ghusva na|ghusne mat|घुसने नहीं|घुसने मत|अंदर न आने|wherever they go|they all
        loot|looting|will loot|it's in their nature|in their nature|their nature|swabhav|સ્વભાવ જ|fitrat|फितरत|aukat|aukaat|औकात|औक़ात|ઔકાત|show them|show them what happens|bata denge|batavi dese|batavi deshe|બતાવી દેશે|don't waste|do not waste|no relief for|don't give them|madad mat karo|koi madad mat|मदद मत करो|मदद न करें|રાહત ન આપો|relief na aapo|jarur nathi|ज़रूरत नहीं|जरूरत नहीं|pollute|polluting|not real|are not real|grabbed|grab|pachavi|પચાવી|bhagao|ભગાડી|भगाओ|thrown out|throw him out|kadhi muko|bahar kaadho|બહાર કાઢો|ruling|rule the village|ruining our|are ruining|traitors|ગદ્દાર|gaddar|sir chadha|sir chadhaya|mathe chadavya|માથે ચડાવ્યા|सिर चढ़ा|family business|thieves|ઠગ|thug|thugs|cheats|lazy drunkards|drunkards
        bhagado|bhagado emne|ભગાડો|dur rakho|door rakho|दूर रखो|દૂર રાખો|keep them away|keep away from|jangli|जंगली|જંગલી|savages|jheri|zeri
    """,
    # Slurs and slogans that are hostile to a group on their own.
    "host_enmity_strong": """
        katua|katwa|mulla|mullah|mulle|go to pakistan|pakistan chale jao|pakistan jao
        pakistan jatu re|pakistan bhej do|anti-national community|jihadi community|hindu khatre mein|khatre mein hai
        મુલ્લા|કટુઆ|પાકિસ્તાન જતા રહો|પાકિસ્તાન જાવ
        कटुआ|मुल्ला|मुल्ले|पाकिस्तान चले जाओ|पाकिस्तान भेज दो|खतरे में है
    """,
}
