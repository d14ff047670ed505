# newsloc: постоянные части новостного сообщения на русском языке.
# Russian wire style (TASS): "СЕУЛ, 12 сентября. /Ёнхап/." with the month in
# the genitive; end mark "(КОНЕЦ)".

## Dates

# $month (1-12), genitive case.
month-name = { $month ->
    [1] января
    [2] февраля
    [3] марта
    [4] апреля
    [5] мая
    [6] июня
    [7] июля
    [8] августа
    [9] сентября
    [10] октября
    [11] ноября
    [12] декабря
   *[other] { $month }
}

# $month, $day
dateline-date = { $day } { month-name }

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
    [Yonhap] Ёнхап
    [AP] AP
    [AFP] AFP
    [Reuters] Рейтер
    [Xinhua] Синьхуа
    [TASS] ТАСС
    [KCNA] ЦТАК
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
dateline = { $shape ->
    [no-date] { $place }. /{ agency-name }/.
    [no-place] { dateline-date }. /{ agency-name }/.
    [no-agency] { $place }, { dateline-date }.
    [place] { $place }.
    [date] { dateline-date }.
    [agency] /{ agency-name }/.
   *[full] { $place }, { dateline-date }. /{ agency-name }/.
}

## Byline

names-separator = {", "}
names-pair = { $first } и { $second }

# $names, $count
byline = { $count ->
    [1] Автор: { $names }
   *[other] Авторы: { $names }
}

byline-placement = line

# $dateline, $byline, $has-byline
lead = { $dateline }{" "}

## Update tags

# $ordinal: a number.
ordinal = { $ordinal }

update-tag = { $kind ->
    [urgent] (СРОЧНО)
   *[lead] { $ordinal ->
        [1] (ДОПОЛНЕНО)
       *[other] (ДОПОЛНЕНО-{ ordinal })
    }
}

## End of story

end-mark = (КОНЕЦ)

## Labels

label-photo = Фото
label-credit = Источник
label-restrictions = Ограничения
label-copyright = Авторское право
label-usage-terms = Условия использования

## Placement and the editor's note

# Where the update tag goes, by $kind (lead or urgent): "start" (before
# the headline text) or "end" (right after it, as Yonhap's Korean service
# writes "… 전망(종합2보)").
update-tag-placement = start

# What a translation into this language shows of the source's editor's
# note (the header's "ATTN: ADDS ...", an instruction to the source desk's
# editors): "keep" writes it in the header line as written, "omit" leaves
# it out (translators still get it as a note in the XLIFF file).
editor-note-in-translation = omit
