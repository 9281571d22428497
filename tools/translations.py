"""Write templates/locale/{fi,ru}/LC_MESSAGES/messages.po from the message template and the
translations below: ``python tools/translations.py``. Edit the translations here (or the
.po files directly, then copy them back); a test checks the catalogs are complete."""

from __future__ import annotations

from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALE = ROOT / "templates" / "locale"

FI = {
    "Abbreviations": "Lyhenteet",
    "Date": "Päiväys",
    "Index": "Hakemisto",
    "admitted term": "hyväksyttävä termi",
    "deprecated term: do not use": "vältettävä termi: älä käytä",
    "superseded term: no longer in use": "vanhentunut termi: ei enää käytössä",
    "see the entry on the page given": "katso hakusanaa mainitulla sivulla",
    "Each entry gives the term, its grammar and status, its equivalents (the preferred one first, in bold), a definition, an example and related entries with their page. A term without a mark is a noun; a term in bold is preferred.": "Hakusana-artikkelissa on termi, sen kieliopilliset tiedot ja suositettavuus, vastineet (suositettava ensin, lihavoituna), määritelmä, esimerkki sekä lähikäsitteet sivunumeroineen. Termi ilman merkintää on substantiivi; lihavoitu termi on suositettava.",
    "full form": "täysi muoto",
    "%(entry)s. In: %(work)s": "%(entry)s. Teoksessa: %(work)s",
    "%(concepts)s concepts, %(terms)s terms": "%(concepts)s käsitettä, %(terms)s termiä",
    "%(concepts)s concepts, %(terms)s terms. Built %(date)s.": "%(concepts)s käsitettä, %(terms)s termiä. Koottu %(date)s.",
    "%(count)s concepts found.": "Löytyi %(count)s käsitettä.",
    "1 concept found.": "Löytyi 1 käsite.",
    "A glossary of vocational education and training, e-learning and European credit transfer for cooperation between Finland and Russia: every concept with its terms in Finnish, Russian and English, their status and grammar, definitions and examples.": "Ammatillisen koulutuksen, verkko-oppimisen ja eurooppalaisen opintosuoritusten siirron sanasto Suomen ja Venäjän väliseen yhteistyöhön: jokainen käsite termeineen suomeksi, venäjäksi ja englanniksi, termien suositeltavuus ja kielioppi, määritelmät ja esimerkit.",
    "A to Z": "Aakkosittain",
    "A to Z in other languages": "Aakkosittain muilla kielillä",
    "About": "Tietoja",
    "About this glossary": "Tietoja sanastosta",
    "Approved entries are established usage in all languages; reviewed entries are good with a minor doubt; draft entries use a descriptive rendering or compare concepts of two national systems, and their note says what is uncertain.": "Hyväksytyt tietueet vastaavat vakiintunutta käyttöä kaikilla kielillä; tarkistetut ovat hyviä, mutta niissä on pieni epävarmuus; luonnoksissa on kuvaileva vastine tai kahden kansallisen järjestelmän käsitteiden vertailu, ja niiden huomautus kertoo, mikä on epävarmaa.",
    "Built": "Koottu",
    "Contents": "Sisältö",
    "Definition": "Määritelmä",
    "Did you mean:": "Tarkoititko:",
    "Do not use; use the preferred term.": "Älä käytä; käytä suositettavaa termiä.",
    "Downloads": "Lataukset",
    "Entry status:": "Tietueen tila:",
    "Home": "Etusivu",
    "How to cite": "Näin viittaat",
    "Language of the interface": "Käyttöliittymän kieli",
    "Languages": "Kielet",
    "Letters": "Kirjaimet",
    "Licence": "Lisenssi",
    "Look a term up in any language — inflected forms, missing ä and ö, and Russian in Latin letters are found too": "Hae termiä millä tahansa kielellä – myös taivutetut muodot, ilman ä- ja ö-kirjaimia kirjoitetut sanat ja latinalaisin kirjaimin kirjoitettu venäjä löytyvät",
    "Main": "Päävalikko",
    "Note": "Huomautus",
    "Nothing found for “%(query)s”.": "Haulla ”%(query)s” ei löytynyt mitään.",
    "Page not found": "Sivua ei löytynyt",
    "Publisher": "Julkaisija",
    "Related concepts": "Lähikäsitteet",
    "Search": "Haku",
    "Search in any language…": "Hae millä tahansa kielellä…",
    "Search needs JavaScript. The A to Z index works without it.": "Haku tarvitsee JavaScriptiä. Aakkoshakemisto toimii ilman sitä.",
    "Search the glossary": "Hae sanastosta",
    "Skip to content": "Siirry sisältöön",
    "Source:": "Lähde:",
    "Status of entries": "Tietueiden tila",
    "Subjects": "Aihealueet",
    "The glossary was made for cooperation in vocational and e-learning between Finland and Russia. Each entry describes one concept: its terms in each language with their status (preferred, admitted, deprecated), grammar and examples, and its definitions, written for this glossary.": "Sanasto on laadittu Suomen ja Venäjän väliseen ammatillisen koulutuksen ja verkko-oppimisen yhteistyöhön. Kukin tietue kuvaa yhden käsitteen: sen termit kullakin kielellä suositeltavuuksineen (suositettava, hyväksyttävä, vältettävä), kieliopillisine tietoineen ja esimerkkeineen sekä sen määritelmät, jotka on kirjoitettu tätä sanastoa varten.",
    "The page you asked for is not here. Search the glossary, or start from the home page.": "Hakemaasi sivua ei ole. Hae sanastosta tai aloita etusivulta.",
    "Version": "Versio",
    "abbreviation": "lyhenne",
    "acronym": "kirjainsana",
    "adjective": "adjektiivi",
    "admitted": "hyväksyttävä",
    "adverb": "adverbi",
    "approved": "hyväksytty",
    "deprecated": "vältettävä",
    "draft": "luonnos",
    "e.g. ammatillisessa koulutuksessa, дистанционного обучения": "esim. ammatillisessa koulutuksessa, дистанционного обучения",
    "feminine": "feminiini",
    "licence %(license)s": "lisenssi %(license)s",
    "masculine": "maskuliini",
    "neuter": "neutri",
    "noun": "substantiivi",
    "other gender": "muu suku",
    "other part of speech": "muu sanaluokka",
    "phrase": "fraasi",
    "preferred": "suositettava",
    "proper noun": "erisnimi",
    "reviewed": "tarkistettu",
    "short form": "lyhyt muoto",
    "superseded": "vanhentunut",
    "updated %(date)s": "päivitetty %(date)s",
    "used in %(region)s": "käytössä: %(region)s",
    "variant": "muunnelma",
    "verb": "verbi",
    "version %(version)s": "versio %(version)s",
}

RU = {
    "Abbreviations": "Условные сокращения",
    "Date": "Дата",
    "Index": "Указатель",
    "admitted term": "допустимый термин",
    "deprecated term: do not use": "нерекомендуемый термин: не употреблять",
    "superseded term: no longer in use": "устаревший термин: больше не употребляется",
    "see the entry on the page given": "см. статью на указанной странице",
    "Each entry gives the term, its grammar and status, its equivalents (the preferred one first, in bold), a definition, an example and related entries with their page. A term without a mark is a noun; a term in bold is preferred.": "Статья содержит термин, его грамматические пометы и статус, эквиваленты (предпочтительный — первым, полужирным), определение, пример и связанные статьи с номерами страниц. Термин без пометы — существительное; полужирный термин — предпочтительный.",
    "full form": "полная форма",
    "%(entry)s. In: %(work)s": "%(entry)s // %(work)s",
    "%(concepts)s concepts, %(terms)s terms": "понятий: %(concepts)s, терминов: %(terms)s",
    # Russian dates end in "г." (year), which closes the sentence.
    "%(concepts)s concepts, %(terms)s terms. Built %(date)s.": "Понятий: %(concepts)s, терминов: %(terms)s. Собрано %(date)s",
    "%(count)s concepts found.": "Найдено понятий: %(count)s.",
    "1 concept found.": "Найдено одно понятие.",
    "A glossary of vocational education and training, e-learning and European credit transfer for cooperation between Finland and Russia: every concept with its terms in Finnish, Russian and English, their status and grammar, definitions and examples.": "Глоссарий профессионального образования, электронного обучения и европейского перезачёта результатов обучения для сотрудничества Финляндии и России: каждое понятие с терминами на финском, русском и английском языках, их статусом и грамматикой, определениями и примерами.",
    "A to Z": "Алфавитный указатель",
    "A to Z in other languages": "Алфавитный указатель на других языках",
    "About": "О глоссарии",
    "About this glossary": "О глоссарии",
    "Approved entries are established usage in all languages; reviewed entries are good with a minor doubt; draft entries use a descriptive rendering or compare concepts of two national systems, and their note says what is uncertain.": "Утверждённые статьи отражают устоявшееся употребление на всех языках; проверенные статьи надёжны, но с небольшими сомнениями; в черновиках используется описательный перевод или сопоставляются понятия двух национальных систем, и в примечании сказано, что именно вызывает сомнения.",
    "Built": "Собрано",
    "Contents": "Содержание",
    "Definition": "Определение",
    "Did you mean:": "Возможно, вы имели в виду:",
    "Do not use; use the preferred term.": "Не рекомендуется; используйте предпочтительный термин.",
    "Downloads": "Файлы для загрузки",
    "Entry status:": "Статус статьи:",
    "Home": "Главная",
    "How to cite": "Как ссылаться",
    "Language of the interface": "Язык интерфейса",
    "Languages": "Языки",
    "Letters": "Буквы",
    "Licence": "Лицензия",
    "Look a term up in any language — inflected forms, missing ä and ö, and Russian in Latin letters are found too": "Ищите термин на любом языке — найдутся и словоформы, и слова без букв ä и ö, и русские слова, набранные латиницей",
    "Main": "Основное меню",
    "Note": "Примечание",
    "Nothing found for “%(query)s”.": "По запросу «%(query)s» ничего не найдено.",
    "Page not found": "Страница не найдена",
    "Publisher": "Издатель",
    "Related concepts": "Связанные понятия",
    "Search": "Поиск",
    "Search in any language…": "Поиск на любом языке…",
    "Search needs JavaScript. The A to Z index works without it.": "Для поиска нужен JavaScript. Алфавитный указатель работает и без него.",
    "Search the glossary": "Поиск по глоссарию",
    "Skip to content": "Перейти к содержанию",
    "Source:": "Источник:",
    "Status of entries": "Статус статей",
    "Subjects": "Тематические разделы",
    "The glossary was made for cooperation in vocational and e-learning between Finland and Russia. Each entry describes one concept: its terms in each language with their status (preferred, admitted, deprecated), grammar and examples, and its definitions, written for this glossary.": "Глоссарий создан для сотрудничества Финляндии и России в сфере профессионального и электронного обучения. Каждая статья описывает одно понятие: его термины на каждом языке со статусом (предпочтительный, допустимый, не рекомендуемый), грамматическими сведениями и примерами, а также определения, написанные для этого глоссария.",
    "The page you asked for is not here. Search the glossary, or start from the home page.": "Запрошенной страницы нет. Воспользуйтесь поиском по глоссарию или начните с главной страницы.",
    "Version": "Версия",
    "abbreviation": "сокращение",
    "acronym": "аббревиатура",
    "adjective": "прилагательное",
    "admitted": "допустимый",
    "adverb": "наречие",
    "approved": "утверждена",
    "deprecated": "не рекомендуется",
    "draft": "черновик",
    "e.g. ammatillisessa koulutuksessa, дистанционного обучения": "например, дистанционного обучения, ammatillisessa koulutuksessa",
    "feminine": "женский род",
    "licence %(license)s": "лицензия %(license)s",
    "masculine": "мужской род",
    "neuter": "средний род",
    "noun": "существительное",
    "other gender": "другой род",
    "other part of speech": "другая часть речи",
    "phrase": "словосочетание",
    "preferred": "предпочтительный",
    "proper noun": "имя собственное",
    "reviewed": "проверена",
    "short form": "краткая форма",
    "superseded": "устаревший",
    "updated %(date)s": "обновлено %(date)s",
    "used in %(region)s": "употребляется: %(region)s",
    "variant": "вариант",
    "verb": "глагол",
    "version %(version)s": "версия %(version)s",
}


def main() -> None:
    with open(LOCALE / "messages.pot", "rb") as fp:
        template = read_po(fp)
    for lang, table in (("fi", FI), ("ru", RU)):
        catalog = Catalog(locale=lang, project="glossary", version="1", fuzzy=False)
        for message in template:
            if message.id:
                catalog.add(message.id, table.get(message.id, ""), flags=message.flags)
        target = LOCALE / lang / "LC_MESSAGES" / "messages.po"
        target.parent.mkdir(parents=True, exist_ok=True)
        with open(target, "wb") as fp:
            write_po(fp, catalog, omit_header=False, no_location=True, sort_output=True, width=100)


if __name__ == "__main__":
    main()
