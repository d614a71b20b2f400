"""Ninth wave: Hindi directive forms (-ें, कृपया, सुनिश्चित करें, अपेक्षित है) against the same verbs used descriptively."""
from __future__ import annotations

from ..common import fam

NONE = ()
I = ("instruction",)


def families():
    out = []

    f = fam("instr_hi_directive_forms", I, "instruction+", "Hindi and Hinglish directive forms: imperative -ें, कृपया, सुनिश्चित करें, अपेक्षित है, -ना है addressed to members", per=5, styles=("emoji", "native_digits"))
    f.hi("सभी तलाटी सुनिश्चित करें कि {village} के हर प्रभावित परिवार का पंचनामा आज ही हो।")
    f.hi("{topic} की जानकारी {date} तक ज़िला कार्यालय को भेजना अपेक्षित है।")
    f.hi("मामलतदार {taluka} कृपया {village} के आश्रय स्थल का निरीक्षण कर फ़ोटो सहित रिपोर्ट दें।")
    f.hi("कल सुबह {time} बजे सभी सर्कल अधिकारियों को प्रांत कार्यालय में उपस्थित रहना है।")
    f.hi("{day} तक सभी लंबित आरटीएस अपीलों की सुनवाई पूरी कर ली जाए।")
    f.hi("अगले आदेश तक कोई भी कर्मचारी मुख्यालय न छोड़े।")
    f.tr("Sabhi talati ensure karein ki {village} ke har parivar ka panchnama aaj hi ho.")
    f.tr("Kal subah {time} baje sab CO ko prant office me hajir rehna hai.")
    f.tr("Agle order tak koi bhi staff HQ na chhode.")
    f.mx("सभी Mamlatdar {date} तक {topic} का data portal पर upload करें।")
    out.append(f)

    f = fam("instr_hi_descriptive_forms", NONE, "instruction-", "the same Hindi verbs in reports, habits, obligations of citizens and questions", per=5, styles=("emoji", "native_digits"))
    f.hi("{village} में हर साल बारिश में लोगों को स्कूल में शिफ़्ट करना पड़ता है, इस बार भी करना पड़ा।")
    f.hi("आवेदक को {topic} के लिए ऑनलाइन फ़ॉर्म भरना होता है, फिर दस्तावेज़ जमा करने होते हैं।")
    f.hi("कल सर्वर बंद था इसलिए प्रविष्टियाँ अपलोड करनी रह गईं, आज कर दीं।")
    f.hi("क्या किसी को पता है कि पुरानी शर्त वाली ज़मीन का प्रीमियम कैसे गिनना होता है?")
    f.hi("{first} भाई को रिटायरमेंट के बाद गाँव में रहना है, कल बता रहे थे।")
    f.tr("Har saal baarish me logon ko school me shift karna padta hai, is baar bhi karna pada.")
    f.tr("Kisi ko pata hai premium kaise ginna hota hai old tenure me?")
    f.tr("Kal server band tha isliye entry upload karni reh gayi, aaj kar di.")
    f.mx("Applicant को {topic} के लिए online form भरना होता है, फिर documents जमा करने होते हैं।")
    out.append(f)
    return out
