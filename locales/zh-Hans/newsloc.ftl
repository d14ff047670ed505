# newsloc: 简体中文通讯稿的固定部分。
# Simplified Chinese wire style (Xinhua/Yonhap Chinese service):
# "韩联社首尔9月12日电（记者 金恩贞）", end mark "（完）".

## Dates

# $month (1-12)
month-name = { $month }月

# $month, $day
dateline-date = { $month }月{ $day }日

## Agencies

# $agency: the agency as written in the source story.
agency-name = { $agency ->
    [Yonhap] 韩联社
    [Xinhua] 新华社
    [AP] 美联社
    [AFP] 法新社
    [Reuters] 路透社
    [Kyodo] 共同社
    [KCNA] 朝中社
   *[other] { $agency }
}

## Dateline

# $shape: full, no-date, no-place, no-agency, place, date, agency.
dateline = { $shape ->
    [no-date] { agency-name }{ $place }电
    [no-place] { agency-name }{ dateline-date }电
    [no-agency] { $place }{ dateline-date }电
    [place] { $place }电
    [date] { dateline-date }电
    [agency] { agency-name }电
   *[full] { agency-name }{ $place }{ dateline-date }电
}

## Byline

names-separator = 、
names-pair = { $first }、{ $second }

# $names, $count
byline = 记者 { $names }

# The reporter follows the dateline in parentheses.
byline-placement = lead

# $dateline, $byline, $has-byline
lead = { $has-byline ->
    [yes] { $dateline }（{ $byline }）
   *[no] { $dateline }
}

## Update tags

# $ordinal: a number.
ordinal = 第{ $ordinal }次

update-tag = { $kind ->
    [urgent] （快讯）
   *[lead] { $ordinal ->
        [1] （详讯）
       *[other] （{ ordinal }详讯）
    }
}

## End of story

end-mark = （完）

## Labels

label-photo = 图片
label-credit = 来源
label-restrictions = 使用限制
label-copyright = 版权
label-usage-terms = 使用条款

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
