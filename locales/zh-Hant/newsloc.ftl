# newsloc: 繁體中文通訊稿的固定部分。
# Traditional Chinese wire style (CNA): the dateline is in full-width
# parentheses, "（韓聯社首爾9月12日電）"; end mark "（完）".

## Dates

# $month (1-12)
month-name = { $month }月

# $month, $day
dateline-date = { $month }月{ $day }日

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
    [Yonhap] 韓聯社
    [CNA] 中央社
    [Xinhua] 新華社
    [AP] 美聯社
    [AFP] 法新社
    [Reuters] 路透社
    [Kyodo] 共同社
    [KCNA] 朝中社
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
dateline = { $shape ->
    [no-date] （{ agency-name }{ $place }電）
    [no-place] （{ agency-name }{ dateline-date }電）
    [no-agency] （{ $place }{ dateline-date }電）
    [place] （{ $place }電）
    [date] （{ dateline-date }電）
    [agency] （{ agency-name }電）
   *[full] （{ agency-name }{ $place }{ dateline-date }電）
}

## Byline

names-separator = 、
names-pair = { $first }、{ $second }

# $names, $count
byline = 記者{ $names }

byline-placement = line

# $dateline, $byline, $has-byline
lead = { $dateline }

## Update tags

# $ordinal: a number.
ordinal = 第{ $ordinal }次

update-tag = { $kind ->
    [urgent] （快訊）
   *[lead] { $ordinal ->
        [1] （詳訊）
       *[other] （{ ordinal }詳訊）
    }
}

## End of story

end-mark = （完）

## Labels

label-photo = 圖片
label-credit = 來源
label-restrictions = 使用限制
label-copyright = 版權
label-usage-terms = 使用條款

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
