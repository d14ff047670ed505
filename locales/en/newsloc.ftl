# newsloc: fixed parts of a news story in English wire style (AP/Yonhap).
#
# Every locale defines the same messages; tests/l10n.rs checks that.
# Variables are documented above each message. Story text never passes
# through these files: only names, places and dates written elsewhere.

## Dates

# $month (number 1-12). AP style: months of five letters or fewer are
# spelled out, the others abbreviated.
month-name = { $month ->
    [1] Jan.
    [2] Feb.
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] Aug.
    [9] Sept.
    [10] Oct.
    [11] Nov.
    [12] Dec.
   *[other] { $month }
}

# $month (1-12), $day (1-31), $year (a year, or none): the date as it
# appears in a dateline ("Nov. 20" or, with a year, "Nov. 20, 2024").
dateline-date = { month-name } { $day }{ $year ->
    [none] {""}
   *[other] , { $year }
}

## Agencies

# $agency: the agency as written in the source story. Known agencies get
# the name this locale uses for them; others are kept as they are.
agency-name = { $agency ->
   *[other] { $agency }
}

## Dateline

# $shape: which parts are present: full (place, date, agency), no-date,
# no-place, no-agency, place, date, agency.
# $place: the place as written in the translated story; $month, $day;
# $agency (see agency-name).
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

# Joining a list of names: "A, B and C". $script is latin when any name
# has Latin letters, other otherwise (for languages that join names in
# their own script differently).
names-separator = {", "}
# $first: the names before the last one, already joined; $second: the last.
names-pair = { $first } and { $second }

# $names: the joined names; $count: how many.
byline = By { $names }

# Where the byline goes: "line" (its own line above the story) or "lead"
# (inside the opening of the first paragraph, see lead).
byline-placement = line

# The opening of the first paragraph, up to the text: it ends with the
# space that separates it from the text (none in Chinese and Japanese).
# $dateline: the formatted dateline; $byline: the formatted byline;
# $has-byline: yes or no (always no when byline-placement is line).
lead = { $dateline }{" "}

## Update tags

# $ordinal: a number, written as an English ordinal (2nd, 3rd, 11th, 21st).
ordinal = { NUMBER($ordinal, type: "ordinal") ->
    [one] { $ordinal }st
    [two] { $ordinal }nd
    [few] { $ordinal }rd
   *[other] { $ordinal }th
}

# $kind: lead (a rewritten version; $ordinal 1 for the first, 2, 3 ...)
# or urgent.
update-tag = { $kind ->
    [urgent] (URGENT)
   *[lead] { $ordinal ->
        [1] (LEAD)
       *[other] ({ ordinal } LD)
    }
}

## End of story

end-mark = (END)

## Labels around fixed text (credits and restrictions are never translated)

label-photo = Photo
label-credit = Credit
label-restrictions = Restrictions
label-copyright = Copyright
label-usage-terms = Usage terms

## Placement and the editor's note

# Where the update tag goes, by $kind (lead or urgent): "start" (before
# the headline text) or "end" (right after it, as Yonhap's Korean service
# writes "… 전망(종합2보)").
update-tag-placement = start

# What a translation into this language shows of the source's editor's
# note (the header's "ATTN: ADDS ...", an instruction to the source desk's
# editors): "keep" writes it in the header line as written, "omit" leaves
# it out (translators still get it as a note in the XLIFF file).
editor-note-in-translation = keep
