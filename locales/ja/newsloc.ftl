# newsloc: 日本語の通信記事の固定部分。
# Japanese wire style: the dateline is "【ソウル聯合ニュース】" (place and
# agency in lenticular brackets, no date); the end mark is "（終）".

## Dates

# $month (1-12)
month-name = { $month }月

# $month, $day
dateline-date = { $month }月{ $day }日

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
    [Yonhap] 聯合ニュース
    [Kyodo] 共同
    [Jiji] 時事
    [AP] AP
    [AFP] AFP時事
    [Reuters] ロイター
    [Xinhua] 新華社
    [KCNA] 朝鮮中央通信
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
dateline = { $shape ->
    [no-date] 【{ $place }{ agency-name }】
    [no-place] 【{ agency-name }】
    [no-agency] 【{ $place }】
    [place] 【{ $place }】
    [date] 【{ dateline-date }】
    [agency] 【{ agency-name }】
   *[full] 【{ $place }{ agency-name }】
}

## Byline

names-separator = 、
names-pair = { $first }、{ $second }

# $names, $count
byline = { $names }記者

byline-placement = line

# $dateline, $byline, $has-byline
lead = { $dateline }

## Update tags

# $ordinal: a number.
ordinal = 第{ $ordinal }報

update-tag = { $kind ->
    [urgent] （速報）
   *[lead] { $ordinal ->
        [1] （続報）
       *[other] （{ ordinal }）
    }
}

## End of story

end-mark = （終）

## Labels

label-photo = 写真
label-credit = クレジット
label-restrictions = 使用制限
label-copyright = 著作権
label-usage-terms = 利用条件

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
