# newsloc: الأجزاء الثابتة من الخبر بالعربية.
# Arabic wire style: "سيول، 12 سبتمبر (يونهاب) --". Written right to left;
# the bundle isolates every placeable (FSI ... PDI) so that Latin names and
# numbers keep their order.

## Dates

# $month (1-12)
month-name = { $month ->
    [1] يناير
    [2] فبراير
    [3] مارس
    [4] أبريل
    [5] مايو
    [6] يونيو
    [7] يوليو
    [8] أغسطس
    [9] سبتمبر
    [10] أكتوبر
    [11] نوفمبر
    [12] ديسمبر
   *[other] { $month }
}

# $month, $day
dateline-date = { $day } { month-name }

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
    [Yonhap] يونهاب
    [AP] أسوشيتد برس
    [AFP] أ ف ب
    [Reuters] رويترز
    [Xinhua] شينخوا
    [KCNA] الوكالة المركزية الكورية للأنباء
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
dateline = { $shape ->
    [no-date] { $place } ({ agency-name }) --
    [no-place] { dateline-date } ({ agency-name }) --
    [no-agency] { $place }، { dateline-date } --
    [place] { $place } --
    [date] { dateline-date } --
    [agency] ({ agency-name }) --
   *[full] { $place }، { dateline-date } ({ agency-name }) --
}

## Byline

names-separator = {"، "}
names-pair = { $first } و{ $second }

# $names, $count
byline = بقلم { $names }

byline-placement = line

# $dateline, $byline, $has-byline
lead = { $dateline }{" "}

## Update tags

# $ordinal: a number.
ordinal = { $ordinal }

update-tag = { $kind ->
    [urgent] (عاجل)
   *[lead] { $ordinal ->
        [1] (محدث)
       *[other] (تحديث { ordinal })
    }
}

## End of story

end-mark = (انتهى)

## Labels

label-photo = صورة
label-credit = المصدر
label-restrictions = قيود الاستخدام
label-copyright = حقوق النشر
label-usage-terms = شروط الاستخدام

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
