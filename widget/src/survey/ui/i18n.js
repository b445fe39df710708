// Built-in texts for 12 locales (two right-to-left). Every key can be
// overridden with config.strings. Order of each row follows KEYS.
export const KEYS = ['question', 'low', 'high', 'scoreLabel', 'reasonPromoter', 'reasonPassive', 'reasonDetractor',
  'submit', 'skip', 'close', 'thanks', 'consent', 'email', 'launcher', 'review', 'coupon', 'error'];

const T = {
  en: ['How likely are you to recommend {product} to a friend or colleague?', 'Not at all likely', 'Extremely likely',
    '{score} out of 10', 'What do you like most about {product}?', 'What would make it a 10?',
    'What disappointed you, and what could we do better?', 'Send', 'Skip', 'Close', 'Thank you for your feedback!',
    'You may contact me about my feedback', 'Email address', 'Give feedback', 'Leave a review',
    'Here is a thank-you code:', 'Please enter a valid email address.'],
  de: ['Wie wahrscheinlich ist es, dass Sie {product} einem Freund oder Kollegen empfehlen?', 'Sehr unwahrscheinlich',
    'Sehr wahrscheinlich', '{score} von 10', 'Was gefällt Ihnen an {product} am besten?', 'Was würde es zu einer 10 machen?',
    'Was hat Sie enttäuscht, und was können wir besser machen?', 'Senden', 'Überspringen', 'Schließen',
    'Vielen Dank für Ihr Feedback!', 'Sie dürfen mich zu meinem Feedback kontaktieren', 'E-Mail-Adresse', 'Feedback geben',
    'Bewertung schreiben', 'Ihr Dankeschön-Code:', 'Bitte geben Sie eine gültige E-Mail-Adresse ein.'],
  fr: ['Quelle est la probabilité que vous recommandiez {product} à un ami ou un collègue ?', 'Pas du tout probable',
    'Extrêmement probable', '{score} sur 10', 'Qu’appréciez-vous le plus dans {product} ?',
    'Que faudrait-il pour que ce soit un 10 ?', 'Qu’est-ce qui vous a déçu, et que pourrions-nous améliorer ?', 'Envoyer',
    'Passer', 'Fermer', 'Merci pour votre avis !', 'Vous pouvez me contacter au sujet de mon avis', 'Adresse e-mail',
    'Donner mon avis', 'Laisser un avis', 'Votre code de remerciement :', 'Veuillez saisir une adresse e-mail valide.'],
  es: ['¿Qué probabilidad hay de que recomiende {product} a un amigo o colega?', 'Nada probable', 'Muy probable',
    '{score} de 10', '¿Qué es lo que más le gusta de {product}?', '¿Qué haría falta para que fuera un 10?',
    '¿Qué le ha decepcionado y qué podríamos mejorar?', 'Enviar', 'Omitir', 'Cerrar', '¡Gracias por su opinión!',
    'Pueden contactarme sobre mi opinión', 'Correo electrónico', 'Enviar opinión', 'Escribir una reseña',
    'Su código de agradecimiento:', 'Introduzca una dirección de correo válida.'],
  pt: ['Qual é a probabilidade de você recomendar {product} a um amigo ou colega?', 'Nada provável',
    'Extremamente provável', '{score} de 10', 'O que você mais gosta em {product}?', 'O que faria disso um 10?',
    'O que o decepcionou e o que podemos melhorar?', 'Enviar', 'Pular', 'Fechar', 'Obrigado pelo seu feedback!',
    'Vocês podem me contatar sobre meu feedback', 'E-mail', 'Dar feedback', 'Deixar uma avaliação',
    'Seu código de agradecimento:', 'Insira um endereço de e-mail válido.'],
  it: ['Quanto è probabile che consigli {product} a un amico o a un collega?', 'Per niente probabile',
    'Estremamente probabile', '{score} su 10', 'Che cosa apprezzi di più di {product}?', 'Che cosa lo renderebbe un 10?',
    'Che cosa ti ha deluso e che cosa possiamo migliorare?', 'Invia', 'Salta', 'Chiudi', 'Grazie per il tuo feedback!',
    'Potete contattarmi riguardo al mio feedback', 'Indirizzo email', 'Lascia un feedback', 'Scrivi una recensione',
    'Il tuo codice di ringraziamento:', 'Inserisci un indirizzo email valido.'],
  nl: ['Hoe waarschijnlijk is het dat u {product} aanbeveelt aan een vriend of collega?', 'Zeer onwaarschijnlijk',
    'Zeer waarschijnlijk', '{score} van 10', 'Wat vindt u het beste aan {product}?', 'Wat zou er een 10 van maken?',
    'Wat viel u tegen, en wat kunnen we beter doen?', 'Versturen', 'Overslaan', 'Sluiten', 'Bedankt voor uw feedback!',
    'U mag contact met mij opnemen over mijn feedback', 'E-mailadres', 'Feedback geven', 'Schrijf een review',
    'Uw bedankcode:', 'Vul een geldig e-mailadres in.'],
  ja: ['{product}を友人や同僚に薦める可能性はどのくらいありますか？', 'まったく可能性がない', '非常に可能性が高い',
    '10点中{score}点', '{product}の一番良いところは何ですか？', '10点にするには何が必要ですか？',
    'ご不満だった点と、改善できる点を教えてください。', '送信', 'スキップ', '閉じる', 'ご意見ありがとうございました！',
    'フィードバックについて連絡を受けてもかまいません', 'メールアドレス', 'フィードバック', 'レビューを書く', 'お礼のコード：',
    '有効なメールアドレスを入力してください。'],
  zh: ['您向朋友或同事推荐{product}的可能性有多大？', '完全不可能', '极有可能', '{score}分（满分10分）',
    '您最喜欢{product}的哪一点？', '怎样才能让您打10分？', '哪些地方让您失望？我们可以如何改进？', '提交', '跳过', '关闭',
    '感谢您的反馈！', '可以就我的反馈联系我', '电子邮箱', '提供反馈', '撰写评价', '您的感谢码：', '请输入有效的电子邮箱地址。'],
  ar: ['ما مدى احتمال أن توصي بـ{product} لصديق أو زميل؟', 'غير محتمل إطلاقًا', 'محتمل للغاية', '{score} من 10',
    'ما أكثر ما يعجبك في {product}؟', 'ما الذي يجعل تقييمك 10؟', 'ما الذي خيّب ظنك، وما الذي يمكننا تحسينه؟', 'إرسال',
    'تخطي', 'إغلاق', 'شكرًا لك على ملاحظاتك!', 'يمكنكم التواصل معي بشأن ملاحظاتي', 'البريد الإلكتروني', 'أرسل ملاحظاتك',
    'اكتب مراجعة', 'رمز الشكر الخاص بك:', 'يرجى إدخال بريد إلكتروني صالح.'],
  he: ['מה הסבירות שתמליצו על {product} לחבר או לעמית?', 'בכלל לא סביר', 'סביר מאוד', '{score} מתוך 10',
    'מה הכי אהבתם ב-{product}?', 'מה היה הופך את זה ל-10?', 'מה אכזב אתכם, ומה נוכל לשפר?', 'שליחה', 'דילוג', 'סגירה',
    'תודה על המשוב!', 'אפשר ליצור איתי קשר בנוגע למשוב', 'כתובת אימייל', 'שליחת משוב', 'כתיבת ביקורת', 'קוד התודה שלך:',
    'יש להזין כתובת אימייל תקינה.'],
  hi: ['आप {product} को किसी मित्र या सहकर्मी को सुझाने की कितनी संभावना रखते हैं?', 'बिल्कुल संभावना नहीं',
    'बहुत अधिक संभावना', '10 में से {score}', 'आपको {product} में सबसे अच्छा क्या लगता है?', 'इसे 10 बनाने के लिए क्या चाहिए?',
    'आपको किस बात से निराशा हुई, और हम क्या बेहतर कर सकते हैं?', 'भेजें', 'छोड़ें', 'बंद करें',
    'आपकी प्रतिक्रिया के लिए धन्यवाद!', 'मेरी प्रतिक्रिया के बारे में मुझसे संपर्क किया जा सकता है', 'ईमेल पता',
    'प्रतिक्रिया दें', 'समीक्षा लिखें', 'आपका धन्यवाद कोड:', 'कृपया एक मान्य ईमेल पता दर्ज करें।'],
};

const RTL = { ar: 1, he: 1, fa: 1, ur: 1 };

export const locales = () => Object.keys(T);

// config.locale ("auto" = the page's lang, then the browser's languages);
// exact tag first, then its language; English if nothing matches.
export function resolveLocale(wanted) {
  const tries = [];
  if (wanted && wanted !== 'auto') tries[tries.length] = wanted;
  if (document.documentElement.lang) tries[tries.length] = document.documentElement.lang;
  const nav = navigator.languages || [navigator.language];
  for (let i = 0; i < nav.length; i++) tries[tries.length] = nav[i];
  for (let i = 0; i < tries.length; i++) {
    const tag = String(tries[i] || '').toLowerCase().replace('_', '-');
    if (T[tag]) return tag;
    const lang = tag.split('-')[0];
    if (T[lang]) return lang;
  }
  return 'en';
}

export function texts(locale, overrides, product) {
  const row = T[locale] || T.en;
  const out = {};
  for (let i = 0; i < KEYS.length; i++) {
    const own = overrides && typeof overrides[KEYS[i]] === 'string' ? overrides[KEYS[i]] : row[i];
    out[KEYS[i]] = own.split('{product}').join(product);
  }
  out.dir = RTL[locale.split('-')[0]] ? 'rtl' : 'ltr';
  return out;
}
