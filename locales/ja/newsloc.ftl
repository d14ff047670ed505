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
