"""Cues several labels use: targets of a claim, second person, first-person future."""

CUES = {
    # Words that point at a person or an office as the target of a claim.
    "target": """
        he|she|him|her|his|they|them|you|your|this officer|that officer|the officer|this man|that man
        this fellow|that fellow|this guy|that guy|this lady|this person|that person
        talati|mamlatdar|collector|prant officer|tdo|ddo|sdm|clerk|circle officer|dy collector
        deputy collector|sub registrar|registrar|staff|saheb|sahib|madam|officer|official|officials
        the office|that office|this office|mamlatdar office|department
        te|tene|tena|teni|tenu|aene|aena|aeni|ena|eni|tame|tamne|tamaro|tamari|tamaru|tu|tane|taro|tari|taru
        vo|woh|uska|uski|uske|unka|unki|unke|tum|tumhe|tumhara|tumhari|tujhe|tera|teri|aap|aapka|aapki
        તે|તેને|તેના|તેની|તેનું|એને|એના|એની|તમે|તમને|તમારો|તમારી|તમારું|તું|તને|તારો|તારી|તારું
        તલાટી|મામલતદાર|કલેક્ટર|પ્રાંત અધિકારી|અધિકારી|કારકુન|સાહેબ|કચેરી|નાયબ મામલતદાર
        वह|वो|उसे|उसका|उसकी|उसके|उनका|उनकी|तुम|तुम्हें|तुम्हारा|तुम्हारी|तू|तुझे|तेरा|तेरी|आप|आपका|आपकी
        पटवारी|तहसीलदार|कलेक्टर|अधिकारी|बाबू|साहब|कार्यालय|कर्मचारी
        circle officer|circle inspector|सर्किल ऑफिसर|सर्कल ऑफिसर|सर्कल अधिकारी|मामलतदार|तलाटी|नायब तहसीलदार|સર્કલ ઓફિસર|સર્કલ ઇન્સ્પેક્ટર|નાયબ કલેક્ટર|પ્રાંત ઓફિસર|sub-registrar|सब रजिस्ट्रार|સબ રજિસ્ટ્રાર
        dilr|surveyor|surveyors|sarpanch|deputy mamlatdar|dy mamlatdar|patwari|dilr office|sahab|ડીઆઈએલઆર|સરપંચ|ડેપ્યુટી મામલતદાર|डीआईएलआर|सरपंच|उस|उसकी|उसके|એના|એની|એનો|e|aa|prant adhikari|relief commissioner|registrar|sub registrar|lady|man|woman
    """,
    "second_person": """
        you|your|yours|yourself|u|ur|tame|tamne|tamaro|tamari|tamaru|tu|tane|taro|tari|taru|tara
        tum|tumhe|tumhara|tumhari|tumko|tujhe|tujhko|tera|teri|tere
        તમે|તમને|તમારો|તમારી|તમારું|તમારા|તું|તને|તારો|તારી|તારું|તારા
        तुम|तुम्हें|तुम्हारा|तुम्हारी|तुमको|तू|तुझे|तुझको|तेरा|तेरी|तेरे
    """,
    "first_person": """
        i will|i'll|i shall|we will|we'll|i am going to|we are going to|i'm going to|i would|i can
        hu|hun|ame|main|mai|hum
        હું|અમે|मैं|हम
    """,
}
