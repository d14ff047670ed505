# newsloc: feste Bestandteile einer Agenturmeldung auf Deutsch.
# German wire style (dpa): "Seoul (dpa) - " with no date in the dateline
# unless there is no place; end mark "(Ende)".

## Dates

# $month (1-12)
month-name = { $month ->
    [1] Januar
    [2] Februar
    [3] März
    [4] April
    [5] Mai
    [6] Juni
    [7] Juli
    [8] August
    [9] September
    [10] Oktober
    [11] November
    [12] Dezember
   *[other] { $month }
}

# $month, $day
dateline-date = { $day }. { month-name }

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
# dpa names the place and the agency only.
dateline = { $shape ->
    [no-date] { $place } ({ agency-name }) -
    [no-place] { dateline-date } ({ agency-name }) -
    [no-agency] { $place } -
    [place] { $place } -
    [date] { dateline-date } -
    [agency] ({ agency-name }) -
   *[full] { $place } ({ agency-name }) -
}

## Byline

names-separator = {", "}
names-pair = { $first } und { $second }

# $names, $count
byline = Von { $names }

byline-placement = line

# $dateline, $byline, $has-byline
lead = { $dateline }{" "}

## Update tags

# $ordinal: a number, written 2., 3. ...
ordinal = { $ordinal }.

update-tag = { $kind ->
    [urgent] (EIL)
   *[lead] { $ordinal ->
        [1] (Zusammenfassung)
       *[other] ({ ordinal } Zusammenfassung)
    }
}

## End of story

end-mark = (Ende)

## Labels

label-photo = Foto
label-credit = Bildnachweis
label-restrictions = Nutzungsbeschränkungen
label-copyright = Urheberrecht
label-usage-terms = Nutzungsbedingungen

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
