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
