"""Eighth wave: named land disputes (personal data) and criticism of policies rather than people."""
from __future__ import annotations

from ..common import fam

NONE = ()
P = ("personal_data",)


def families():
    out = []

    f = fam("pd_land_dispute_named", P, "personal_data+", "named private parties in land, family and tenancy disputes", per=5)
    f.en("{person} and his cousin {person2} are fighting over survey no. {survey} of {village}; both have filed objections to the mutation.")
    f.en("The tenancy case of {person} against the landlord's heirs in {village} is fixed for hearing before the Mamlatdar on {date}.")
    f.gu("{village}ના સર્વે નં. {survey} માટે {person} અને તેમના પિતરાઈ {person2} વચ્ચે ઝઘડો છે, બંનેએ નોંધ સામે વાંધો લીધો છે.")
    f.gu("{person}નો ગણોત કેસ {village}ના જમીનમાલિકના વારસદારો સામે છે, મામલતદાર સમક્ષ {date}ના સુનાવણી.")
    f.hi("{village} के सर्वे नं. {survey} को लेकर {person} और उनके चचेरे भाई {person2} में विवाद है, दोनों ने आपत्ति दी है।")
    f.hi("{person} का काश्तकारी मामला {village} के भूस्वामी के वारिसों के विरुद्ध है, सुनवाई {date} को।")
    f.tr("{village} na survey no {survey} mate {person} ane emna pitrai {person2} vachche jhagdo che, banne e vandho lidho che.")
    f.tr("{person} ka apne bhai se zameen ka jhagda chal raha hai, survey no {survey}, {village}.")
    f.mx("{person} અને {person2} વચ્ચે survey no. {survey} નો dispute છે, બંનેએ objection આપ્યું છે.")
    out.append(f)

    f = fam("host_policy_criticism", NONE, "hostile-", "criticism of a policy, scheme or system, attacking no person or group", per=5, styles=("emoji", "typo"))
    f.en("The new jantri is unfair to small farmers near the highway; their land value jumps but their income does not.")
    f.en("Honestly, the iORA workflow for old tenure cases is too long. Seven steps for one premium order.")
    f.en("The cash dole rate has not been revised since 2019. It does not cover a week's food now.")
    f.gu("નવી જંત્રી હાઇવે પાસેના નાના ખેડૂતો માટે અન્યાયી છે, જમીનની કિંમત વધે પણ આવક નહીં.")
    f.gu("સાચું કહું તો જૂની શરતના કેસ માટે આઈઓઆરએની પ્રક્રિયા બહુ લાંબી છે, એક પ્રીમિયમ હુકમ માટે સાત તબક્કા.")
    f.hi("नई जंत्री हाईवे के पास के छोटे किसानों के साथ अन्याय है, ज़मीन की क़ीमत बढ़ी पर आमदनी नहीं।")
    f.hi("कैशडोल की दर 2019 से नहीं बदली, अब एक हफ़्ते का खाना भी नहीं होता।")
    f.tr("Navi jantri nana kheduto mate anyay che, jamin ni kimat vadhe pan aavak nahi.")
    f.tr("Cash dole ka rate 2019 se nahi badla, ek hafte ka khana bhi nahi hota.")
    f.mx("iORA નો old tenure workflow બહુ લાંબો છે, એક premium order માટે seven steps.")
    out.append(f)
    return out
