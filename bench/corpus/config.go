package main

// hugoConfig is read by Hugo, named with --config hugo-bench.toml: both Hugo
// and Loa would read a hugo.toml before config.toml.
// The theme is copied into themes/bench. Hugo before 0.128 ignores
// [pagination]; its default pager size is 10 as well.
const hugoConfig = `baseURL = "` + baseURL + `"
title = "` + siteTitle + `"
languageCode = "vi"
timeZone = "Asia/Ho_Chi_Minh"
defaultContentLanguage = "vi"
theme = "bench"
enableRobotsTXT = false

[pagination]
pagerSize = 10

[taxonomies]
category = "categories"
tag = "tags"

[params]
description = "Thông tin chính thống từ các cơ quan nhà nước."

[related]
includeNewer = true
threshold = 80
toLower = false

[[related.indices]]
name = "tags"
weight = 100

[[related.indices]]
name = "categories"
weight = 50

[[related.indices]]
name = "date"
weight = 10
`

// loaConfig is read by Loa.
const loaConfig = `baseURL = "` + baseURL + `"
title = "` + siteTitle + `"
languageCode = "vi"
timeZone = "Asia/Ho_Chi_Minh"
pagerSize = 10

[taxonomies]
category = "categories"
tag = "tags"
`
