# newsloc: parties fixes d'une dépêche en français.
# French wire style: "SÉOUL, 12 sept. (Yonhap) -" with the day first and
# "1er" for the first day of the month; end mark "(FIN)".

## Dates

# $month (1-12)
month-name = { $month ->
    [1] janv.
    [2] févr.
    [3] mars
    [4] avr.
    [5] mai
    [6] juin
    [7] juil.
    [8] août
    [9] sept.
    [10] oct.
    [11] nov.
    [12] déc.
   *[other] { $month }
}

# $day: 1er for the first of the month.
day-number = { $day ->
    [1] 1er
   *[other] { $day }
}

# $month, $day
dateline-date = { day-number } { month-name }

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
dateline = { $shape ->
    [no-date] { $place } ({ agency-name }) -
    [no-place] { dateline-date } ({ agency-name }) -
    [no-agency] { $place }, { dateline-date } -
    [place] { $place } -
    [date] { dateline-date } -
    [agency] ({ agency-name }) -
   *[full] { $place }, { dateline-date } ({ agency-name }) -
}

## Byline

names-separator = {", "}
names-pair = { $first } et { $second }

# $names, $count
byline = Par { $names }

byline-placement = line

# $dateline, $byline, $has-byline
lead = { $dateline }{" "}

## Update tags

# $ordinal: a number, written 2e, 3e ...
ordinal = { $ordinal }e

update-tag = { $kind ->
    [urgent] (URGENT)
   *[lead] { $ordinal ->
        [1] (ACTUALISATION)
       *[other] ({ ordinal } ACTUALISATION)
    }
}

## End of story

end-mark = (FIN)

## Labels

label-photo = Photo
label-credit = Crédit
label-restrictions = Restrictions
label-copyright = Droits d'auteur
label-usage-terms = Conditions d'utilisation

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
