# newsloc: partes fijas de una noticia de agencia en español.
# Spanish wire style: "SEÚL, 12 sep. (Yonhap) --" with the day before the
# abbreviated month; end mark "(FIN)".

## Dates

# $month (1-12)
month-name = { $month ->
    [1] ene.
    [2] feb.
    [3] mar.
    [4] abr.
    [5] may.
    [6] jun.
    [7] jul.
    [8] ago.
    [9] sep.
    [10] oct.
    [11] nov.
    [12] dic.
   *[other] { $month }
}

# $month, $day
dateline-date = { $day } { month-name }

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
dateline = { $shape ->
    [no-date] { $place } ({ agency-name }) --
    [no-place] { dateline-date } ({ agency-name }) --
    [no-agency] { $place }, { dateline-date } --
    [place] { $place } --
    [date] { dateline-date } --
    [agency] ({ agency-name }) --
   *[full] { $place }, { dateline-date } ({ agency-name }) --
}

## Byline

names-separator = {", "}
names-pair = { $first } y { $second }

# $names, $count
byline = Por { $names }

byline-placement = line

# $dateline, $byline, $has-byline
lead = { $dateline }{" "}

## Update tags

# $ordinal: a number, written 2.ª, 3.ª ...
ordinal = { $ordinal }.ª

update-tag = { $kind ->
    [urgent] (URGENTE)
   *[lead] { $ordinal ->
        [1] (AMPLIACIÓN)
       *[other] ({ ordinal } AMPLIACIÓN)
    }
}

## End of story

end-mark = (FIN)

## Labels

label-photo = Foto
label-credit = Crédito
label-restrictions = Restricciones
label-copyright = Derechos de autor
label-usage-terms = Condiciones de uso

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
