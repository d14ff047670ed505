# newsloc: 한국어 통신 기사(연합뉴스 방식)의 고정 부분.
# Korean wire style (Yonhap): the dateline is "(서울=연합뉴스)" without a
# date, the reporter follows it ("홍길동 기자 ="), the end mark is "(끝)".

## Dates

# $month (1-12)
month-name = { $month }월

# $month, $day
dateline-date = { $month }월 { $day }일

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
    [Yonhap] 연합뉴스
    [AP] AP
    [AFP] AFP
    [Reuters] 로이터
    [Kyodo] 교도
    [Xinhua] 신화
    [KCNA] 조선중앙통신
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
# Yonhap's Korean dateline carries no date.
dateline = { $shape ->
    [no-date] ({ $place }={ agency-name })
    [no-place] ({ agency-name })
    [no-agency] ({ $place })
    [place] ({ $place })
    [date] ({ dateline-date })
    [agency] ({ agency-name })
   *[full] ({ $place }={ agency-name })
}

## Byline

# Several reporters: "홍길동 김철수 기자"; names in Latin letters are
# separated by commas so that each stays readable: "Kim Min-ji, John Doe 기자".
# $script: latin when any name has Latin letters, other otherwise.
names-separator = { $script ->
    [latin] {", "}
   *[other] {" "}
}
names-pair = { $script ->
    [latin] { $first }, { $second }
   *[other] { $first } { $second }
}

# $names, $count, $role: the reporters' role as the story wrote it when
# it is not 기자 (one of byline-roles, such as 특파원, correspondent), else
# none.
byline = { $role ->
    [none] { $names } 기자
   *[other] { $names } { $role }
}

# The roles Yonhap's bylines write besides 기자, separated by spaces:
# correspondent, stringer, senior, specialist and guest reporters, intern,
# editorial writers. A byline with one of them is read with its role and
# written again with it in Korean copy.
byline-roles = 특파원 통신원 선임기자 전문기자 객원기자 인턴기자 편집위원 논설위원 기상캐스터

# The byline goes after the dateline: "(서울=연합뉴스) 홍길동 기자 = ..."
byline-placement = lead

# $dateline, $byline, $has-byline (yes or no)
lead = { $has-byline ->
    [yes] { $dateline } { $byline } ={" "}
   *[no] { $dateline }{" "}
}

## Update tags

# $ordinal: a number.
ordinal = { $ordinal }

# (종합) is the first rewrite, (종합2보) the second, ...
update-tag = { $kind ->
    [urgent] [속보]
   *[lead] { $ordinal ->
        [1] (종합)
       *[other] (종합{ ordinal }보)
    }
}

## End of story

end-mark = (끝)

## Labels

label-photo = 사진
label-credit = 출처
label-restrictions = 사용 제한
label-copyright = 저작권
label-usage-terms = 이용 조건

## Placement and the editor's note

# Where the update tag goes, by $kind (lead or urgent): "start" (before
# the headline text) or "end" (right after it, as Yonhap's Korean service
# writes "… 전망(종합2보)").
update-tag-placement = { $kind ->
    [urgent] start
   *[lead] end
}

# What a translation into this language shows of the source's editor's
# note (the header's "ATTN: ADDS ...", an instruction to the source desk's
# editors): "keep" writes it in the header line as written, "omit" leaves
# it out (translators still get it as a note in the XLIFF file).
editor-note-in-translation = omit
