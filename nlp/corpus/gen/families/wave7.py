"""Seventh wave: long explanations of procedure and news digests (clean), short directives."""
from __future__ import annotations

from ..common import fam

NONE = ()
I = ("instruction",)


def families():
    out = []

    f = fam("long_clean_procedure_explainer", NONE, "all-", "long answers explaining a procedure; 'the applicant must/should' describes citizens' steps, directs no member", per=4, styles=("typo",))
    f.en("To answer {first}bhai's question: for an heirship mutation the applicant has to give the death certificate, a family tree signed by the Talati and an affidavit. The entry is posted on e-Dhara, the 135-D notice goes to all heirs, and if no objection comes in 30 days the Circle Officer certifies it. Fees are nil for heirship. That is the whole process.")
    f.en("How the NA premium works, since many asked: the premium is a percentage of the jantri value of the land, depending on the purpose and the tenure. Old tenure land pays more. The applicant pays online through e-GRAS after the iORA order, and the conversion takes effect from the date of payment, not the order.")
    f.gu("{first}ભાઈના પ્રશ્નનો જવાબ: વારસાઈ નોંધ માટે અરજદારે મરણનો દાખલો, તલાટીની સહીવાળું પેઢીનામું અને સોગંદનામું આપવાનું હોય છે. નોંધ ઈ-ધરા પર પડે, બધા વારસદારોને ૧૩૫-ડી નોટિસ જાય અને ૩૦ દિવસમાં વાંધો ન આવે તો સર્કલ ઓફિસર પ્રમાણિત કરે. વારસાઈ માટે કોઈ ફી નથી.")
    f.gu("ઘણાએ પૂછ્યું એટલે: બિનખેતી પ્રીમિયમ જમીનની જંત્રી કિંમતના ટકા તરીકે લેવાય છે, હેતુ અને શરત પ્રમાણે. જૂની શરતની જમીનમાં વધુ. આઈઓઆરએ હુકમ પછી અરજદાર ઈ-ગ્રાસથી ઓનલાઇન ભરે, અને રૂપાંતર ભર્યાની તારીખથી અમલમાં આવે.")
    f.hi("{first} भाई के प्रश्न का उत्तर: वारिसाई म्यूटेशन के लिए आवेदक को मृत्यु प्रमाणपत्र, तलाटी द्वारा हस्ताक्षरित वंशावली और शपथपत्र देना होता है। प्रविष्टि ई-धरा पर दर्ज होती है, सभी वारिसों को 135-डी नोटिस जाता है और 30 दिन में आपत्ति न आए तो सर्कल अधिकारी प्रमाणित करते हैं।")
    f.tr("{first}bhai na prashna no javab: varsai nondh mate arjdar e maran no dakhlo, talati ni sahi valu pedhinamu ane sogandnamu aapvanu hoy. Nondh e-dhara par pade, badha varasdar ne 135-D notice jay ane 30 divas ma vandho na aave to CO pramanit kare. Varsai mate koi fee nathi.")
    f.mx("NA premium કેવી રીતે ગણાય: jantri value ના % તરીકે, purpose અને tenure પ્રમાણે. Old tenure માં વધુ. iORA order પછી applicant e-GRAS થી online ભરે અને conversion payment date થી લાગુ પડે.")
    out.append(f)

    f = fam("long_clean_news_digest", NONE, "all-", "long news digests and weather summaries forwarded for information", per=4, styles=())
    f.en("Today's news digest:\n1. Heavy rain in {district}; {n} mm at {taluka}.\n2. The state announces relief for hailstorm-hit farmers in three districts.\n3. Garvi 2.0 crosses one lakh online registrations.\n4. Collector {district2} launches a drive against gauchar encroachment.", None, "forward")
    f.gu("આજના સમાચાર:\n૧. {district}માં ભારે વરસાદ, {taluka}માં {n} મીમી.\n૨. ત્રણ જિલ્લાના કરાગ્રસ્ત ખેડૂતો માટે રાજ્યે સહાય જાહેર કરી.\n૩. ગરવી ૨.૦ પર એક લાખથી વધુ ઓનલાઇન નોંધણી.\n૪. {district2} કલેક્ટર દ્વારા ગૌચર દબાણ સામે ઝુંબેશ.", None, "forward")
    f.hi("आज की ख़बरें:\n1. {district} में भारी बारिश, {taluka} में {n} मिमी।\n2. ओलावृष्टि प्रभावित किसानों के लिए राज्य ने सहायता घोषित की।\n3. गरवी 2.0 पर एक लाख से अधिक ऑनलाइन पंजीयन।\n4. {district2} कलेक्टर ने गौचर अतिक्रमण के विरुद्ध अभियान शुरू किया।", None, "forward")
    f.tr("Aaj na samachar: {district} ma bhare varsad, {taluka} ma {n} mm. Karagrast kheduto mate sahay jaher. Garvi 2.0 par ek lakh thi vadhu online nondhani. {district2} collector ni gauchar dabaan same jhumbesh.", None, "forward")
    out.append(f)

    f = fam("instr_short_directives", I, "instruction+", "short directives typical of a superior's quick messages", per=4, styles=("emoji", "typo", "native_digits"))
    f.en("{taluka}: send it now.")
    f.en("All Talatis to be at their sejas by {time} tomorrow.")
    f.en("Upload the {village} panchnama today.")
    f.en("VC at {time}. All to join.")
    f.gu("{taluka}: તરત મોકલો.")
    f.gu("કાલે {time} સુધીમાં તમામ તલાટીઓ સેજા પર હાજર.")
    f.gu("{village}નું પંચનામું આજે જ અપલોડ કરો.")
    f.hi("{taluka}: तुरंत भेजें।")
    f.hi("{time} बजे वीसी, सभी जुड़ें।")
    f.tr("{taluka}: turant moklo.")
    f.tr("{time} vagye VC, badha join karo.")
    f.mx("{village} નું panchnama આજે જ upload કરો.")
    out.append(f)
    return out
