"""Writes the four bilingual check files and their gold TSVs (gold14).
Units: (id, source, target, [(concept_id, source_term_as_in_source, expected_code, note), ...])."""
import os, html
HERE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

XLF12 = [  # fi -> ru, XLIFF 1.2; sources from fi-01, fi-02, fi-03
 ('u01', 'Koulutuksen järjestäjä vastaa tavoitteellisesta ja ohjatusta koulutuksesta.',
  'Целенаправленное и сопровождаемое обучение обеспечивается образовательной организацией.',
  [('education-provider', 'Koulutuksen järjestäjä', 'ok', 'instrumental образовательной организацией')]),
 ('u02', 'Opiskelija voi hankkia osaamista joko kokonaan oppisopimukseen tai koulutussopimukseen perustuen.',
  'Компетенции обучающийся может приобретать полностью на основе ученического договора или договора о практической подготовке.',
  [('student', 'Opiskelija', 'ok', ''), ('competence', 'osaamista', 'ok', 'plural компетенции'),
   ('apprenticeship-contract', 'oppisopimukseen', 'ok', 'genitive ученического договора'),
   ('training-agreement', 'koulutussopimukseen', 'ok', 'genitive договора о практической подготовке')]),
 ('u03', 'Työpaikalla järjestettävän koulutuksen sopimukseen liitetään opiskelijan henkilökohtainen osaamisen kehittämissuunnitelma.',
  'К договору об обучении на рабочем месте прилагается индивидуальный план развития компетенций обучающегося.',
  [('workplace-learning', 'Työpaikalla järjestettävän koulutuksen', 'ok', 'prepositional обучении на рабочем месте'),
   ('student', 'opiskelijan', 'ok', 'genitive обучающегося'),
   ('personal-competence-development-plan', 'henkilökohtainen osaamisen kehittämissuunnitelma', 'ok', '"(HOKS)" of the document sentence left out')]),
 ('u04', 'Oppisopimuksen tai koulutussopimuksen tekeminen edellyttää, että opiskelijalle nimetään vastuullinen työpaikkaohjaaja.',
  'Для заключения ученического договора или договора о практической подготовке необходимо, чтобы обучающемуся был назначен ответственный наставник на рабочем месте.',
  [('apprenticeship-contract', 'Oppisopimuksen', 'ok', ''), ('training-agreement', 'koulutussopimuksen', 'ok', ''),
   ('student', 'opiskelijalle', 'ok', 'dative обучающемуся'), ('workplace-instructor', 'työpaikkaohjaaja', 'ok', '')]),
 ('u05', 'Oppisopimuskoulutus perustuu määräaikaiseen työsopimukseen ja työnantajan ja koulutuksen järjestäjän sopimukseen.',
  'Ученичество основывается на срочном трудовом договоре и на соглашении между работодателем и образовательной организацией.',
  [('apprenticeship-training', 'Oppisopimuskoulutus', 'ok', ''),
   ('fixed-term-employment-contract', 'määräaikaiseen työsopimukseen', 'ok', 'prepositional срочном трудовом договоре'),
   ('employer', 'työnantajan', 'ok', 'instrumental работодателем'), ('education-provider', 'koulutuksen järjestäjän', 'ok', '')]),
 ('u06', 'Näytössä opiskelija osoittaa, miten hyvin hän on saavuttanut tutkinnon perusteissa määritellyn ammattitaidon.',
  'В ходе демонстрации профессиональных навыков обучающийся показывает, насколько он овладел профессиональной компетентностью, определённой в требованиях к квалификации.',
  [('skills-demonstration', 'Näytössä', 'ok', 'source uses the admitted short form näyttö'), ('student', 'opiskelija', 'ok', ''),
   ('qualification-requirements', 'tutkinnon perusteissa', 'ok', ''), ('vocational-competence', 'ammattitaidon', 'ok', 'instrumental')]),
 ('u07', 'Koulutuksen järjestäjä vastaa näytön toteuttamisesta.',
  'За проведение демонстрации профессиональных навыков отвечает образовательное учреждение.',
  [('education-provider', 'Koulutuksen järjestäjä', 'deprecated', 'SEEDED: deprecated образовательное учреждение instead of образовательная организация'),
   ('skills-demonstration', 'näytön', 'ok', '')]),
 ('u08', 'Näyttö toteutetaan työpaikoilla käytännön työtilanteissa.',
  'Практический показ проводится на рабочих местах в реальных рабочих ситуациях.',
  [('skills-demonstration', 'Näyttö', 'missing', 'SEEDED: "практический показ" is not a glossary rendering (демонстрация профессиональных навыков)')]),
 ('u09', 'Ammatilliseen perustutkintoon sisältyy ammatillisia tutkinnon osia 145 osaamispistettä.',
  'В программу СПО входят профессиональные части квалификации объёмом 145 зачётных единиц.',
  [('vocational-upper-secondary-qualification', 'Ammatilliseen perustutkintoon', 'admitted', 'SEEDED: admitted abbreviation СПО instead of preferred среднее профессиональное образование'),
   ('vocational-units', 'ammatillisia tutkinnon osia', 'ok', ''), ('credit-point', 'osaamispistettä', 'ok', 'genitive plural зачётных единиц')]),
 ('u10', 'Oppisopimuskoulutuksessa pääosa osaamisesta hankitaan työpaikalla. Oppisopimuskoulutuksessa opiskelija saa palkkaa.',
  'При ученичестве основная часть компетенций приобретается на рабочем месте, и при этом обучающийся получает заработную плату.',
  [('apprenticeship-training', 'Oppisopimuskoulutuksessa', 'count', 'SEEDED: 2 occurrences in the source, 1 (ученичестве) in the target; the second is "при этом"'),
   ('competence', 'osaamisesta', 'ok', ''), ('student', 'opiskelija', 'ok', '')]),
 ('u11', 'Opetushallitus voi tutkinnon perusteissa määrätä yhteisten tutkinnon osien laajuudesta.',
  'Национальное агентство по образованию Финляндии может устанавливать в требованиях к квалификации объём общих частей квалификации.',
  [('national-agency-for-education', 'Opetushallitus', 'ok', ''), ('qualification-requirements', 'tutkinnon perusteissa', 'ok', ''),
   ('common-units', 'yhteisten tutkinnon osien', 'ok', 'genitive общих частей квалификации; adapted from fi-02 §1')]),
 ('u12', 'Opiskelija voi yhdistellä oppisopimusta ja koulutussopimusta joustavasti opintojensa aikana.',
  'Студент может гибко сочетать ученический договор и договор о практической подготовке в ходе учёбы.',
  [('student', 'Opiskelija', 'missing', 'SEEDED: студент is not a term of the concept (обучающийся)'),
   ('apprenticeship-contract', 'oppisopimusta', 'ok', ''), ('training-agreement', 'koulutussopimusta', 'ok', '')]),
 ('u13', 'Ammattitaito ja osaaminen osoitetaan tekemällä käytännön työtehtäviä aidoissa työtilanteissa.',
  'Профессиональная компетентность и компетенции подтверждаются выполнением практических рабочих заданий в реальных рабочих ситуациях.',
  [('vocational-competence', 'Ammattitaito', 'ok', ''), ('competence', 'osaaminen', 'ok', 'plural компетенции')]),
]

PO = [  # fi -> ru, gettext PO; sources from fi-01, fi-02, fi-03, fi-04, fi-05
 ('p01', 'Ammatillisista tutkinnoista säädettäisiin tarkemmin lain 5 §:ssä.',
  'Подробнее о квалификациях было бы сказано в § 5 закона.',
  [('qualification', 'tutkinnoista', 'ok', 'prepositional plural квалификациях')]),
 ('p02', 'Ammatillisen koulutuksen tarkoituksena on kohottaa ja ylläpitää väestön ammatillista osaamista.',
  'Целью профессионального образования является повышение и поддержание профессиональных компетенций населения.',
  [('vocational-education-and-training', 'Ammatillisen koulutuksen', 'ok', ''), ('competence', 'osaamista', 'ok', '')]),
 ('p03', 'Tarkoituksena olisi myös edistää työllisyyttä ja antaa valmiuksia yrittäjyyteen.',
  'Целью было бы также содействие занятости и подготовка к предпринимательству.',
  [('employment', 'työllisyyttä', 'ok', 'dative занятости'), ('entrepreneurship', 'yrittäjyyteen', 'ok', 'dative предпринимательству')]),
 ('p04', 'Ammattitaitoinen ja osaava työvoima on yritysten menestymisen edellytys.',
  'Квалифицированная и компетентная рабочая сила является условием успеха предприятий.',
  [('labour-force', 'työvoima', 'ok', '')]),
 ('p05', 'Kaikki ammatilliset tutkinnot voitaisiin suorittaa osoittamalla osaaminen, vaikka osaaminen olisi hankittu koulutusjärjestelmän ulkopuolella.',
  'Все квалификации можно было бы получить, продемонстрировав компетенции, даже если компетенции были приобретены вне системы образования.',
  [('qualification', 'tutkinnot', 'ok', ''), ('competence', 'osaaminen', 'ok', '2 occurrences in source and target: not a count error'),
   ('education-system', 'koulutusjärjestelmän', 'ok', 'genitive системы образования')]),
 ('p06', 'Opetus- ja kulttuuriministeriö seuraa ammatillisen koulutuksen uuden rahoitusjärjestelmän vaikutuksia ammatillisen koulutuksen järjestämiseen.',
  'Министерство образования и культуры Финляндии отслеживает влияние новой системы финансирования профессионального образования на его организацию.',
  [('ministry-of-education-and-culture', 'Opetus- ja kulttuuriministeriö', 'ok', ''),
   ('vocational-education-and-training', 'ammatillisen koulutuksen', 'count', 'SEEDED: 2 occurrences in the source, 1 in the target (second rendered by его)')]),
 ('p07', 'Koulutuksen järjestäjä ja työnantaja sopivat korvauksen maksamisesta.',
  'Образовательное учреждение и работодатель договариваются о выплате компенсации.',
  [('education-provider', 'Koulutuksen järjestäjä', 'deprecated', 'SEEDED: deprecated образовательное учреждение'),
   ('employer', 'työnantaja', 'ok', '')]),
 ('p08', 'Eduskunta edellyttää, että opetus- ja kulttuuriministeriö arvioi ammatillisen koulutuksen reformin toteutumista.',
  'Парламент требует, чтобы Министерство образования и культуры Финляндии оценивало ход реформы профессионального образования и обучения.',
  [('ministry-of-education-and-culture', 'opetus- ja kulttuuriministeriö', 'ok', ''),
   ('vocational-education-and-training', 'ammatillisen koulutuksen', 'admitted', 'SEEDED: admitted профессиональное образование и обучение (contains the preferred term: longest match decides)')]),
 ('p09', 'Arvioidaan vaikutuksia opintojen keskeyttämisen vähentämiseen.',
  'Оцениваются последствия для сокращения числа студентов, бросивших учёбу.',
  [('dropping-out', 'opintojen keskeyttämisen', 'missing', 'SEEDED: descriptive rendering instead of отсев обучающихся')]),
 ('p10', 'Ammatilliseen perustutkintoon sisältyy yhteisiä tutkinnon osia 35 osaamispistettä.',
  'В программу среднего профессионального образования входят общие части квалификации объёмом 35 зачётных единиц.',
  [('vocational-upper-secondary-qualification', 'Ammatilliseen perustutkintoon', 'ok', 'genitive'),
   ('common-units', 'yhteisiä tutkinnon osia', 'ok', ''), ('credit-point', 'osaamispistettä', 'ok', '')]),
 ('p11', 'Yhteisten tutkinnon osien suorittamiseksi vaadittava osaaminen voidaan osoittaa myös muulla tavoin.',
  'Компетенции, необходимые для освоения общих частей квалификации, могут быть продемонстрированы и иным способом.',
  [('common-units', 'Yhteisten tutkinnon osien', 'ok', ''), ('competence', 'osaaminen', 'ok', '')]),
 ('p12', 'Osaamista täydennetään tarvittaessa muissa oppimisympäristöissä.',
  'При необходимости компетенции дополняются в других средах обучения.',
  [('competence', 'Osaamista', 'ok', ''),
   ('learning-environment', 'oppimisympäristöissä', 'admitted', 'SEEDED: admitted среда обучения instead of preferred образовательная среда')]),
 ('p13', 'Yrittäjyys kattaisi valmiudet itsenäisenä ammatin harjoittajana toimimiseen.',
  'Предпринимательство охватывало бы готовность самостоятельно работать по своей профессии.',
  [('entrepreneurship', 'Yrittäjyys', 'ok', ''), ('occupation', 'ammatin', 'ok', 'dative профессии')]),
]

XLF20 = [  # ru -> fi, XLIFF 2.0; sources from ru-01..ru-04
 ('x01', 'Образовательные программы реализуются организацией, осуществляющей образовательную деятельность, как самостоятельно, так и посредством сетевых форм их реализации.',
  'Koulutusohjelmia toteuttaa koulutustoimintaa harjoittava organisaatio joko itsenäisesti tai verkostomaisen toteutuksen avulla.',
  [('study-programme', 'Образовательные программы', 'ok', 'partitive koulutusohjelmia'), ('educational-activity', 'образовательную деятельность', 'ok', ''),
   ('network-based-implementation', 'сетевых форм', 'ok', 'source uses the admitted short form; target preferred, genitive')]),
 ('x02', 'При реализации образовательных программ используются дистанционные образовательные технологии и электронное обучение.',
  'Koulutusohjelmien toteutuksessa käytetään etäopetusteknologioita ja verkko-oppimista.',
  [('study-programme', 'образовательных программ', 'ok', ''), ('distance-learning-technologies', 'дистанционные образовательные технологии', 'ok', 'partitive plural'),
   ('e-learning', 'электронное обучение', 'ok', 'partitive')]),
 ('x03', 'Может применяться форма организации образовательной деятельности, основанная на модульном принципе построения учебных планов.',
  'Voidaan käyttää koulutustoiminnan järjestämistapaa, joka perustuu opetussuunnitelmien modulaariseen rakenteeseen.',
  [('educational-activity', 'образовательной деятельности', 'ok', ''), ('curriculum', 'учебных планов', 'ok', 'genitive plural')]),
 ('x04', 'Профессиональное обучение направлено на приобретение лицами различного возраста профессиональной компетенции.',
  'Tutkintoon johtamattoman ammatillisen koulutuksen tavoitteena on, että eri-ikäiset henkilöt hankkivat ammatillista kompetenssia.',
  [('vocational-training', 'Профессиональное обучение', 'ok', 'genitive'),
   ('competence', 'компетенции', 'admitted', 'SEEDED: admitted kompetenssi instead of preferred osaaminen')]),
 ('x05', 'Получение квалификации по профессии рабочего происходит без изменения уровня образования.',
  'Työntekijän ammattiin johtava tutkinto suoritetaan koulutusastetta muuttamatta.',
  [('qualification', 'квалификации', 'ok', ''), ('occupation', 'профессии', 'ok', 'illative ammattiin'),
   ('level-of-education', 'уровня образования', 'ok', 'partitive koulutusastetta; sentence adapted from ru-02')]),
 ('x06', 'Положение о практической подготовке обучающихся устанавливает порядок организации практической подготовки обучающихся.',
  'Opiskelijoiden käytännön opetusta koskeva asetus määrää sen järjestämisen menettelystä.',
  [('practical-training', 'практической подготовке', 'count', 'SEEDED: 2 in the source, 1 in the target (second rendered by sen)'),
   ('student', 'обучающихся', 'count', 'SEEDED: 2 in the source, 1 in the target')]),
 ('x07', 'К освоению образовательных программ среднего профессионального образования допускаются лица, имеющие образование не ниже основного общего образования.',
  'Perustutkintoon johtaviin koulutusohjelmiin voidaan ottaa henkilöitä, joilla on vähintään perusopetuksen oppimäärä.',
  [('study-programme', 'образовательных программ', 'ok', 'illative plural'),
   ('vocational-upper-secondary-qualification', 'среднего профессионального образования', 'admitted', 'SEEDED: admitted short form perustutkinto instead of ammatillinen perustutkinto'),
   ('basic-education', 'основного общего образования', 'ok', 'adapted: the law has the elliptical "основного общего или среднего общего образования"')]),
 ('x08', 'Задания демонстрационного экзамена доводятся до главного эксперта.',
  'Näyttökokeen tehtävät toimitetaan päävastuussa olevalle arvioijalle.',
  [('demonstration-exam', 'демонстрационного экзамена', 'missing', 'SEEDED: näyttökoe is not the glossary term (demonstraatiokoe); note näyttökoe contains näyttö (skills-demonstration) only as a compound part'),
   ('assessor', 'эксперта', 'ok', 'source uses the admitted эксперт; allative arvioijalle')]),
 ('x09', 'Образовательная организация обеспечивает необходимые технические условия во время демонстрационного экзамена.',
  'Koulutuksen järjestäjä huolehtii tarvittavista teknisistä edellytyksistä demonstraatiokokeen aikana.',
  [('education-provider', 'Образовательная организация', 'ok', ''), ('demonstration-exam', 'демонстрационного экзамена', 'ok', 'genitive')]),
 ('x10', 'Задания во время демонстрационного экзамена получают выпускники и члены ГЭК.',
  'Demonstraatiokokeen aikana tehtävät annetaan valmistuneille ja valtiollisen tutkintolautakunnan jäsenille.',
  [('demonstration-exam', 'демонстрационного экзамена', 'ok', ''), ('graduate', 'выпускники', 'ok', 'allative plural valmistuneille'),
   ('state-examination-commission', 'ГЭК', 'ok', 'source abbreviation (admitted); target preferred, genitive; adapted from ru-04 §26')]),
 ('x11', 'Практическая подготовка - форма организации образовательной деятельности.',
  'Käytännön opetus on koulutustoiminnan järjestämisen muoto.',
  [('practical-training', 'Практическая подготовка', 'ok', ''), ('educational-activity', 'образовательной деятельности', 'ok', 'genitive; sentence from § 2 of the Положение (beyond the excerpt in ru-03)')]),
 ('x12', 'Подготовку квалифицированных рабочих ведут профессиональные образовательные организации.',
  'Ammattitaitoisten työntekijöiden koulutusta järjestävät ammattikoulut.',
  [('skilled-worker-training', 'Подготовку квалифицированных рабочих', 'ok', 'source admitted form; partitive koulutusta'),
   ('vocational-institution', 'профессиональные образовательные организации', 'deprecated', 'SEEDED: deprecated ammattikoulu (plural); source longest match, not education-provider; sentence adapted from ru-01 ст. 68')]),
]

TMX = [  # ru -> fi, TMX 1.4; sources from ru-01, ru-02, ru-03, ru-04, ru-05
 ('t01', 'Формат демонстрационного экзамена позволяет колледжам и техникумам моделировать реальные условия.',
  'Demonstraatiokokeen muoto antaa ammattiopistoille ja teknillisille oppilaitoksille mahdollisuuden mallintaa todellisia olosuhteita.',
  [('demonstration-exam', 'демонстрационного экзамена', 'ok', ''), ('vocational-college', 'колледжам', 'ok', 'allative ammattiopistoille'),
   ('technical-school', 'техникумам', 'ok', 'allative teknillisille oppilaitoksille')]),
 ('t02', 'Уже сейчас более 60% девятиклассников выбирают систему СПО.',
  'Jo nyt yli 60 % yhdeksäsluokkalaisista valitsee ammatillisen perustutkinnon.',
  [('vocational-upper-secondary-qualification', 'СПО', 'ok', 'source abbreviation (admitted); target preferred, genitive')]),
 ('t03', 'Сегодняшние выпускники столкнутся с реальными условиями на своем будущем рабочем месте.',
  'Nykyiset tutkinnon suorittaneet kohtaavat todelliset olosuhteet tulevalla työpaikallaan.',
  [('graduate', 'выпускники', 'admitted', 'SEEDED: admitted tutkinnon suorittanut instead of preferred valmistunut; adapted from ru-05')]),
 ('t04', 'Демонстрационный экзамен проводится с использованием комплектов оценочной документации, включенных образовательными организациями в Программу ГИА.',
  'Demonstraatiokoe toteutetaan käyttäen arviointiaineistoja, jotka koulutuksen järjestäjät ovat sisällyttäneet valtiollisen päättöarvioinnin ohjelmaan.',
  [('demonstration-exam', 'Демонстрационный экзамен', 'ok', ''), ('education-provider', 'образовательными организациями', 'ok', 'plural'),
   ('final-state-attestation', 'ГИА', 'ok', 'source abbreviation (admitted); target preferred, genitive. The target also has arviointiaineisto (assessment-toolkit) with no source term: not an error class')]),
 ('t05', 'Демонстрационный экзамен проводится в центре проведения демонстрационного экзамена.',
  'Demonstraatiokoe järjestetään sitä varten varustetussa keskuksessa.',
  [('demonstration-exam', 'Демонстрационный экзамен', 'count', 'SEEDED: 2 in the source, 1 in the target')]),
 ('t06', 'С 1 сентября 2022 года вступил в силу новый порядок проведения государственной итоговой аттестации.',
  'Uusi lopputenttien järjestämistä koskeva menettely tuli voimaan 1.9.2022.',
  [('final-state-attestation', 'государственной итоговой аттестации', 'missing', 'SEEDED: lopputentit is not the glossary term (valtiollinen päättöarviointi)')]),
 ('t07', 'Обучение на рабочем месте позволяет моделировать реальные условия.',
  'Työssäoppiminen mahdollistaa todellisten olosuhteiden mallintamisen.',
  [('workplace-learning', 'Обучение на рабочем месте', 'deprecated', 'SEEDED: deprecated työssäoppiminen instead of työpaikalla järjestettävä koulutus; sentence adapted from ru-05')]),
 ('t08', 'Среднее профессиональное образование направлено на решение задач профессионального развития человека.',
  'Ammatillinen perustutkinto tähtää ihmisen ammatilliseen kehittymiseen.',
  [('vocational-upper-secondary-qualification', 'Среднее профессиональное образование', 'ok', ''),
   ('professional-development', 'профессионального развития', 'ok', 'illative ammatilliseen kehittymiseen')]),
 ('t09', 'Получение среднего профессионального образования на базе основного общего образования осуществляется с одновременным получением среднего общего образования.',
  'Perusopetuksen pohjalta ammatillinen perustutkinto suoritetaan samanaikaisesti lukiokoulutuksen kanssa.',
  [('vocational-upper-secondary-qualification', 'среднего профессионального образования', 'ok', ''),
   ('basic-education', 'основного общего образования', 'ok', 'genitive perusopetuksen'),
   ('general-upper-secondary-education', 'среднего общего образования', 'ok', 'genitive lukiokoulutuksen')]),
 ('t10', 'Образование - единый целенаправленный процесс воспитания и обучения.',
  'Koulutus on yhtenäinen, tavoitteellinen kasvatuksen ja opetuksen prosessi.',
  [('upbringing', 'воспитания', 'ok', 'genitive kasvatuksen')]),
 ('t11', 'При реализации образовательных программ используются дистанционные образовательные технологии.',
  'Koulutusohjelmien toteutuksessa käytetään etäyhteystekniikoita.',
  [('study-programme', 'образовательных программ', 'ok', ''),
   ('distance-learning-technologies', 'дистанционные образовательные технологии', 'missing', 'SEEDED: etäyhteystekniikat is not the glossary term (etäopetusteknologiat)')]),
 ('t12', 'Положение устанавливает порядок организации практической подготовки обучающихся.',
  'Asetus määrää opiskelijoiden käytännön opetuksen järjestämisen menettelystä.',
  [('practical-training', 'практической подготовки', 'ok', 'genitive'), ('student', 'обучающихся', 'ok', 'genitive plural')]),
 ('t13', 'Порядок устанавливает правила проведения ГИА по образовательным программам среднего профессионального образования.',
  'Menettelyssä säädetään valtiollisen päättöarvioinnin järjestämisestä perustutkintoon johtavissa koulutusohjelmissa.',
  [('final-state-attestation', 'ГИА', 'ok', ''), ('study-programme', 'образовательным программам', 'ok', 'inessive plural'),
   ('vocational-upper-secondary-qualification', 'среднего профессионального образования', 'admitted', 'SEEDED: admitted perustutkinto; adapted from ru-04 § 1')]),
]

def esc(s): return html.escape(s, quote=False)

def write_gold(fname, units):
    with open(os.path.join(HERE, fname + '.gold.tsv'), 'w', encoding='utf-8') as f:
        f.write('unit\tconcept_id\tsource_term\texpected_code\tnote\n')
        for uid, src, tgt, rows in units:
            for cid, st, code, note in rows:
                assert st in src, (uid, st)
                f.write(f'{uid}\t{cid}\t{st}\t{code}\t{note}\n')

def xlf12(fname, units, sl, tl):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">',
           f'  <file original="gold14-{sl}-{tl}" source-language="{sl}" target-language="{tl}" datatype="plaintext">',
           '    <body>']
    for uid, src, tgt, rows in units:
        out += [f'      <trans-unit id="{uid}">', f'        <source>{esc(src)}</source>',
                f'        <target state="translated">{esc(tgt)}</target>', '      </trans-unit>']
    out += ['    </body>', '  </file>', '</xliff>', '']
    open(os.path.join(HERE, fname), 'w', encoding='utf-8').write('\n'.join(out))

def xlf20(fname, units, sl, tl):
    out = ['<?xml version="1.0" encoding="UTF-8"?>',
           f'<xliff version="2.0" xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="{sl}" trgLang="{tl}">',
           f'  <file id="gold14-{sl}-{tl}">']
    for uid, src, tgt, rows in units:
        out += [f'    <unit id="{uid}">', '      <segment state="translated">', f'        <source>{esc(src)}</source>',
                f'        <target>{esc(tgt)}</target>', '      </segment>', '    </unit>']
    out += ['  </file>', '</xliff>', '']
    open(os.path.join(HERE, fname), 'w', encoding='utf-8').write('\n'.join(out))

def po(fname, units, sl, tl):
    def q(s): return '"' + s.replace('\\', '\\\\').replace('"', '\\"') + '"'
    out = ['# Gold14 terminology QA test file (fi -> ru). Sources: gold14 fi documents; translations by hand.',
           'msgid ""', 'msgstr ""', '"Project-Id-Version: glossary gold14\\n"', '"PO-Revision-Date: 2026-12-05 20:00+0000\\n"', '"Last-Translator: gold14 terminologist\\n"', '"Language-Team: none\\n"', f'"Language: {tl}\\n"', f'"X-Source-Language: {sl}\\n"',
           '"MIME-Version: 1.0\\n"', '"Content-Type: text/plain; charset=UTF-8\\n"', '"Content-Transfer-Encoding: 8bit\\n"',
           '"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"', '']
    for uid, src, tgt, rows in units:
        out += [f'#. unit: {uid}', f'msgctxt {q(uid)}', f'msgid {q(src)}', f'msgstr {q(tgt)}', '']
    open(os.path.join(HERE, fname), 'w', encoding='utf-8').write('\n'.join(out))

def tmx(fname, units, sl, tl):
    out = ['<?xml version="1.0" encoding="UTF-8"?>', '<tmx version="1.4">',
           f'  <header creationtool="gold14" creationtoolversion="1" segtype="sentence" o-tmf="none" adminlang="en" srclang="{sl}" datatype="plaintext"/>',
           '  <body>']
    for uid, src, tgt, rows in units:
        out += [f'    <tu tuid="{uid}">', f'      <tuv xml:lang="{sl}"><seg>{esc(src)}</seg></tuv>',
                f'      <tuv xml:lang="{tl}"><seg>{esc(tgt)}</seg></tuv>', '    </tu>']
    out += ['  </body>', '</tmx>', '']
    open(os.path.join(HERE, fname), 'w', encoding='utf-8').write('\n'.join(out))

for fn, units, w, sl, tl in [('check-fi-ru.xlf', XLF12, xlf12, 'fi', 'ru'), ('check-ru-fi.xlf', XLF20, xlf20, 'ru', 'fi'),
                            ('check-fi-ru.po', PO, po, 'fi', 'ru'), ('check-ru-fi.tmx', TMX, tmx, 'ru', 'fi')]:
    w(fn, units, sl, tl); write_gold(fn, units)
    from collections import Counter
    c = Counter(code for u in units for r in u[3] for code in [r[2]])
    print(fn, len(units), 'units', dict(c))
