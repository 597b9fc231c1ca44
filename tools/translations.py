"""The phone page's translations, kept as data and written to gettext catalogs by `make i18n`.

Source strings (msgids) are bokmål. The Sami catalog is the work of a non-native writer and is
marked in its header as needing review by a native speaker of davvisámegiella.
"""

from __future__ import annotations

T: dict[str, tuple[str, str, str]] = {  # msgid: (nynorsk, davvisámegiella, English)
    "Anonymt: navnet ditt lagres ikke.": (
        "Anonymt: namnet ditt blir ikkje lagra.",
        "Anonyma: du namma ii vurkejuvvo.",
        "Anonymous: your name is not stored.",
    ),
    "Bli med": ("Bli med", "Searvva", "Join"),
    "Denne delen er ikke åpen for innspill nå. Vent på neste spørsmål.": (
        "Denne delen er ikkje open for innspel no. Vent på neste spørsmål.",
        "Dát oassi ii leat rabas árvalusaide dál. Vuorddes boahtte gažaldaga.",
        "This part is not open for contributions now. Wait for the next question.",
    ),
    "Denne id-en er allerede brukt av et annet innspill.": (
        "Denne id-en er alt brukt av eit anna innspel.",
        "Dát id lea juo geavahuvvon eará árvalussii.",
        "This id is already used by another contribution.",
    ),
    "Denne metoden er ikke tillatt her.": (
        "Denne metoden er ikkje tillaten her.",
        "Dát vuohki ii leat lohpi dáppe.",
        "This method is not allowed here.",
    ),
    "Ditt innspill": ("Innspelet ditt", "Du árvalus", "Your contribution"),
    "Du deltar som": ("Du deltek som", "Don searvvat nugo", "You take part as"),
    "Du har bare {dots} prikker å fordele.": (
        "Du har berre {dots} prikkar å fordele.",
        "Dus leat dušše {dots} čuoggá juohkit.",
        "You only have {dots} dots to spread.",
    ),
    "Du har {dots} prikker. Du kan sette flere på samme valg.": (
        "Du har {dots} prikkar. Du kan setje fleire på same val.",
        "Dus leat {dots} čuoggá. Sáhtát bidjat máŋga seamma válljejupmái.",
        "You have {dots} dots. You may put several on the same option.",
    ),
    "Du kan sette høyst {max} prikker på ett valg.": (
        "Du kan setje høgst {max} prikkar på eitt val.",
        "Sáhtát bidjat eanemusat {max} čuoggá ovtta válljejupmái.",
        "You can put at most {max} dots on one option.",
    ),
    "Du må bli med i workshopen før du kan sende.": (
        "Du må bli med i workshopen før du kan sende.",
        "Don fertet searvat workshopii ovdal go sáhtát sáddet.",
        "You need to join the workshop before you can send.",
    ),
    "Du sender for raskt. Vent litt og prøv igjen.": (
        "Du sender for raskt. Vent litt og prøv igjen.",
        "Don sáddet menddo johtilit. Vuorddes veaháš ja geahččal ođđasit.",
        "You are sending too fast. Wait a little and try again.",
    ),
    "En verdi i forespørselen er ugyldig.": (
        "Ein verdi i førespurnaden er ugyldig.",
        "Okta árvu jearahusas ii leat gustovaš.",
        "A value in the request is invalid.",
    ),
    "Et av valgene finnes ikke i denne avstemningen.": (
        "Eitt av vala finst ikkje i denne avrøystinga.",
        "Okta válljejupmi ii gávdno dán jienasteamis.",
        "One of the options does not exist in this vote.",
    ),
    "Følg med på lerretet.": (
        "Følg med på lerretet.",
        "Čuovo mielde lerrehis.",
        "Follow along on the screen.",
    ),
    "Fant ikke innspillet.": (
        "Fann ikkje innspelet.",
        "Árvalus ii gávdnon.",
        "The contribution was not found.",
    ),
    "Fant ikke siden.": ("Fann ikkje sida.", "Siidu ii gávdnon.", "Page not found."),
    "Fant ingen workshop med denne koden.": (
        "Fann ingen workshop med denne koden.",
        "Ii gávdnon workshop dáinna kodain.",
        "No workshop has this code.",
    ),
    "Forespørselen er for stor.": (
        "Førespurnaden er for stor.",
        "Jearahus lea menddo stuoris.",
        "The request is too large.",
    ),
    "Forespørselen har et felt som ikke er kjent.": (
        "Førespurnaden har eit felt som ikkje er kjent.",
        "Jearahusas lea gieddi mii ii leat dovddus.",
        "The request has an unknown field.",
    ),
    "Forespørselen kunne ikke leses.": (
        "Førespurnaden kunne ikkje lesast.",
        "Jearahus ii sáhttán lohkkojuvvot.",
        "The request could not be read.",
    ),
    "Hva forventer du av": ("Kva forventar du av", "Maid vuordát", "What do you expect from"),
    "Hvilken part tilhører du?": (
        "Kva part høyrer du til?",
        "Guđe bellodahkii gullat?",
        "Which party do you belong to?",
    ),
    "Høyst {max} tegn.": (
        "Høgst {max} teikn.",
        "Eanemusat {max} mearkka.",
        "At most {max} characters.",
    ),
    "Igjen: {left}": ("Att: {left}", "Báhcán: {left}", "Left: {left}"),
    "Ikke sendt ennå – sendes når nettet er tilbake.": (
        "Ikkje sendt enno – blir sendt når nettet er tilbake.",
        "Ii vel sáddejuvvon – sáddejuvvo go neahtta lea fas doppe.",
        "Not sent yet – it will be sent when the network is back.",
    ),
    "Innholdet er ikke gyldig JSON.": (
        "Innhaldet er ikkje gyldig JSON.",
        "Sisdoallu ii leat gustovaš JSON.",
        "The content is not valid JSON.",
    ),
    "Innholdet må sendes som JSON.": (
        "Innhaldet må sendast som JSON.",
        "Sisdoallu ferte sáddejuvvot JSON-hámis.",
        "The content must be sent as JSON.",
    ),
    "Lagre prikkene": ("Lagre prikkane", "Vurket čuoggáid", "Save my dots"),
    "Lagringen er ikke tilgjengelig akkurat nå. Prøv igjen om litt.": (
        "Lagringa er ikkje tilgjengeleg akkurat no. Prøv igjen om litt.",
        "Vurken ii leat olámuttos dál. Geahččal ođđasit veaháš maŋŋil.",
        "Storage is unavailable right now. Try again in a moment.",
    ),
    "Prikkene er lagret. Du kan endre dem til avstemningen lukkes.": (
        "Prikkane er lagra. Du kan endre dei til avrøystinga blir stengd.",
        "Čuoggát leat vurkejuvvon. Sáhtát rievdadit daid dassážii go jienasteapmi giddejuvvo.",
        "Your dots are saved. You can change them until the vote closes.",
    ),
    "Prosesslederen har gått videre.": (
        "Prosessleiaren har gått vidare.",
        "Proseassajođiheaddji lea joatkán.",
        "The facilitator has moved on.",
    ),
    "Prosesslederen legger inn valgene. Vent litt.": (
        "Prosessleiaren legg inn vala. Vent litt.",
        "Proseassajođiheaddji bidjá válljejumiid. Vuorddes veaháš.",
        "The facilitator is adding the options. Please wait.",
    ),
    "Send": ("Send", "Sádde", "Send"),
    "Sender …": ("Sender …", "Sáddemin …", "Sending …"),
    "Sendt": ("Sendt", "Sáddejuvvon", "Sent"),
    "Sendt! Du kan sende flere.": (
        "Sendt! Du kan sende fleire.",
        "Sáddejuvvon! Sáhtát sáddet eanet.",
        "Sent! You can send more.",
    ),
    "Siden oppdaterer seg selv når prosesslederen åpner neste del.": (
        "Sida oppdaterer seg sjølv når prosessleiaren opnar neste del.",
        "Siidu ođasmahttá iežas go proseassajođiheaddji rahpá boahtte oasi.",
        "The page updates itself when the facilitator opens the next part.",
    ),
    "Sjekk koden på lerretet og prøv igjen.": (
        "Sjekk koden på lerretet og prøv igjen.",
        "Dárkkis koda lerreha alde ja geahččal ođđasit.",
        "Check the code on the screen and try again.",
    ),
    "Skjemaet ble sendt fra en annen side.": (
        "Skjemaet vart sendt frå ei anna side.",
        "Skovvi sáddejuvvui eará siiddus.",
        "The form was sent from another page.",
    ),
    "Skriv noe før du sender.": (
        "Skriv noko før du sender.",
        "Čálit juoidá ovdal go sáddet.",
        "Write something before you send.",
    ),
    "Språk": ("Språk", "Giella", "Language"),
    "Svaret ditt er lagret. Du kan endre det til spørsmålet lukkes.": (
        "Svaret ditt er lagra. Du kan endre det til spørsmålet blir stengt.",
        "Du vástádus lea vurkejuvvon. Sáhtát rievdadit dan dassážii go gažaldat giddejuvvo.",
        "Your answer is saved. You can change it until the question closes.",
    ),
    "Teksten er for lang (høyst {max} tegn).": (
        "Teksten er for lang (høgst {max} teikn).",
        "Teaksta lea menddo guhkki (eanemusat {max} mearkka).",
        "The text is too long (at most {max} characters).",
    ),
    "Teksten er ikke gyldig UTF-8.": (
        "Teksten er ikkje gyldig UTF-8.",
        "Teaksta ii leat gustovaš UTF-8.",
        "The text is not valid UTF-8.",
    ),
    "Teksten inneholder tegn som ikke er tillatt.": (
        "Teksten inneheld teikn som ikkje er tillatne.",
        "Teavsttas leat mearkkat mat eai leat lobálaččat.",
        "The text contains characters that are not allowed.",
    ),
    "Velg en av partene.": (
        "Vel ein av partane.",
        "Vállje ovtta bellodagain.",
        "Choose one of the parties.",
    ),
    "Velg et tall fra 1 til 5.": (
        "Vel eit tal frå 1 til 5.",
        "Vállje logu 1 rájes 5 rádjái.",
        "Choose a number from 1 to 5.",
    ),
    "Velg fra 1 (dårlig) til 5 (svært godt)": (
        "Vel frå 1 (dårleg) til 5 (svært godt)",
        "Vállje 1 (heajos) rájes 5 (hui buorre) rádjái",
        "Choose from 1 (poor) to 5 (very good)",
    ),
    "Vent på neste spørsmål": (
        "Vent på neste spørsmål",
        "Vuorddes boahtte gažaldaga",
        "Wait for the next question",
    ),
    "Vis det nye spørsmålet": (
        "Vis det nye spørsmålet",
        "Čájet ođđa gažaldaga",
        "Show the new question",
    ),
    "Workshopen er avsluttet.": (
        "Workshopen er avslutta.",
        "Workshop lea loahpahuvvon.",
        "The workshop has ended.",
    ),
    "Teksten har for mange linjer (høyst {max}).": (
        "Teksten har for mange linjer (høgst {max}).",
        "Teavsttas leat beare máŋga linjá (eanemusat {max}).",
        "The text has too many lines (at most {max}).",
    ),
    "Forespørselen tok for lang tid. Prøv igjen.": (
        "Førespurnaden tok for lang tid. Prøv igjen.",
        "Jearahus manai menddo guhká. Geahččal ođđasit.",
        "The request took too long. Try again.",
    ),
    "Skjemaet ble sendt i et format siden ikke kjenner.": (
        "Skjemaet vart sendt i eit format sida ikkje kjenner.",
        "Skovvi sáddejuvvui hámis maid siidu ii dovdda.",
        "The form was sent in a format the page does not know.",
    ),
    "Teksten må sendes som UTF-8.": (
        "Teksten må sendast som UTF-8.",
        "Teaksta ferte sáddejuvvot UTF-8:n.",
        "The text must be sent as UTF-8.",
    ),
    "Spørsmålet er lukket. Innspillet ble ikke sendt.": (
        "Spørsmålet er lukka. Innspelet vart ikkje sendt.",
        "Gažaldat lea giddejuvvon. Árvalus ii sáddejuvvon.",
        "The question is closed. Your contribution was not sent.",
    ),
    "For mange tilkoblinger fra denne enheten. Lukk noen faner og prøv igjen.": (
        "For mange tilkoplingar frå denne eininga. Lat att nokre faner og prøv igjen.",
        "Beare máŋga oktavuođa dán ovttadagas. Gidde muhtin gilkoriid ja geahččal ođđasit.",
        "Too many connections from this device. Close some tabs and try again.",
    ),
    "Ikke sendt: {message}": (
        "Ikkje sendt: {message}",
        "Ii sáddejuvvon: {message}",
        "Not sent: {message}",
    ),
    "venter på godkjenning": ("ventar på godkjenning", "vuordá dohkkeheami", "awaiting approval"),
    "{n} av {max} tegn": ("{n} av {max} teikn", "{n} / {max} mearkka", "{n} of {max} characters"),
}

LANGS = ("nn", "se", "en")

from tools.translations_phone_projector import PHONE_T  # noqa: E402

T.update(PHONE_T)
