"""Untouched siblings of training families that need their own wording: talk about confidentiality,
clean minutes and clean multi-line updates in other scenarios."""
from __future__ import annotations

from ..common import fam

NONE = ()


def families():
    out = []

    f = fam("conf_talk_about_u", NONE, "confidential-", "sibling of conf_talk_about_rule: quizzes, jokes and questions about the circular and about leaks", per=5)
    f.en("Quiz for the new batch: under the 2019 circular, may we discuss a draft GR on WhatsApp? Answer: no. Who got it right?")
    f.en("Funny how everything stamped 'secret' in our office is usually the canteen menu 😂")
    f.en("Did anyone see the news about the leaked tender papers in the neighbouring state? Shocking.")
    f.en("Question: if a GR is already in the gazette, is it still treated as confidential? I think not.")
    f.gu("નવા સાથીઓ માટે પ્રશ્નોત્તરી: ૨૦૧૯ના પરિપત્ર મુજબ મુસદ્દો ઠરાવ વોટ્સએપ પર ચર્ચી શકાય? જવાબ: ના.")
    f.gu("આપણી કચેરીમાં ‘ગુપ્ત’ લખેલું હોય તે મોટાભાગે કેન્ટીનનું મેનુ જ હોય છે 😂")
    f.gu("પડોશી રાજ્યમાં ટેન્ડરના કાગળો લીક થયાના સમાચાર જોયા? આઘાતજનક.")
    f.hi("नए बैच के लिए प्रश्नोत्तरी: 2019 के परिपत्र के अनुसार क्या प्रारूप संकल्प व्हाट्सऐप पर चर्चा कर सकते हैं? उत्तर: नहीं।")
    f.hi("पड़ोसी राज्य में टेंडर के काग़ज़ लीक होने की ख़बर देखी? हैरान करने वाली।")
    f.tr("Aapni office ma 'gupt' lakhelu hoy e mota bhage canteen nu menu j hoy 😂")
    f.tr("Agar GR gazette me aa gaya to kya wo ab bhi confidential hai? mujhe lagta hai nahi.")
    f.mx("Quiz: circular મુજબ draft GR WhatsApp પર discuss થાય? Answer: ના 😄")
    out.append(f)

    f = fam("long_clean_minutes_u", NONE, "all-", "sibling of long_clean_minutes: minutes of elections, Seva Setu and revenue meetings, already acted on", per=4, styles=())
    f.en("Minutes of the Seva Setu review ({date})\nPresent: Prant Officer {taluka}, all Mamlatdars.\n1. Phase 3 camps held in {n} villages; {n2} applications received.\n2. {pct}% disposed on the spot, the rest within the week.\n3. Citizens' feedback was positive.\nThe meeting ended at {time}.", style="minutes")
    f.en("Proceedings of the election preparedness meeting held on {date}: the EVM warehouse was inspected, the strong room CCTV was found working, and the training of {n} polling staff was completed last week. No pending issue was recorded.", style="minutes")
    f.gu("સેવા સેતુ સમીક્ષા બેઠકની કાર્યવાહી નોંધ ({date})\nહાજર: પ્રાંત અધિકારી {taluka}, તમામ મામલતદારશ્રીઓ.\n૧. તબક્કો ૩: {n} ગામોમાં કેમ્પ, {n2} અરજીઓ.\n૨. {pct}% અરજીઓનો સ્થળ પર નિકાલ.\n૩. નાગરિકોનો પ્રતિભાવ સારો રહ્યો.", style="minutes")
    f.hi("सेवा सेतु समीक्षा बैठक का कार्यवृत्त ({date})\nउपस्थित: प्रांत अधिकारी {taluka}, सभी मामलतदार।\n1. चरण 3: {n} गाँवों में शिविर, {n2} आवेदन।\n2. {pct}% आवेदनों का मौके पर निपटारा।\n3. नागरिकों की प्रतिक्रिया अच्छी रही।", style="minutes")
    f.tr("Election taiyari ni meeting ni nondh: EVM godown joyu, strong room na CCTV chalu che, {n} polling staff ni training gaya athvadiye puri thai. Koi mudda baki nathi.", style="minutes")
    out.append(f)

    f = fam("long_clean_multiline_u", NONE, "all-", "sibling of long_clean_multiline_update: multi-line summaries of the day's work, no directive", per=4, styles=("emoji",))
    f.en("Today's summary, {taluka}:\n1. RTS appeals heard: {n}\n2. Orders passed: {n2}\n3. Mutation entries certified: {n3}\n4. Swagat applications disposed: 6\nThanks to the whole team.", style="multiline")
    f.en("Jantri survey, {district}:\n- Villages covered: {n}\n- Sale instances collected: {n2}\n- Field photos uploaded: yes\n- Next phase after Diwali", style="multiline")
    f.gu("આજનો સારાંશ, {taluka}:\n૧. આરટીએસ અપીલ સુનાવણી: {n}\n૨. હુકમ: {n2}\n૩. પ્રમાણિત નોંધ: {n3}\nસમગ્ર ટીમનો આભાર.", style="multiline")
    f.hi("आज का सारांश, {taluka}:\n1. आरटीएस अपील सुनवाई: {n}\n2. आदेश पारित: {n2}\n3. प्रमाणित प्रविष्टियाँ: {n3}\nपूरी टीम का धन्यवाद।", style="multiline")
    f.tr("Aaj nu kaam {taluka}:\nRTS appeal sunavani {n}\nhukam {n2}\nnondh pramanit {n3}\nbadha no aabhar 🙏", style="multiline")
    f.mx("Jantri survey update:\nVillages covered {n}\nSale instances {n2}\nPhotos upload થઈ ગયા", style="multiline")
    out.append(f)
    return out
