// Generated from Pipelines/default.yaml and Pipelines/rules/chrome-ja.yaml: the defaults
// compiled into the binary. Do not edit by hand; EmbeddedDefaultsTests checks that this
// file matches them, and `RECORD_DEFAULTS=1 swift test --filter EmbeddedDefaults` rewrites it.
enum EmbeddedDefaults {
    static let pipelineYAML = #"""
# The default pipeline: what `wikiclean run` does when no --pipeline is given.
# This file is also compiled into the binary (Sources/WikiClean/Defaults), and a test
# checks that the two are the same. Options sit next to `stage:`; paths are relative to
# this file.
name: default
reader:
  format: auto            # auto (by extension: .jsonl/.ndjson are JSON Lines), text, jsonl
  text-field: text        # JSON Lines: the field that holds the raw page
  max-record-bytes: 67108864
stages:
  - stage: unwrap-wiki-source  # pages that hold @wiki or PukiWiki source markup; others pass unchanged
  - stage: unwrap-markdown    # pages scraped to Markdown (Jina Reader, Firecrawl, …); others pass unchanged
  - stage: rejoin-lines      # text-browser dumps (w3m, lynx), get_text() one node a line, copied tables
  - stage: strip-chrome
    rules: rules/chrome-ja.yaml
  - stage: split-headings
  - stage: split-captions
  - stage: normalize
    profile: wiki-ja
  - stage: detect-boundaries
    keep-fragments: true
"""#

    static let chromeRulesYAML = #"""
# Site chrome of Japanese wiki families, for the strip-chrome stage.
#
# Pattern syntax: literal text (full-width and half-width ASCII match alike; a space
# matches any run of spaces, or none), {d} digits, {any<N} up to N characters (lazy),
# {text<N} the same without crossing a 。, {?…} an optional part.
# where: line (the whole line) | start | end (a trailing ... aside) | after-mark (ends the line, right
#   after a truncation mark `...`/`…`: a link or count glued after a preview) | anywhere (default).
# action: cut (default: cut the match out) | drop-line (the whole line is chrome).
# signal: page-start | page-end (a hint for detect-boundaries and for page splitting).
# next-line: drop (the line after a whole-line match is chrome too when it reads like a menu:
#   no sentence end, or cut off by a truncation, and not a lead).
# next-lines: drop (the lines after a whole-line match are chrome too when every one reads like a
#   link, short with no sentence or clause end, and they run to the next chrome line or the
#   page end: a side block or footer block scraped one link a line).
#   next-lines: drop-all (the lines after a whole-line match are chrome too, whatever they read like,
#   up to the next chrome line or the page end, at most 12 lines: the body of a board post or page
#   comment under its header line).
#   next-lines: drop-page (the lines after a whole-line match are chrome too, whatever they read like,
#   to the end of the page: the raw source and diff rows of a diff or source view under its title;
#   a footer line (signal: page-end) or another page's preview (a lead cut off with ...) ends the run).
#   next-lines: caption (the one line after a whole-line match is a caption when it reads like one:
#   at most 80 characters, no sentence end, not cut off, not a lead, not a section's name; the
#   caption under a file link that stands for an image a copy did not carry over).
# next-line: drop-page-id (the line after a whole-line match is chrome too when it reads like a
#   page id: one word with a namespace `ns:page_name`, or of small ASCII letters, digits, `_-.`).
# path-over-title: drop (above a whole-line match, past chrome lines, the first line of text is
#   the page's title line; the line over it is chrome too when it reads like a page path `/A/B/`).
# previous-line: drop (the line before a whole-line match is chrome too when it reads like a
#   label: at most 80 characters, no sentence end, not a lead; e.g. Wikiwand's short description).
# Evidence tags follow ../shared/reference/chrome-catalogue.md: seed, page, src, fix, peer.
version: 1

phrases:
  # --- @wiki (atwiki) -------------------------------------------------------------
  - id: atwiki.left-menu-heading
    pattern: "左メニュー"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    next-line: drop      # the menu block follows its heading, whatever a wiki put in it
    evidence: seed
  - id: atwiki.left-menu
    pattern: "左メニューサンプル"
    where: start
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: seed
  - id: atwiki.left-menu-help
    pattern: "左メニューはヘッダーメニューの【編集】>【左メニューを編集する】をクリックすると編集できます。"
    action: drop-line
    evidence: seed
  - id: atwiki.share-button
    pattern: "シェアボタン: このページをSNSに投稿するのに便利です。"
    action: drop-line
    signal: page-end
    evidence: seed

  # --- Wikipedia (ja) and MediaWiki: header -------------------------------------------
  # The tagline of Wikipedia (ja) and of the Wikimedia sister projects in Japanese, each a local
  # MediaWiki:Tagline of one shape, `出典: フリー<kind>『<project name>(Wik…)』`: the project's name in
  # katakana over its English name in parentheses.
  - id: wikipedia.tagline
    pattern: "出典: フリー{text<10}『{text<20}(Wik{text<12})』{? ({d}/{d}/{d} {d}:{d} UTC 版)}"
    signal: page-start
    evidence: "seed, page, fix (`出典: フリー百科事典『ウィキペディア（Wikipedia）』`; with Weblio's `(… UTC 版)`); page (ja.wiktionary.org, `出典: フリー多機能辞典『ウィクショナリー日本語版（Wiktionary）』` under the title, e.g. a diff view of いのしし; ja.wikibooks.org, `出典: フリー教科書『ウィキブックス(Wikibooks)』` under the title of book pages and project pages; chikapedia.jppj.jp, a Wikipedia copy, `出典: フリー百科事典『地下ぺディア(Wikipedia)』`)"
  - id: wikinews.tagline
    pattern: "出典:『ウィキニュース』{?(ベータ版)}"
    signal: page-start
    evidence: page (ja.wikinews.org, `出典:『ウィキニュース』(ベータ版)` under the title, over `ナビゲーションに移動 検索に移動`, on 短信 pages, project pages, template pages and diff views)
  - id: enpedia.tagline
    pattern: "出典: 謎の百科事典もどき『エンペディア(Enpedia)』"
    signal: page-start
    evidence: page
  # The same MediaWiki:Tagline shape on wikis that copy Wikipedia's look under their own name,
  # `出典: <what the site is>『<its name>(<its other name>)』`: the site's name is a variable part,
  # the description before the 『 ends in ウィキ (`へっぽこ実験ウィキ`). A whole line only, as the
  # skin prints it under the title (a citation `出典: …『…』` opening a paragraph stays). Not
  # `…事典『…』`: such a line is also a citation, and Wikipedia's copies have their own rule.
  - id: mediawiki.tagline-cited-wiki
    pattern: "出典: {text<16}ウィキ『{text<24}({text<24})』"
    where: line
    signal: page-start
    evidence: "page (ja.uncyc.org and ja.uncyclopedia.info, アンサイクロペディア: `出典: へっぽこ実験ウィキ『八百科事典(アンサイクロペディア)』` under the title, over `移動先: 案内検索` or `移動: 案内検索`, on articles and user pages)"
  - id: mediawiki.tagline
    pattern: "提供: {any<60}"
    where: line
    action: drop-line
    signal: page-start
    evidence: src, page
  - id: wikipedia.html-title
    pattern: "{any<120} - Wikipedia"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page (the HTML title `X - Wikipedia` kept by text scrapes; wiki.edu.vn's `X – Wikipedia`, catalogue §8, matches too, as dashes fold alike)
  - id: wikipedia.html-title-kana
    pattern: "{any<120} - ウィキペディア"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: unverified (the HTML title with the site's name in katakana, as some Wikipedia copies and apps title a page; the same shape as wikipedia.html-title)
  - id: wikiwand.html-title
    pattern: "{any<120} - Wikiwand"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: unverified (the HTML title `X - Wikiwand` of a Wikiwand article page, kept by text scrapes as Wikipedia's is)
  - id: wikipedia.jump-links
    pattern: "ナビゲーションに移動 検索に移動"
    evidence: seed, src, fix
  - id: wikipedia.jump-to-navigation
    pattern: "ナビゲーションに移動"
    where: line
    evidence: src
  - id: wikipedia.jump-to-search
    pattern: "検索に移動"
    where: line
    evidence: src
  - id: wikipedia.skip-to-content
    pattern: "コンテンツにスキップ"
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page, src
  - id: wikipedia.language-count
    pattern: "{d}{?個}の言語版"
    where: line
    action: drop-line
    next-lines: drop-languages   # the language menu's names, one a line, down to `リンクを編集`
    evidence: src (Vector 2022 vector-language-button-label)
  - id: wikipedia.other-languages
    # Legacy Vector's language box heading (`otherlanguages`) over its language names, one a
    # line (MonoBook's older `他の言語` stays a menu word: a section of that name is possible).
    pattern: "他言語版"
    where: line
    action: drop-line
    next-lines: drop-languages
    evidence: src (core otherlanguages; MessagesJa.php of MediaWiki 1.11, Sligowebworks/mediawiki)
  - id: wikipedia.protection-indicator
    # The padlock icons a protected page shows by its title (the protection templates'
    # small form), scraped as their titles: `半永久的に半保護されているページ`,
    # `移動保護されたページ` (ja-two.iwiki.icu's copy of Help:検索, one under the other).
    pattern: "{any<12}保護されたページ"
    where: line
    action: drop-line
    evidence: page
  - id: wikipedia.protection-indicator-ongoing
    pattern: "{any<12}保護されているページ"
    where: line
    action: drop-line
    evidence: page (as wikipedia.protection-indicator)
  - id: wikipedia.no-languages
    pattern: "ページのコンテンツが他言語でサポートされていません。"
    where: line
    action: drop-line
    evidence: page (ja-two.iwiki.icu, a mirror of Vector 2022, under the title line; what the language menu says when the page has no other language versions. A sentence, but the header's, so the reader counts it as no text before the tagline)
  - id: wikipedia.toc-subsection-toggle
    pattern: "{any<80}サブセクションを切り替えます"
    where: line
    action: drop-line
    evidence: src (Vector 2022 vector-toc-toggle-button-label)
  - id: wikipedia.mobile-open-menu
    pattern: "メインメニューを開く"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: src (Minerva)
  - id: mediawiki.file-link
    # An image a copy did not carry over, shown as the link to its file page (a red link)
    # over its caption: `ファイル:Brockhaus Lexikon.jpg` (asate.sub.jp's copy of 百科事典).
    # The file name ends in an extension; the namespace's other names go alike.
    pattern: "ファイル:{any<200}.{any<5}"
    where: line
    action: drop-line
    next-lines: caption  # the image's caption, under it
    evidence: page
  - id: mediawiki.file-link-image
    pattern: "画像:{any<200}.{any<5}"
    where: line
    action: drop-line
    next-lines: caption  # the image's caption, under it
    evidence: src (the ja namespace alias 画像 of ファイル)
  - id: mediawiki.file-link-english
    pattern: "File:{any<200}.{any<5}"
    where: line
    action: drop-line
    next-lines: caption  # the image's caption, under it
    evidence: src (the canonical namespace name)
  - id: mediawiki.jump-to
    pattern: "移動先: 案内{?、}{?,} 検索"
    evidence: "src, page (goldpedia.shoutwiki.com `移動先: 案内, 検索`, the comma separator in ASCII)"
  - id: mediawiki.jump-to-short
    pattern: "移動: 案内{?、}{?,} 検索"
    evidence: "page (`移動: 案内検索`; terraria.arcenserv.info, a MediaWiki of the 2010s, `移動: 案内, 検索` under its tagline)"
  - id: mediawiki.jump-to-old
    pattern: "移動: ナビゲーション{?、}{?,} 検索"
    evidence: "src (older MediaWiki MessagesJa.php: `jumpto` 移動:, `jumptonavigation` ナビゲーション, `jumptosearch` 検索, the links a comma apart)"
  - id: mediawiki.redirected-from
    pattern: "({any<80}から転送)"
    where: start
    evidence: src
  - id: mediawiki.redirected-from-line
    # The notice alone on its line, also with its opening parenthesis lost, as text scrapers
    # give it (ja.wikipedia.org `インフォメーションから転送)`, enpedia.rxy.jp
    # `Wikipedia日本語版から転送)`: the page name is a link, the parenthesis before it goes).
    pattern: "{any<80}から転送)"
    where: line
    action: drop-line
    evidence: page
  - id: mediawiki.redirected-from-mobile
    pattern: "「{any<80}」から転送されました"
    where: start
    evidence: src
  - id: wikipedia.hatnote-about
    pattern: "この項目では、{text<150}説明しています。{?{text<200}をご覧ください。}"
    evidence: fix
  - id: wikipedia.hatnote-other-uses
    pattern: "その他の用法については{text<200}をご覧ください。"
    evidence: fix
  - id: wikipedia.hatnote-distinguish
    pattern: "「{text<80}」とは異なります。"
    where: start
    evidence: seed
  - id: wikipedia.hatnote-redirect
    pattern: "「{text<80}」はこの項目へ転送されています。{?{text<200}をご覧ください。}"
    evidence: unverified
  - id: wikipedia.year-navigation
    # A year article's navigation table (千年紀 / 世紀 / 十年紀 / 年, the years around it)
    # glued before its lead: `千年紀:2千年紀世紀:19世紀 - 20世紀 - 21世紀十年紀:1940年代 … 年:1961年 … 1967年`.
    pattern: "千年紀: {d}千年紀{? 世紀: {d}世紀 - {d}世紀 - {d}世紀}{? 十年紀: {d}年代 {d}年代 {d}年代 {d}年代 {d}年代}{? 年: {d}年 {d}年 {d}年 {d}年 {d}年 {d}年 {d}年}"
    where: start
    evidence: unverified
  - id: wikipedia.hatnote-see-also
    pattern: "「{text<80}」も参照"
    where: line
    evidence: fix
  - id: wikipedia.ipa-notice
    pattern: "このページはUnicodeで書かれた国際音声記号 (IPA) を含む場合があります。"
    evidence: page
  - id: wikipedia.ipa-notice-infobox
    pattern: "注意: このページはUnicodeで書かれた国際音声記号 (IPA) を含む場合があります。"
    evidence: page

  # --- Wikipedia (ja): maintenance boxes and banners -----------------------------------
  - id: wikipedia.maintenance-citation-style
    pattern: "出典は列挙するだけでなく、脚注などを用いてどの記述の情報源であるかを明記してください。記事の信頼性向上にご協力をお願いいたします。{?({d}年{d}月)}"
    evidence: seed
  - id: wikipedia.maintenance-no-sources
    pattern: "この記事は検証可能な参考文献や出典が全く示されていないか、不十分です。{?出典を追加して記事の信頼性向上にご協力ください。}{?({d}年{d}月)}"
    evidence: unverified
  - id: wikipedia.maintenance-add-sources
    pattern: "出典を追加して記事の信頼性向上にご協力ください。{?({d}年{d}月)}"
    evidence: unverified (second sentence of Template:出典の明記, on its own line)
  - id: wikipedia.maintenance-original-research
    pattern: "この記事には独自研究が含まれているおそれがあります。{?問題箇所を検証し出典を追加して、記事の改善にご協力ください。}{?議論はノートを参照してください。}{?({d}年{d}月)}"
    evidence: unverified (Template:独自研究's own sentences, from general knowledge; any sentence after the first took the lead glued after the box)
  - id: wikipedia.maintenance-multiple-issues
    pattern: "この記事には複数の問題があります。改善やノートページでの議論にご協力ください。{?{text<120}。{?{text<120}。}({d}年{d}月)}{?{text<120}。{?{text<120}。}({d}年{d}月)}{?{text<120}。{?{text<120}。}({d}年{d}月)}{?{text<120}。{?{text<120}。}({d}年{d}月)}{?{text<120}。{?{text<120}。}({d}年{d}月)}{?{text<120}。{?{text<120}。}({d}年{d}月)}"
    evidence: unverified (Template:複数の問題 from general knowledge; its header, then each issue's short text and its date, one after another; up to six issues taken)
  - id: wikipedia.maintenance-notability
    pattern: "この記事の主題はウィキペディアにおける独立記事作成の目安を満たしていないおそれがあります。{?目安に適合することを証明するために、記事の主題についての信頼できる二次資料を求めています。}{?なお、適合することが証明できない場合には、記事は統合されるか、リダイレクトに置き換えられるか、さもなくば削除される可能性があります。}{?({d}年{d}月)}"
    evidence: unverified (Template:特筆性, wording from general knowledge)
  - id: wikipedia.maintenance-translate
    pattern: "この記事は{text<20}版の対応するページを翻訳することにより充実させることができます。{?({d}年{d}月)}{?翻訳前に重要な指示を読むには右にある[表示]をクリックしてください。}"
    evidence: unverified (Template:翻訳直訳調 / 翻訳依頼 box, wording from general knowledge)
  - id: wikipedia.maintenance-translate-instructions
    pattern: "翻訳前に重要な指示を読むには右にある[表示]をクリックしてください。"
    evidence: unverified (the second line of the translation box, alone, wording from general knowledge)
  - id: wikipedia.maintenance-blp-sources
    pattern: "この存命人物の記事には検証可能な出典が不足しています。{?信頼できる情報源の提供に協力をお願いします。}{?存命人物に関する出典の無い、もしくは不完全な情報に基づいた論争の材料、特に潜在的に中傷・誹謗・名誉毀損あるいは有害となるものはすぐに除去する必要があります。}{?({d}年{d}月)}"
    evidence: unverified (Template:存命人物の出典明記, wording from general knowledge)
  - id: wikipedia.maintenance-primary-sources
    pattern: "この記事は一次資料や記事主題の関係者による情報源に頼って書かれています。{?正確な記述にするために、記事主題と関係のない独立した情報源による裏付けが必要です。}{?({d}年{d}月)}"
    evidence: unverified (Template:一次資料, wording from general knowledge)
  - id: wikipedia.maintenance-advert
    pattern: "この記事は広告・宣伝活動のような記述内容になっています。{?ウィキペディアの方針に沿った中立的な観点の記述内容に、この記事を修正してください。}{?露骨な広告宣伝活動には{text<20}を使用して、即時削除の対象とすることができます。}{?({d}年{d}月)}"
    evidence: unverified (Template:宣伝, wording from general knowledge)
  - id: wikipedia.maintenance-update
    pattern: "この記事は更新が必要とされています。{?この記事には古い情報が掲載されています。}{?編集の際に新しい情報を記事に反映させてください。}{?反映後、このタグは除去してください。}{?({d}年{d}月)}"
    evidence: unverified (Template:更新, wording from general knowledge)
  - id: wikipedia.notice-unsupported-characters
    pattern: "この項目には、一部のコンピュータや閲覧ソフトで表示できない文字が含まれています{?(詳細)}。"
    evidence: unverified (Template:環境依存文字, wording from general knowledge)
  - id: wikipedia.maintenance-image-request
    pattern: "画像提供依頼:{text<80}の画像提供をお願いします。{?({d}年{d}月)}"
    evidence: unverified (Template:画像提供依頼, wording from general knowledge)
  - id: wikipedia.maintenance-template-usage
    pattern: "(このテンプレートの使い方)"
    evidence: unverified
  - id: wikipedia.maintenance-source-search
    pattern: "出典検索?: {any<120}TWL{?({d}年{d}月)}"
    evidence: unverified
  - id: wikipedia.maintenance-issue-line
    pattern: "{text<120}。{?{text<120}。}({d}年{d}月)"
    where: line   # a cut of the whole line: a box's own rule above, matching the same line, keeps it
    evidence: unverified (Template:複数の問題 scraped one issue a line under its header, each issue's short text, then the month it was tagged in parentheses, as wikipedia.maintenance-multiple-issues reads them glued)
  - id: wikipedia.stub
    pattern: "この項目は、{text<80}に関連した書きかけの項目です。{?この項目を加筆・訂正などしてくださる協力者を求めています{?({any<80})}。}"
    evidence: seed, unverified
  - id: wikipedia.section-stub
    pattern: "この節の加筆が望まれています。"
    evidence: seed
  - id: wikipedia.footnote-help
    pattern: "[脚注の使い方]"
    evidence: seed
  - id: wikipedia.navbar
    pattern: "表・話・編・歴"
    where: line
    action: drop-line
    next-lines: drop-navbox  # the navbox title, group names and link runs under the navbar
    evidence: unverified (Template:Navbox navbar, catalogue 1.2)
  - id: wikipedia.navbar-glued
    pattern: "表・話・編・歴"
    evidence: unverified (Template:Navbox navbar, catalogue 1.2; glued to the navbox title)
  - id: wikipedia.navbar-full
    pattern: "表示・話・編・歴"
    where: line
    action: drop-line
    next-lines: drop-navbox
    evidence: unverified (Template:Navbox navbar with its first link spelt out)
  - id: wikipedia.navbar-spaced
    pattern: "表 話 編 歴"
    where: line
    action: drop-line
    next-lines: drop-navbox
    evidence: unverified (Template:Navbox navbar, the hlist links separated by spaces or glued)
  - id: wikipedia.navbar-dots
    pattern: "表 · 話 · 編 · 歴"
    where: line
    action: drop-line
    next-lines: drop-navbox
    evidence: unverified (Template:Navbox navbar, the hlist separators as text)
  - id: wikipedia.navbar-view-edit
    pattern: "表示 · 編集"
    where: line
    action: drop-line
    next-lines: drop-navbox
    evidence: unverified (navbar of older navboxes, catalogue 1.2)
  - id: wikipedia.navbar-history
    pattern: "歴"
    where: line
    action: drop-line
    next-lines: drop-navbox  # the navbar one link a line: 表, 話, 編 are the menu wikipedia.navbar-links
    evidence: unverified (Template:Navbox navbar scraped one link a line)
  - id: wikipedia.authority-control
    pattern: "典拠管理データベース"
    where: start
    action: drop-line
    next-lines: drop     # the groups and catalogues (全般, FAST, VIAF, 国立図書館, …), one a line
    evidence: unverified (Template:Normdaten)
  - id: wikipedia.portal-box
    pattern: "ウィキポータル 関連ポータルのリンク"
    where: line
    action: drop-line
    evidence: unverified (Template:Portal box header)
  - id: wikipedia.coordinates
    pattern: "座標: {?世界測地系 }{text<2}緯{d}度{?{d}分}{?{d}{?.{d}}秒} {text<2}経{d}度{?{d}分}{?{d}{?.{d}}秒}{? / {text<2}緯{d}.{d}度 {text<2}経{d}.{d}度}{? / {d}.{d}; {d}.{d}}"
    where: start
    evidence: unverified (Template:Coord as the title-bar coordinates render, DMS then decimal)
  - id: wikipedia.commons
    pattern: "ウィキメディア・コモンズには、{text<80}に関連するメディアがあります。"
    evidence: unverified
  # The sister-project boxes at the foot of a page of a Wikimedia sister project in Japanese
  # (ウィキクォート, ウィキブックス, …), each under its project's logo, whose alt text
  # (`Wikipedia`, `Wiktionary`, `Commons`) is the line over it (wikimedia.sister-project-logos).
  - id: wikimedia.sister-box-wikipedia
    pattern: "ウィキペディアにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: "page (ja.wikiquote.org 岡山県, under 外部リンク: `ウィキペディアにも岡山県の記事があります。`)"
  - id: wikimedia.sister-box-wiktionary
    pattern: "ウィクショナリーにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: "page (ja.wikiquote.org 岡山県: `ウィクショナリーにも岡山県の項目があります。`)"
  - id: wikimedia.sister-box-wikiquote
    pattern: "ウィキクォートにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: unverified (the same box for the other sister projects, named as the project calls itself)
  - id: wikimedia.sister-box-wikisource
    pattern: "ウィキソースにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: unverified (the same box for the other sister projects, named as the project calls itself)
  - id: wikimedia.sister-box-wikibooks
    pattern: "ウィキブックスにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: unverified (the same box for the other sister projects, named as the project calls itself)
  - id: wikimedia.sister-box-wikinews
    pattern: "ウィキニュースにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: unverified (the same box for the other sister projects, named as the project calls itself)
  - id: wikimedia.sister-box-wikivoyage
    pattern: "ウィキボヤージュにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: unverified (the same box for the other sister projects, named as the project calls itself)
  - id: wikimedia.sister-box-wikiversity
    pattern: "ウィキバーシティにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: unverified (the same box for the other sister projects, named as the project calls itself)
  - id: wikimedia.sister-box-wikispecies
    pattern: "ウィキスピーシーズにも{text<70}があります。"
    where: line
    action: drop-line
    evidence: unverified (the same box for the other sister projects, named as the project calls itself)
  - id: wikimedia.sister-box-commons
    pattern: "ウィキメディア・コモンズ{?に}{text<60}に関するメディアがあります。"
    where: line
    action: drop-line
    evidence: "page (ja.wikiquote.org 岡山県: `ウィキメディア・コモンズ岡山県に関するメディアがあります。`, the `に` before the linked name lost by the scrape)"
  # The sister-project boxes of Wikipedia (ja) itself (Template:Wiktionary, Template:Wikiquote, …),
  # one element a line: the box's sentence, then the entry it links on the line under it.
  - id: wikipedia.sister-box-wiktionary
    pattern: "ウィクショナリーに関連の辞書項目があります。"
    where: line
    action: drop-line
    next-line: drop   # the entry the box links (`杜`), on the line under the sentence
    evidence: "page (ja.m.wikipedia.org 杜, a disambiguation page: `ウィクショナリー` / `に関連の辞書項目があります。` / `杜` over the body, the link split off by the scrape)"
  - id: wikipedia.sister-box-wikiquote
    pattern: "ウィキクォートに{text<60}に関する引用句{?集}があります。"
    where: line
    action: drop-line
    evidence: unverified (Template:Wikiquote as it renders on Wikipedia (ja), under 関連項目 or 外部リンク)
  - id: wikipedia.sister-box-wikisource
    pattern: "ウィキソースに{text<60}の原文があります。"
    where: line
    action: drop-line
    evidence: unverified (Template:Wikisource and Template:Wikisource author as they render on Wikipedia (ja))
  # The notice that closes a disambiguation page (Template:Aimai; 人名, 地名 variants name
  # their kind before 曖昧さ回避).
  - id: wikipedia.disambiguation-notice
    pattern: "このページは{?人名の}{?地名の}曖昧さ回避のためのページです。{any<200}選んで{text<4}。"
    evidence: "page (ja.m.wikipedia.org 杜: `このページは曖昧さ回避のためのページです。一つの語句が複数の意味・職能を有する場合の水先案内のために、異なる用法を一覧にしてあります。…リンクを適切な項目に張り替えて下さい。` at the page's foot, its links split off by the scrape); the 人名 and 地名 variants unverified"
  - id: wikipedia.disambiguation-notice-links
    pattern: "このページへリンクしているページを見つけたら、リンクを適切な項目に張り替えて{text<4}。"
    evidence: "page (ja.m.wikipedia.org 杜: the notice's last sentence, on a line of its own where the scrape split the notice at its link `このページへリンクしているページ`)"
  - id: wikipedia.refmark
    pattern: "[ {d}]"   # `[1]`, and `[ 1]` as Vector 2022 text sometimes renders it (catalogue 1.2)
    evidence: seed-catalogue, page, fix
  - id: wikipedia.footnote-backlink
    pattern: "^ "
    where: start
    action: drop-line
    evidence: peer (bert-japanese)
  - id: wikipedia.footnote-backlink-numbered
    pattern: "{d}. ^ "
    where: start
    action: drop-line
    evidence: unverified (the notes list scraped with its ordered-list numbers, `1. ^ …`, as in markdown-jina's `1.   [^]`)
  - id: mediawiki.footnote-backlink-arrow
    pattern: "↑ "
    where: start
    action: drop-line
    evidence: src (Cite extension default `cite_references_link_one`, `[[#$2|↑]]`, the back-link before each note on wikis that keep the default, such as Fandom; Wikipedia (ja) overrides it with `^`)
  - id: wikipedia.refmark-group
    pattern: "[注 {d}]"
    evidence: page
  - id: wikipedia.refmark-note
    pattern: "[注釈 {d}]"
    evidence: page
  - id: wikipedia.refmark-dagger
    pattern: "[† {d}]"
    evidence: page (catalogue 1.2, a reference group `†`)
  - id: wikipedia.refmark-kome
    pattern: "[※ {d}]"
    evidence: page (catalogue 1.2, a reference group `※`)
  - id: wikipedia.refmark-witness
    pattern: "[証人 {d}]"
    evidence: page (catalogue 1.2, a reference group `証人`)
  - id: wikipedia.inline-citation-needed
    pattern: "[要出典{?{text<30}}]"
    evidence: fix, peer
  - id: wikipedia.inline-page-needed
    pattern: "[要ページ番号{?{text<30}}]"
    evidence: fix
  - id: wikipedia.inline-reliability
    pattern: "[信頼性要検証{?{text<30}}]"
    evidence: fix
  - id: wikipedia.inline-dead-link
    pattern: "[リンク切れ{?{text<30}}]"
    evidence: fix
  - id: wikipedia.inline-verify
    pattern: "[要検証{?{text<30}}]"
    evidence: fix
  - id: wikipedia.inline-dubious
    pattern: "[疑問点{?{text<30}}]"
    evidence: fix
  - id: wikipedia.inline-original-research
    pattern: "[独自研究?]"
    evidence: peer (bert-japanese `\[(要出典|リンク切れ|.+?\?)\]`), catalogue 1.2
  - id: wikipedia.inline-explain
    pattern: "[要説明{?{text<30}}]"
    evidence: unverified (Template:要説明)
  - id: wikipedia.inline-when
    pattern: "[いつ?]"
    evidence: unverified (Template:いつ)
  - id: wikipedia.inline-who
    pattern: "[誰?]"
    evidence: unverified (Template:誰)
  - id: wikipedia.inline-where
    pattern: "[どこ?]"
    evidence: unverified (Template:どこ)
  - id: wikipedia.css-leak
    pattern: ".mw-parser-output {any<600}}}"
    evidence: page (seisyun.net; TemplateStyles CSS left as text, one `.mw-parser-output …{…}` rule after another, glued to the template's text that follows; each rule is cut up to its closing brace, so text glued after the CSS stays)

  # --- Wikipedia (ja) and MediaWiki: footer ----------------------------------------------
  - id: mediawiki.retrieved-from
    pattern: "「http{any<400}」から取得"
    signal: page-end
    evidence: src
  - id: mediawiki.retrieved-from-old
    pattern: "「http{any<400}」より作成"
    signal: page-end
    evidence: "src (older MediaWiki MessagesJa.php `retrievedfrom` `「$1」より作成`, the footer line before `「$1」から取得`)"
  - id: mediawiki.retrieved-from-older
    # The same footer line in MediaWiki before 1.13 or so: `retrievedfrom` = ` "$1" より作成`.
    pattern: "\"http{any<400}\" より作成"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (MessagesJa.php of MediaWiki 1.11, Sligowebworks/mediawiki)
  - id: mediawiki.categories
    pattern: "カテゴリ: {any<2000}"
    where: start
    action: drop-line
    signal: page-end
    evidence: src
  - id: mediawiki.category-heading
    pattern: "カテゴリ:"
    where: line
    action: drop-line
    next-lines: drop     # the category links, one a line
    signal: page-end
    evidence: src (core `pagecategories` + `colon-separator`; unverified the scrape that puts each category link on its own line, as Fandom's and other skins' category bars come out)
  - id: fandom.category-panel
    pattern: "カテゴリ"
    where: line
    action: drop-line
    next-lines: drop     # the category links, one a line, up to the license line
    evidence: src (core `pagecategories` = `{{PLURAL:$1|カテゴリ}}`), unverified (Fandom's skins print it over the page's category links with no colon, the mobile skin as a collapsible panel under the body)
  - id: mediawiki.powered-by
    pattern: "Powered by MediaWiki"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (MediaWiki's footer icon, alt text `Powered by MediaWiki`, kept as text by scrapes)
  - id: wikipedia.footer-copyright-icon
    pattern: "Wikimedia Foundation"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (Wikipedia's footer copyright icon, `wikimedia-button` with alt text `Wikimedia Foundation`, next to `Powered by MediaWiki`; kept as text by text browsers)
  - id: miraheze.hosted-by
    pattern: "Hosted by Miraheze"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (the footer icon of Miraheze-hosted wikis, its alt text kept by scrapes, as mediawiki.powered-by)
  - id: mediawiki.hidden-categories
    pattern: "隠しカテゴリ: {any<2000}"
    where: start
    action: drop-line
    evidence: src
  - id: wikipedia.last-modified
    pattern: "最終更新 {d}年{d}月{d}日 ({any<3}) {d}:{d} (日時は個人設定で未設定ならばUTC)。"
    signal: page-end
    evidence: fix
  - id: mediawiki.last-modified-older
    # MediaWiki before 1.13 or so: `lastmodifiedat` = `最終更新 $1 $2` (date, time), the line
    # of the footer alone (jawiki's own message added the UTC note later: wikipedia.last-modified).
    pattern: "最終更新 {d}年{d}月{d}日 ({any<3}) {d}:{d}{?。}"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (MessagesJa.php of MediaWiki 1.11, Sligowebworks/mediawiki; the date format `Y年n月j日 (D)`)
  - id: wikipedia.license-gfdl-old
    # Wikipedia's footer before the 2009 move to CC BY-SA: the GFDL line, left in English.
    pattern: "All text is available under the terms of the GNU Free Documentation License.{?{any<60}}"
    where: start
    action: drop-line
    signal: page-end
    evidence: unverified (jawiki's MediaWiki:Copyright of MonoBook pages before 2009, as general knowledge of the site holds it)
  - id: wikipedia.trademark-old
    pattern: "Wikipedia® は Wikimedia Foundation, Inc. の米国およびその他の国における登録商標です。"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (the trademark line under the license in jawiki's footer of MonoBook and early Vector pages)
  - id: mediawiki.last-modified
    pattern: "このページの最終更新日時は {d}年{d}月{d}日 {?({any<3})} {d}:{d} です。"
    signal: page-end
    evidence: src
  - id: mediawiki.last-modified-old
    pattern: "このページの最終更新は {d}年{d}月{d}日 {?({any<3})} {d}:{d} に行われました。"
    signal: page-end
    evidence: "src (older MediaWiki MessagesJa.php `lastmodifiedat` `このページの最終更新は $1 $2 に行われました。`)"
  - id: wikipedia.mobile-last-modified
    pattern: "最終更新: {text<80}"   # not across a 。: Seesaa's `最終更新： …` glued to a short lead is no footer
    where: line
    action: drop-line
    signal: page-end
    evidence: src
  - id: wikipedia.license
    pattern: "テキストはクリエイティブ・コモンズ 表示-継承ライセンスの{?下}{?もと}で利用{?可能です}{?できます}。{?追加の条件が適用される場合があります。}{?詳細は利用規約を参照してください。}{?詳細については利用規約を参照してください。}"
    signal: page-end
    evidence: fix, unverified
  - id: mediawiki.license
    pattern: "特に記載がない限り、内容は{text<80}のライセンスで利用できます。"
    signal: page-end
    evidence: src
  - id: wikipedia.mobile-license
    pattern: "コンテンツは、特記しない限り{text<40}のもとで利用可能です。"
    signal: page-end
    evidence: unverified
  - id: mediawiki.page-views
    pattern: "このページは {d}{?,{d}}{?,{d}} 回アクセスされました。"
    evidence: src (core `viewcount`; the count is rendered with digit grouping, `1,234`)
  - id: mediawiki.about-site
    pattern: "{any<40}Wikiについて"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (core `aboutsite` = `{{SITENAME}}について`, footer link; catalogue 1.3 — only for site names ending in Wiki, as `Xについて` alone is also a heading)
  - id: mediawiki.about-site-lower
    pattern: "{any<40}wikiについて"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (core `aboutsite`, as above, for site names ending in wiki)
  - id: wikipedia.mobile-history
    pattern: "このページの編集履歴を閲覧"
    where: line
    action: drop-line
    evidence: src
  - id: wikipedia.mobile-last-editor
    pattern: "最終編集日時: {any<60}"
    where: line
    action: drop-line
    evidence: unverified

  # --- ウィキソース (ja.wikisource.org): a text work's header box and license box -----------------
  # (its tagline is MediaWiki's default `提供: Wikisource`, mediawiki.tagline above)
  - id: wikisource.license
    pattern: "この作品は{text<160}パブリックドメインの状態にあります。"
    where: start
    action: drop-line
    evidence: unverified (the PD license box under a work; the wording is the one the fixture wikisource uses)
  - id: wikisource.author
    pattern: "作者:{any<40}"
    where: line
    action: drop-line
    evidence: unverified (the header box's author field over a work, one element a line)
  - id: wikisource.source-text
    pattern: "底本:{any<160}"
    where: line
    action: drop-line
    evidence: unverified (the bibliographic note naming the edition a work was transcribed from)
  # --- ウィキニュース (ja.wikinews.org): an article's date line, the 短信 pages' day links -----
  - id: wikinews.brief-nav
    pattern: "前日<< {d}月{d}日の短信 >>翌日"
    where: line
    action: drop-line
    evidence: page (ja.wikinews.org 短信:YYYY年/M月/D日 pages, desktop and mobile, `前日<< 2月5日の短信 >>翌日` over the day's briefs)
  - id: wikinews.date
    pattern: "【{d}年{d}月{d}日】"
    where: line
    action: drop-line
    evidence: unverified (the date an article's 日付 template prints over the article; ja.wikinews.org's `ウィキニュース:記事の書き方` (page) names the template and its use, `日付|2005年7月3日`, but its rendering as `【YYYY年M月D日】` on a line of its own is not attested)
  # --- Wikipedia (ja) talk pages, mobile view (catalogue §1.5) ----------------------------
  - id: wikipedia.talk-latest-comment
    pattern: "最新のコメント: {d} {any<8}前"
    where: start
    action: drop-line
    evidence: page (DiscussionTools page header `最新のコメント 4 年前 | トピック … | 投稿者 …`, catalogue §1.5)
  - id: wikipedia.talk-signature
    pattern: "--{text<40}{?(}会話{?)} {d}年{d}月{d}日 ({any<3}) {d}:{d} (UTC){?返信}"
    where: end
    evidence: page (a signature with its talk link glued to the comment, `--利用者名会話2013年11月13日 (水) 10:43 (UTC)返信`, the reply button last)

  # --- Fandom ----------------------------------------------------------------------------
  - id: fandom.license
    pattern: "特に記載のない限り、コミュニティのコンテンツはCC BY-SAライセンスの下で利用可能です。"
    signal: page-end
    evidence: seed
  - id: fandom.html-title
    pattern: "{any<160} | Fandom"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page (the HTML title `X | Y Wiki | Fandom` kept by text scrapes)
  - id: fandom.brand
    pattern: "Fandom"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page
  - id: fandom.brand-upper
    pattern: "FANDOM"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page
  - id: fandom.advertisement
    pattern: "Advertisement"
    where: line
    action: drop-line
    evidence: page
  - id: fandom.advertisement-glued
    pattern: "Advertisement"
    where: start
    evidence: page (the ad slot's label glued by a text scrape to the line after it, `Advertisementニホンカモシカは、…`; catalogue §3 H/I and its note that chrome glues to the text around it)
  - id: fandom.advertisement-glued-end
    pattern: "Advertisement"
    where: end
    evidence: page (the same label glued to the end of the line before it, a preview's trailing ... aside)
  - id: fandom.apps
    pattern: "Take your favorite fandoms with you and never miss a beat."
    action: drop-line
    signal: page-end
    evidence: fix
  - id: fandom.community
    pattern: "{any<80} Wiki is a FANDOM {any<40} Community."
    where: line
    action: drop-line
    signal: page-end
    evidence: fix

  - id: fandom.translation-notice
    pattern: "このヘルプには{?更新、または}翻訳されていないコンテンツがあります。{?どなたでも翻訳にご協力いただくことができます。}"
    where: line
    action: drop-line
    evidence: "page (community.fandom.com/ja, the translation banner over help pages, `このヘルプには翻訳されていないコンテンツがあります。…` on ヘルプ:Fandom and `このヘルプには更新、または翻訳されていないコンテンツがあります。…` on ヘルプ:Wiki Rules and Blocking Policy)"
  - id: fandom.translation-source
    pattern: "原文 : w:{any<100}"
    where: line
    action: drop-line
    evidence: "page (community.fandom.com/ja, the banner's second line linking the English original on Community Central, `原文 : w:Help:Fandom`, `原文 : w:help:Wiki Rules and Blocking Policy`)"

  - id: fandom.view-site
    pattern: "View {?Full }{?Mobile }Site"
    where: line
    action: drop-line
    signal: page-end
    evidence: page (help pages of Fandom wikis tell mobile readers to switch by `"View full site" at the end of the page`), unverified (its capitals, and `View Mobile Site` on the desktop skin)
  - id: fandom.view-site-lower
    pattern: "View {?full }{?mobile }site"
    where: line
    action: drop-line
    signal: page-end
    evidence: page (the same link as the help pages write it, `View full site`)

  - id: fandom.popular-pages
    pattern: "人気のページ"
    where: line
    action: drop-line
    next-lines: drop     # the rail module's page links
    evidence: unverified (FandomDesktop right-rail module; generic.read-more already takes the heading alone)

  # --- Weblio and other copies of Wikipedia ------------------------------------------------
  - id: weblio.title
    pattern: "{any<80}とは? わかりやすく解説{? - Weblio辞書}"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page, unverified (the HTML title's suffix ` - Weblio辞書`)
  - id: weblio.title-glued
    pattern: "{any<80}とは? わかりやすく解説{? - Weblio辞書}Weblio 辞書 > {any<120}の意味・解説"
    where: start
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page (the title line glued by a scrape to the breadcrumb under it, as the seed glues a tagline to its jump links)
  - id: weblio.breadcrumb
    pattern: "Weblio 辞書 > {any<120}の意味・解説"
    where: start
    signal: page-start
    evidence: page
  - id: weblio.copied-notice
    pattern: "この記事は、ウィキペディアの{any<200}の記事を複製、再配布したものにあたり{any<400}"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified
  - id: weblio.related-terms
    pattern: "「{any<80}」の関連用語"
    where: line
    action: drop-line
    next-lines: drop     # the related terms, one link a line, up to the next block's header
    signal: page-end
    evidence: unverified (Weblio page furniture)
  - id: weblio.links-to-page
    pattern: "{any<80}のページへのリンク"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (Weblio page furniture)
  - id: weblio.search-results
    pattern: "「{any<80}」を解説文に含む見出し語の検索結果"
    where: line
    action: drop-line
    evidence: unverified (Weblio page furniture)
  - id: weblio.same-kind
    pattern: "{any<80}と同じ種類の言葉"
    where: line
    action: drop-line
    next-lines: drop
    signal: page-end
    evidence: unverified (Weblio page furniture under the entry)
  - id: weblio.related-words
    pattern: "{any<80}に関連する言葉"
    where: line
    action: drop-line
    next-lines: drop
    evidence: unverified (Weblio page furniture under the entry)
  - id: weblio.neighbour-keywords
    pattern: "{any<80}のお隣キーワード"
    where: line
    action: drop-line
    next-lines: drop
    signal: page-end
    evidence: unverified (Weblio page furniture)
  - id: weblio.page-copyright
    pattern: "{any<80}のページの著作権"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (Weblio page furniture)
  - id: weblio.providers
    pattern: "Weblio 辞書 情報提供元は 参加元一覧 にて確認できます。"
    action: drop-line
    signal: page-end
    evidence: unverified (Weblio page furniture)
  - id: weblio.gfdl
    pattern: "All text is available under the terms of the GNU Free Documentation License."
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (license line under Weblio's copies of Wikipedia, with the copy notice)
  # --- Unionpedia (ja.unionpedia.org): a concept map built from Wikipedia's leads ------------------
  # Every concept page renders the same frame: the header (logo, the site's name, a menu word and the
  # Android app banner), the concept's name, `索引 <concept>`, the concept's lead, `<n> 関係: <names>`,
  # then one block per related concept: its name, the first sentences of its own lead, and the
  # connector `新しい!!: <concept>と<other> · 続きを見る »`. The related leads are other pages'
  # previews: like the seed's previews each is a fragment of its own, the connector ends it.
  - id: unionpedia.site-name
    pattern: "ユニオンペディア"
    where: line
    action: drop-line
    signal: page-start
    previous-line: drop  # the logo's alt text (`ロゴ`) over the site's name
    next-line: drop      # the header's menu word (`コミュニケーション`)
    evidence: "unverified (one scraped page, 中国方言, not found again in the stored pages; ja.unionpedia.org concept pages, header `ロゴ` / `ユニオンペディア` / `コミュニケーション` over the app banner, e.g. 中国方言)"
  - id: unionpedia.app-banner
    pattern: "新しい! あなたのAndroid{?™}{?TM}デバイスでユニオンペディアをダウンロードしてください!"
    where: line
    action: drop-line
    signal: page-start
    next-line: drop      # the banner's button (`ダウンロード`)
    evidence: "unverified (one scraped page, 中国方言, not found again in the stored pages; ja.unionpedia.org header, the app banner over `ダウンロード` and `ブラウザよりも高速アクセス!`)"
  - id: unionpedia.app-banner-tagline
    pattern: "ブラウザよりも高速アクセス!"
    where: line
    action: drop-line
    evidence: "unverified (one scraped page, 中国方言, not found again in the stored pages; ja.unionpedia.org header, the app banner's last line)"
  - id: googleplay.badge
    pattern: "Google Play で手に入れよう"
    where: line
    action: drop-line
    evidence: "unverified (one scraped page, 中国方言, not found again in the stored pages; ja.unionpedia.org header; the Japanese alt text of Google Play's store badge, `Google Play で手に入れよう`, that sites put beside an app's link)"
  - id: unionpedia.index
    pattern: "索引 {text<60}"
    where: line
    action: drop-line
    signal: page-start
    evidence: "unverified (one scraped page, 中国方言, not found again in the stored pages; ja.unionpedia.org concept pages, `索引 中国方言` under the concept's name: the site's breadcrumb to its index; the English site renders `Index <concept>`)"
  - id: unionpedia.relations
    pattern: "{d} 関係: "
    where: start
    action: drop-line
    signal: page-end     # the concept's own text ends here; the related concepts' previews follow
    evidence: "unverified (one scraped page, 中国方言, not found again in the stored pages; ja.unionpedia.org concept pages, `48 関係: 助動詞助詞山口弁…` under the lead: the count and the names of the related concepts, glued; the English site renders `<n> relations: …`)"
  - id: unionpedia.connector
    pattern: "新しい!!: {text<80}と{text<80} · 続きを見る »"
    where: line
    action: drop-line
    signal: page-end
    evidence: "unverified (one scraped page, 中国方言, not found again in the stored pages; ja.unionpedia.org concept pages, `新しい!!: 中国方言と助動詞 · 続きを見る »` under each related concept's lead; the English site renders `New!!: X and Y · See more »`)"
  - id: reuse.wikipedia-notice
    pattern: "この{text<6}は、クリエイティブ・コモンズ{text<80}のもとで公表されたウィキペディアの項目{any<300}を素材として二次利用しています。"
    signal: page-end
    evidence: peer (the attribution notice under a reused Wikipedia (ja) article, in public code, `この文章は、クリエイティブ・コモンズ 表示-継承 4.0 国際 パブリック・ライセンスのもとで公表されたウィキペディアの項目「X」（URL）を素材として二次利用しています。`, `このファイルは、クリエイティブ・コモンズ・表示・継承ライセンス3.0のもとで…`; appended to the text or on a line of its own)
  # --- A browser's reader mode (Firefox Reader View) copied as text: the site's domain, the
  # title, the estimated reading time, then the article; no menus.
  - id: reader.domain
    pattern: "{text<20}wikipedia.org"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: src (Firefox AboutReader.sys.mjs, the `reader-domain` link over the title)
  - id: reader.domain-wikiwiki
    pattern: "wikiwiki.jp"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-fandom
    pattern: "{text<40}.fandom.com"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-atwiki
    pattern: "{text<10}.atwiki.jp"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-seesaa
    pattern: "seesaawiki.jp"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-pixiv
    pattern: "dic.pixiv.net"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-nicovideo
    pattern: "dic.nicovideo.jp"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-kotobank
    pattern: "kotobank.jp"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-weblio
    pattern: "{?www.}weblio.jp"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.domain-wikiwand
    pattern: "{?www.}wikiwand.com"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: src (as reader.domain, the host of a wiki family this file knows, chrome catalogue §3-§9)
  - id: reader.read-time-range
    pattern: "{d}-{d} 分"
    where: line
    action: drop-line
    evidence: src (Firefox aboutReader.ftl `about-reader-estimated-read-time` = `{ $range } 分` in Japanese, the range formatted by Intl.NumberFormat.formatRange, `3～4`, `3–4` in other locales; dashes and tildes fold alike)
  - id: reader.read-time-range-tilde
    pattern: "{d}~{d} 分"
    where: line
    action: drop-line
    evidence: src (as reader.read-time-range, the Japanese range `3～4 分`)
  - id: reader.read-time
    pattern: "~{d} 分"
    where: line
    action: drop-line
    evidence: src (as reader.read-time-range, `~5 分` when both ends are equal)
  - id: reader.read-time-about
    pattern: "約 {d} 分"
    where: line
    action: drop-line
    evidence: unverified (a reader mode's reading time written `約5分`)
  # --- MediaWiki's Citizen skin (many game wikis): header buttons, page info, footer --------
  - id: citizen.drawer-toggle
    pattern: "メニューを切り替える"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    next-line: drop      # the site's name (the logo link) after the drawer button
    evidence: src (Citizen i18n ja.json `citizen-drawer-toggle`; the header's first button, then the logo)
  - id: citizen.footer-default-text
    pattern: "ここのテキストはMediaWiki:Citizen-footer-{text<10}を編集してください"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (Citizen i18n ja.json `citizen-footer-desc`, `citizen-footer-tagline`, the footer text of a wiki that has not written its own)
  - id: citizen.last-modified
    pattern: "最終更新"
    where: line
    action: drop-line
    signal: page-end
    next-lines: drop     # the relative time (`3 か月前`) and the `著作権` label over the license
    evidence: src (Citizen i18n ja.json `citizen-page-info-lastmod`, `citizen-page-info-copyright`; the page info under the body)
  - id: citizen.last-modified-glued
    pattern: "最終更新 {d} {text<6}前"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (as citizen.last-modified, label and relative time on one line)
  # --- コトバンク (kotobank.jp): one headword, the entries of several dictionaries stacked -----
  - id: kotobank.html-title
    pattern: "{any<80}とは? 意味や使い方 - コトバンク"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: unverified (the HTML title of a kotobank.jp/word page)
  - id: kotobank.entry-header
    pattern: "{text<60}「{text<80}」の意味・{text<40}"
    where: line
    action: drop-line
    evidence: page (kotobank.jp/word pages, `日本大百科全書(ニッポニカ) 「コーパス言語学」の意味・わかりやすい解説` over a dictionary's entry)
  - id: kotobank.entry-header-alone
    pattern: "「{text<80}」の意味・{text<40}"
    where: line
    action: drop-line
    previous-line: drop  # the dictionary's name, on the line above (`デジタル大辞泉`)
    evidence: page (kotobank.jp/word pages, `デジタル大辞泉` over `「態度」の意味・読み・例文・類語` over the entry)
  - id: kotobank.entry-source
    pattern: "出典 {text<120}について 情報{? | 凡例}"
    where: line
    action: drop-line
    evidence: page (kotobank.jp/word pages, `出典 小学館デジタル大辞泉について 情報 | 凡例`, `出典 株式会社平凡社百科事典マイペディアについて 情報` under each entry)
  - id: kotobank.related-words
    pattern: "関連語をあわせて調べる"
    where: line
    action: drop-line
    signal: page-end
    evidence: page (kotobank.jp/word pages, under the last entry)
  - id: kotobank.todays-keyword
    pattern: "今日のキーワード"
    where: line
    action: drop-line
    signal: page-end
    next-lines: drop-all # the day's headword and the start of its entry, up to `続きを読む`
    evidence: page (kotobank.jp/word pages, `今日のキーワード` over a headword, its entry cut with `...`, `続きを読む`)
  - id: kotobank.apps
    pattern: "コトバンク for {text<20}"
    where: line
    action: drop-line
    signal: page-end
    evidence: page (kotobank.jp/word pages, `コトバンク for iPhone`, `コトバンク for Android`)
  - id: wikiwand.from-wikipedia
    pattern: "ウィキペディアから"
    where: line
    action: drop-line
    previous-line: drop  # the one-line short description between the title and this line
    signal: page-start   # under the title and the description, which go with it to the new page
    evidence: page
  - id: mirror.translated-tagline
    # A mirror that machine-translates English Wikipedia's skin (wikipredia.net): the
    # tagline `From Wikipedia, the free encyclopedia`, under the title line.
    pattern: "ウィキペディアから、無料の百科事典"
    where: line
    action: drop-line
    signal: page-start
    evidence: page (wikipredia.net/ja, Help:Watching_pages)
  - id: mirror.translated-jump-links
    # The same mirror's `Jump to navigation Jump to search`, under the tagline.
    pattern: "ナビゲーションにジャンプ 検索にジャンプ"
    where: line
    action: drop-line
    evidence: page (as mirror.translated-tagline)
  - id: wikiwand.infobox-row
    pattern: "{any<60} | {any<300} |"
    where: line
    action: drop-line
    evidence: page (Wikiwand renders the infobox as `key | value |` rows)
  - id: mirror.page-name
    pattern: "ページ名:{text<80}"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # the page's header, naming it: a line before it is the page before's
    evidence: page
  - id: pagesdev.banner
    pattern: "英文维基 | 中文维基 | 日文维基 | 草榴社区"
    where: line
    action: drop-line
    evidence: page (ja-wiki.pages.dev, ja-two.iwiki.icu mirrors; catalogue §8)
  # A mirrored diff page (Special:Diff): revision lines and wikitext, old and new, row by row;
  # the rest of the page is chrome.
  - id: mediawiki.diff-title
    pattern: "{text<122}」の版間の差分"   # `「X」…`: the first literal is looked for in every line
    where: line
    action: drop-line
    next-lines: drop-page
    evidence: src (MediaWiki ja.json `difference-title` `「$1」の版間の差分`), page (ja-wiki.pages.dev, ja-two.iwiki.icu; catalogue §8)
  - id: mediawiki.diff-columns
    pattern: "削除された内容 追加された内容"
    where: line
    action: drop-line
    next-lines: drop-page
    evidence: page (ja-wiki.pages.dev, ja-two.iwiki.icu; catalogue §8)
  - id: mediawiki.diff-line-numbers
    pattern: "{d}行目: {d}行目:"
    where: line
    action: drop-line
    next-lines: drop-page
    evidence: src (MediaWiki ja.json `lineno` `$1行目:`), page (catalogue §8)
  # The diff view of an older MediaWiki: `(版間での差分)` under the title and tagline, where later
  # versions title the page `「X」の版間の差分`, and line numbers `9行: 9行:` (`lineno` then `$1行:`).
  - id: mediawiki.diff-subtitle-old
    pattern: "(版間での差分)"
    where: line
    action: drop-line
    next-lines: drop-page
    evidence: "src (older MediaWiki MessagesJa.php `difference` `（版間での差分）`); page (terraria.arcenserv.info `index.php?diff=…` pages: the title, `提供:Terraria Japan Wiki`, `(版間での差分)`, `移動: 案内, 検索`, the edit summaries, then `9行: 9行:` and the wikitext rows with `-` and `+` lines)"
  - id: mediawiki.diff-line-numbers-old
    pattern: "{d} 行: {d} 行:"
    where: line
    action: drop-line
    next-lines: drop-page
    evidence: "src (older MediaWiki MessagesJa.php `lineno` `$1 行:`, later `$1行：`); page (as mediawiki.diff-subtitle-old)"
  # An old revision mirrored (`index.php?oldid=…`): the revision line and the revision
  # links over the article text, which stays.
  - id: mediawiki.revision-info
    pattern: "{any<40}時点における{any<200}による版{? ({any<300})}"   # `{d}年…`: `年` is in too many lines to look for
    where: line
    action: drop-line
    evidence: src (MediaWiki ja.json `revision-info` `$1時点における$2による版`), page (mirrors of special pages, catalogue §8)
  - id: mediawiki.revision-nav
    pattern: "(差分) ← 古い版 | 最新版 (差分) | 新しい版 → (差分)"
    where: line
    action: drop-line
    evidence: src (MediaWiki ja.json `revision-nav` with `diff`, `previousrevision`, `currentrevisionlink`, `nextrevision`)
  - id: aperza.back-to-category
    pattern: "{text<40}/{text<40}に戻る"
    where: line
    action: drop-line
    evidence: page (aperza.com catalogue pages over jawiki text, the link back to the category `計測/測定器に戻る`; catalogue §8)
  - id: seisyun.menu
    pattern: "[Wikipedia|▼Menu]"
    action: drop-line
    signal: page-start
    first-on-page: true   # the mirror's header link, over the title: a line before it is the page before's
    evidence: page

  # --- Text browser dumps (rejoin-lines takes the link numbers off first) ----------------------
  # lynx -dump prints a page's <link> elements first, numbered like its links:
  # `#[1]Wikipedia (ja) [2]Wikipedia Atom feed`. rejoin-lines removes the line; this rule only
  # tells the reader that a page starts there (a dump of many pages in a row).
  - id: lynx.link-header
    pattern: "#[{d}]{any<300}"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # the first line lynx prints: a line before it is the page before's
    evidence: src (lynx's dump of a document's LINK elements, the `lynx-dump` fixture's first line)

  # --- Pages scraped to Markdown (unwrap-markdown runs first: links are text by now) ---------
  # Jina Reader (r.jina.ai) opens every page with a header block: `Title: X`, `URL Source: …`,
  # `Published Time: …` (when the page says), `Markdown Content:`, then the Markdown.
  - id: jina.title
    pattern: "Title: {any<300}"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page (Jina Reader README and guides; the response header block of r.jina.ai)
  - id: jina.url-source
    pattern: "URL Source: http{any<2000}"
    where: line
    action: drop-line
    signal: page-start
    evidence: page (as jina.title)
  - id: jina.published-time
    pattern: "Published Time: {any<80}"
    where: line
    action: drop-line
    evidence: page (as jina.title)
  - id: jina.markdown-content
    pattern: "Markdown Content:"
    where: line
    action: drop-line
    evidence: page (as jina.title)
  # --- Wikipedia (ja) XML dumps with the templates stripped naively (catalogue §2) ---------
  # What is left of `{{DEFAULTSORT:…}}`, `{{節スタブ}}`, `{{脚注ヘルプ}}`, `{{Normdaten}}`,
  # `*{{和書|…}}`, `[[カテゴリ:…]]` (see mediawiki.categories) once the braces and brackets go.
  - id: wikitext.defaultsort
    pattern: "DEFAULTSORT:{any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: peer (wp2txt spec/cleanup_spec.rb), src (wp2txt magic words)
  - id: wikitext.defaultsort-ja
    pattern: "デフォルトソート{?キー}:{any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (wp2txt magic words デフォルトソート, デフォルトソートキー)
  - id: wikitext.toc-magic-word
    pattern: "__目次{?非表示}__"
    where: line
    action: drop-line
    evidence: src (wp2txt magic words; full-width ＿＿目次＿＿ folds alike)
  - id: wikitext.toc-magic-word-en
    pattern: "__{?NO}TOC__"
    where: line
    action: drop-line
    evidence: peer (wp2txt spec/cleanup_spec.rb)
  - id: wikitext.section-stub
    pattern: "節スタブ"
    where: line
    action: drop-line
    evidence: peer (wp2txt spec/cleanup_spec.rb; the name of Template:節スタブ, whose text is wikipedia.section-stub)
  - id: wikitext.footnote-help
    pattern: "脚注ヘルプ"
    where: line
    action: drop-line
    evidence: peer (wp2txt spec/cleanup_spec.rb; Template:脚注ヘルプ renders [脚注の使い方])
  - id: wikitext.authority-control
    pattern: "Normdaten"
    where: line
    action: drop-line
    signal: page-end
    evidence: peer (wp2txt spec/cleanup_spec.rb)
  - id: wikitext.book-list-marker
    pattern: "*{?和}{?洋}書"
    where: line
    action: drop-line
    evidence: peer (wp2txt spec/cleanup_spec.rb; `*和書`, `*洋書` left of `*{{和書|…}}` reference lists)
  - id: wikitext.empty-list-item
    pattern: "*"
    where: line
    action: drop-line
    evidence: peer (wp2txt spec/cleanup_spec.rb; a lone `*` whose item was a template)
  - id: wikitext.list-marker
    pattern: "*{?*}{?*} "
    where: start
    evidence: src (MediaWiki list markup `*`, `**`, `***` left in front of list items when only templates and links are stripped)
  - id: wikitext.image-link
    pattern: "ファイル:{text<200}|サムネイル|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (wp2txt aliases ファイル/画像 and image option サムネイル/thumb; `[[ファイル:X.jpg|サムネイル|caption]]` without its brackets, the caption left)
  - id: wikitext.image-link-thumb
    pattern: "ファイル:{text<200}|thumb|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (as wikitext.image-link)
  - id: wikitext.image-link-alias
    pattern: "画像:{text<200}|サムネイル|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (as wikitext.image-link)
  - id: wikitext.image-link-alias-thumb
    pattern: "画像:{text<200}|thumb|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (as wikitext.image-link)
  - id: wikitext.image-link-en
    pattern: "File:{text<200}|サムネイル|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (as wikitext.image-link)
  - id: wikitext.image-link-en-thumb
    pattern: "File:{text<200}|thumb|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (as wikitext.image-link)
  - id: wikitext.image-link-en-alias
    pattern: "Image:{text<200}|サムネイル|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (as wikitext.image-link)
  - id: wikitext.image-link-en-alias-thumb
    pattern: "Image:{text<200}|thumb|{?右|}{?左|}{?中央|}{?{d}px|}"
    where: start
    evidence: src (as wikitext.image-link)
  - id: wikitext.redirect
    pattern: "#転送 {any<200}"
    where: line
    action: drop-line
    previous-line: drop  # the redirect page's title line
    evidence: src (wp2txt magic words #転送, #リダイレクト, #REDIRECT); a redirect page has no text
  - id: wikitext.redirect-alias
    pattern: "#リダイレクト {any<200}"
    where: line
    action: drop-line
    previous-line: drop
    evidence: src (wp2txt magic words)
  - id: wikitext.redirect-en
    pattern: "#REDIRECT {any<200}"
    where: line
    action: drop-line
    previous-line: drop
    evidence: src (wp2txt magic words)

  # --- WIKIWIKI.jp / PukiWiki --------------------------------------------------------------
  - id: wikiwiki.no-javascript
    pattern: "ブラウザの JavaScript がオフ(ブロックまたは許可しない)に設定されているため、このページは正常に機能しません。"
    signal: page-start
    evidence: fix
  - id: wikiwiki.top-bar
    pattern: "[ ホーム ] 一覧 最終更新 バックアップ ヘルプ"
    action: drop-line
    signal: page-start
    evidence: fix
  - id: wikiwiki.highlighted
    pattern: "これらのキーワードがハイライトされています:"
    evidence: fix
  - id: wikiwiki.copyright
    pattern: "当wikiにおいて引用されている、{text<120}の著作権は、{text<120}が保有します。"
    signal: page-end
    evidence: fix
  - id: wikiwiki.rights
    pattern: "引用外のコンテンツに関する権利は株式会社ウキウキに帰属します。"
    signal: page-end
    evidence: fix
  - id: wikiwiki.footer
    pattern: "レンタルWIKI by WIKIWIKI.jp"
    action: drop-line
    signal: page-end
    evidence: fix
  - id: wikiwiki.html-title
    pattern: "{any<120} - {any<60}Wiki*"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: fix (the HTML title `X - 原神 Wiki*` kept by text scrapes)
  - id: pukiwiki.last-modified
    pattern: "Last-modified: {d}-{d}-{d} ({any<3}) {d}:{d}:{d}"
    evidence: src, page
  - id: pukiwiki.navigator
    pattern: "[ トップ ] [ 編集 | {any<200}]"
    action: drop-line
    signal: page-start
    evidence: src
  - id: pukiwiki.powered-by
    pattern: "Powered by PHP {any<20}. HTML convert time: {any<20} sec."
    action: drop-line
    signal: page-end
    evidence: src
  - id: pukiwiki.convert-time
    pattern: "HTML convert time to {any<20} sec."
    action: drop-line
    signal: page-end
    evidence: fix
  - id: pukiwiki.plus-powered-by
    pattern: "Powered by PukiWiki Plus! {any<60}"
    action: drop-line
    signal: page-end
    evidence: fix
  - id: pukiwiki.site-admin
    pattern: "Site admin: {any<80}"
    where: start
    action: drop-line
    signal: page-end
    evidence: src
  - id: pukiwiki.copyright
    pattern: "PukiWiki {d}.{d}.{d} © {any<120}"
    action: drop-line
    signal: page-end
    evidence: src
  - id: pukiwiki.navibar-group
    pattern: "[ {text<40} | {any<300} ]"
    where: line
    action: drop-line
    evidence: src (PukiWiki Plus! navibar plugin, one group of links a line, `[ トップ | 一覧 | 検索 | 最終更新 | ヘルプ ]`)
  - id: pukiwiki.reload-link
    pattern: "http{any<200}/index.php?{any<300}"
    where: line
    action: drop-line
    evidence: src (PukiWiki Plus! default skin prints the page's reload URL under the title)
  - id: pukiwiki.topicpath
    pattern: "Top / {any<300}"
    where: line
    action: drop-line
    evidence: src (topicpath plugin, PLUGIN_TOPICPATH_TOP_LABEL `Top`, separator ` / `)
  - id: wikiwiki.topicpath
    pattern: "Top > {any<300}"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # the first line of a WIKIWIKI.jp page's body: a line before it is the page before's
    evidence: page (WIKIWIKI.jp pages as stored copies show them today, wikiwiki.jp/buriedbornes, the topicpath `Top > 戦闘関連のデータ集` over the h1 and `Last-modified:`; the `pukiwiki-paraedit` fixture)
  - id: pukiwiki.related
    pattern: "Link: {any<1000}"
    where: start
    action: drop-line
    signal: page-end
    evidence: src (PukiWiki skins, the `Link` line of related pages with their ages, under the body)
  - id: pukiwiki.modified-by
    pattern: "Modified by {any<80}"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (PukiWiki 1.4 and PukiWiki Plus! skins, the footer signature)
  - id: pukiwiki.plus-site-admin
    pattern: "Site Admin : {any<80}"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (PukiWiki Plus! skins, the footer signature)
  - id: pukiwiki.comment-form
    pattern: "お名前: {?コメント: }"
    where: line
    action: drop-line
    evidence: src
  - id: pukiwiki.pcomment-recent
    pattern: "最新の{d}件を表示しています。{? コメントページを参照}"
    where: line
    action: drop-line
    evidence: src (PukiWiki pcomment plugin, `msg_recent` = `最新の%d件を表示しています。` followed by the `msg_all` link `コメントページを参照`)
  - id: pukiwiki.pcomment-all
    pattern: "コメントページを参照"
    where: line
    action: drop-line
    evidence: src (as pukiwiki.pcomment-recent)
  - id: pukiwiki.pcomment-none
    pattern: "コメントはありません。"
    where: line
    action: drop-line
    evidence: src (PukiWiki pcomment plugin, `msg_none`)
  - id: pukiwiki.comment-insert
    pattern: "コメントの挿入"
    where: line
    action: drop-line
    evidence: src (comment plugin submit button)
  - id: pukiwiki.comment-signature
    pattern: "-- {any<40} {d}-{d}-{d} ({any<3}) {d}:{d}:{d}"
    where: end
    action: drop-line
    evidence: src, unverified rendering (comment plugin `-- NAME &new{YYYY-MM-DD (曜) HH:MM:SS};`)
  - id: pukiwiki.page-age-days
    pattern: "({d}d)"
    where: end
    evidence: fix (page-age marker after a page link in lists; the hour and minute forms `(5h)`,
      `(3m)` are left alone, as `(3m)` at a line end is as likely a length in metres)
  - id: pukiwiki.counter
    pattern: "Counter: {d}, today: {d}, yesterday: {d}"
    where: line
    action: drop-line
    evidence: "src (PukiWiki counter plugin, `Counter: %s, today: %s, yesterday: %s`)"
  - id: pukiwiki.recent
    pattern: "最新の{d}件"
    where: line
    action: drop-line
    next-lines: drop     # the plugin's dates and page links, one a line
    evidence: src (PukiWiki recent plugin heading `最新の%d件`, in the menu bar)
  - id: pukiwiki.popular
    pattern: "人気の{d}件"
    where: line
    action: drop-line
    next-lines: drop     # the plugin's page links with their counts, `碓氷峠(2312)`, one a line
    evidence: "src (PukiWiki ja.lng.php, the popular plugin's heading `$_popular_plugin_frame` = `<h5>人気の%d件</h5>`, in the menu bar)"
  - id: pukiwiki.popular-today
    pattern: "今日の{d}件"
    where: line
    action: drop-line
    next-lines: drop     # as pukiwiki.popular
    evidence: "src (PukiWiki ja.lng.php, `$_popular_plugin_today_frame` = `<h5>今日の%d件</h5>`)"
  # A diff or source view (the backup plugin's `$_title_backupdiff` and kin: 1.4 バックアップ,
  # 1.5 履歴) shows the page's raw source, not the page: the rest of the page is chrome. The
  # patterns stop at `(No.`: a literal is looked for in every line, and `)` is in most.
  - id: pukiwiki.backup-diff
    pattern: "{text<120}のバックアップ差分(No."
    where: start         # also the HTML title `X のバックアップ差分(No.3) - サイト名`
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki 1.4 ja.lng.php `$1 のバックアップ差分(No.$2)`), page (catalogue §7)
  - id: pukiwiki.history-diff
    pattern: "{text<120}の履歴差分(No."
    where: start
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki 1.5.4 ja.lng.php `$1 の履歴差分(No.$2)`)
  - id: pukiwiki.backup-nowdiff
    pattern: "{text<120}のバックアップの現在との差分(No."
    where: start
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki 1.4 ja.lng.php `$1 のバックアップの現在との差分(No.$2)`)
  - id: pukiwiki.history-nowdiff
    pattern: "{text<120}の履歴の現在との差分(No."
    where: start
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki 1.5.4 ja.lng.php `$1 の履歴の現在との差分(No.$2)`)
  - id: pukiwiki.backup-source
    pattern: "{text<120}のバックアップソース(No."
    where: start
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki 1.4 ja.lng.php `$1 のバックアップソース(No.$2)`)
  - id: pukiwiki.history-source
    pattern: "{text<120}の履歴ソース(No."
    where: start
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki 1.5.4 ja.lng.php `$1 の履歴ソース(No.$2)`)
  - id: pukiwiki.diff-added
    pattern: "追加された行はこの色です。"
    where: line
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki `$_msg_addline`, over the diff of the diff and backup plugins), page
  - id: pukiwiki.diff-removed
    pattern: "削除された行はこの色です。"
    where: line
    action: drop-line
    next-lines: drop-page
    evidence: src (PukiWiki `$_msg_delline`), page
  # --- @wiki (atwiki): page footer ---------------------------------------------------------
  - id: atwiki.access-counter-heading
    pattern: "このページへのアクセス"
    where: line
    action: drop-line
    signal: page-end
    next-lines: drop     # the counts `今日: N`, `昨日: N`, `合計: N`, one a line
    evidence: unverified (the access counter under an @wiki page)
  - id: atwiki.access-counter
    pattern: "今日: {d} 昨日: {d} 合計: {d}"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (as atwiki.access-counter-heading, the counts on one line)
  # --- Seesaa Wiki (catalogue §5: leads only, no stored page) ----------------------------
  - id: seesaa.menu-bar-default
    pattern: "ここは自由に編集できるエリアです。"
    where: line
    action: drop-line
    evidence: unverified (default text of the menu-bar pages メニューバーA/B)
  - id: seesaa.last-modified
    pattern: "最終更新: {d}年{d}月{d}日({any<3}) {d}:{d}:{d}"
    where: start
    signal: page-start
    evidence: unverified (under the page title; a text scrape may glue it to the lead)
  - id: seesaa.page-comments
    pattern: "このページへのコメント"
    where: line
    action: drop-line
    signal: page-end
    next-lines: drop-all # the comments under it, up to the side blocks
    evidence: unverified (heading of the comment block under the body)
  - id: seesaa.recent-pages
    pattern: "最近更新したページ"
    where: line
    action: drop-line
    next-line: drop      # the block's list of page links, when a scrape glued it onto one line
    evidence: unverified (side block)
  - id: seesaa.recent-comments
    pattern: "最新コメント"
    where: line
    action: drop-line
    evidence: unverified (side block)
  - id: seesaa.search
    pattern: "Wiki内検索"
    where: line
    action: drop-line
    evidence: unverified (side block)
  - id: generic.tag-block
    pattern: "タグ"
    where: line
    action: drop-line
    next-line: drop      # the tag list, when a scrape glued it onto one line
    evidence: unverified (Seesaa side block, catalogue §5), peer (HojiChar header/footer keyword, §10)
  # --- Lists of other pages under a page (recent, new and popular pages) --------------------
  # A wiki's side blocks and list plugins put the page links one a line, or previews of the
  # pages (their first characters cut off by `...`) with the update time on a line of its
  # own and a read-more link glued after the mark.
  - id: generic.recent-pages
    pattern: "最近更新されたページ"
    where: line
    action: drop-line
    next-lines: drop     # the page links, one a line, up to chrome, a preview or the page end
    evidence: unverified (list-page side block; also a generic.read-more word)
  - id: generic.new-pages
    pattern: "新着ページ"
    where: line
    action: drop-line
    next-lines: drop
    evidence: unverified (as generic.recent-pages)
  - id: generic.page-ranking
    pattern: "人気ページ{?ランキング}"
    where: line
    action: drop-line
    next-lines: drop     # `1位 X`, `2位 Y`, … one a line
    evidence: unverified (ranking block of a wiki's popular pages)
  - id: generic.access-ranking
    pattern: "アクセスランキング"
    where: line
    action: drop-line
    next-lines: drop
    evidence: unverified (as generic.page-ranking; also a generic.read-more word)
  - id: generic.timestamp-line
    pattern: "{d}-{d}-{d}{? ({any<3})}{? {d}:{d}}{?:{d}}"
    where: line
    action: drop-line
    evidence: unverified (update time of a page in a list of recent pages, on a line of its own)
  - id: generic.timestamp-line-slashes
    pattern: "{d}/{d}/{d}{? ({any<3})}{? {d}:{d}}{?:{d}}"
    where: line
    action: drop-line
    evidence: unverified (as generic.timestamp-line)
  - id: generic.read-more-after-preview
    pattern: "続きを読む"
    where: after-mark
    evidence: unverified (the read-more link glued after a preview's `...`; generic.read-more takes it alone)
  - id: generic.see-more-after-preview
    pattern: "続きを見る"
    where: after-mark
    evidence: unverified (as generic.read-more-after-preview)
  - id: generic.read-more-bracketed-after-preview
    pattern: "[続き{?を}{?読む}{?見る}]"
    where: after-mark
    evidence: unverified (as generic.read-more-after-preview, in brackets, `...[続きを読む]`, `...［続き］`)
  - id: generic.read-more-parenthesized-after-preview
    pattern: "(続き{?を}{?読む}{?見る})"
    where: after-mark
    evidence: unverified (as generic.read-more-bracketed-after-preview, in parentheses, `...(続きを読む)`)
  - id: generic.read-more-arrow-after-preview
    pattern: "»続き{?を}{?読む}{?見る}"
    where: after-mark
    evidence: unverified (as generic.read-more-after-preview, behind an arrow, `...»続きを読む`)
  - id: generic.read-more-chevrons-after-preview
    pattern: ">>続き{?を}{?読む}{?見る}"
    where: after-mark
    evidence: unverified (as generic.read-more-arrow-after-preview, `... >>続きを読む`)
  - id: generic.view-count-after-preview
    pattern: "({d})"
    where: after-mark
    evidence: unverified (a page's view count after its preview in a list of popular pages)
  - id: generic.view-count-label-after-preview
    pattern: "(閲覧数: {d}{?回})"
    where: after-mark
    evidence: unverified (as generic.view-count-after-preview, with its label)
  # --- Cosense (Scrapbox, scrapbox.io) ------------------------------------------------------
  - id: scrapbox.icon
    pattern: "/icons/{text<40}.icon"
    evidence: "page (scrapbox.io/wkpmm, a page's text as stored: the icon notation `[うーん.icon]` scraped as its link path, `だから新鮮に感じるのかな/icons/うーん.icon`, glued after the line's text; an icon is a user's or a mood's picture, not text)"
  # --- Wikidot (ja.scp-wiki.net and other Wikidot sites) ----------------------------------
  - id: wikidot.rating
    pattern: "評価: {?+}{?-}{d}+x"
    where: start
    signal: page-start
    evidence: page (rating widget, catalogue §9; a text scrape may glue it to the first paragraph)
  - id: wikidot.revision
    pattern: "ページリビジョン: {d}, 最終更新: {any<40}"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (page info line under the body)
  - id: wikidot.rating-button
    pattern: "評価 ({?+}{?-}{d})"
    where: line
    action: drop-line
    evidence: unverified (page options bar)
  - id: wikidot.discussion-button
    pattern: "ディスカッション ({d})"
    where: line
    action: drop-line
    evidence: unverified (page options bar)
  - id: wikidot.license
    pattern: "特に明記しない限り、このページのコンテンツは次のライセンスの下にあります: {any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (site footer)
  # --- はてなキーワード (d.hatena.ne.jp/keyword) ----------------------------------------------
  - id: hatena.smartphone-view
    pattern: "スマートフォン用の表示で見る"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page (first line of stored はてなキーワード pages)
  - id: hatena.blog-tags-brand
    pattern: "Hatena Blog Tags"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # what the site renders first: a line before it is the page before's
    evidence: page (the brand line over the keyword on はてなブログ タグ pages, hatenablog.com/k/keywordblog/…, which took over はてなキーワード in 2019)
  - id: hatena.buzz
    pattern: "ネットで話題"
    where: line
    action: drop-line
    signal: page-end
    next-lines: drop     # the entries' titles, one a line
    evidence: unverified (block of bookmarked entries under a はてなキーワード article)
  - id: hatena.related-blogs
    pattern: "関連ブログ"
    where: line
    action: drop-line
    signal: page-end
    next-lines: drop     # the blog entries' titles, one a line
    evidence: unverified (block under a はてなキーワード article)
  - id: hatena.new-blogs
    pattern: "新着ブログ: {any<80}"
    where: line
    action: drop-line
    signal: page-end
    next-lines: drop     # the blog entries' titles, one a line
    evidence: unverified (block under a はてなキーワード article, headed with the keyword)
  # --- ニコニコ大百科 (dic.nicovideo.jp) --------------------------------------------------
  - id: nicovideo.site-name
    pattern: "ニコニコ大百科"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true  # the logo heads the page: a short line before it is the page before's
    evidence: unverified (the site logo's text above the article header)
  - id: nicovideo.article-length
    pattern: "{d}{?.{d}}{?千}{?万}文字の記事"
    where: line
    action: drop-line
    evidence: page (article header, `9.0千文字の記事`, `3.8千文字の記事`)
  - id: nicovideo.revision-notice
    pattern: "これはリビジョン {d} の記事です。"
    where: line
    action: drop-line
    evidence: page (header of an old revision's view)
  - id: nicovideo.revision-outdated
    pattern: "内容が古い・もしくは誤っている可能性があります。"
    where: line
    action: drop-line
    evidence: page (as nicovideo.revision-notice)
  - id: nicovideo.latest-revision
    pattern: "最新版をみる"
    where: line
    action: drop-line
    evidence: page (as nicovideo.revision-notice)
  - id: nicovideo.board-link
    pattern: "掲示板をみる({d})"
    where: line
    action: drop-line
    evidence: unverified (article header link to the board, with its post count)
  - id: nicovideo.page-number
    pattern: "ページ番号: {d}"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (article info under the body)
  - id: nicovideo.first-created
    pattern: "初版作成日: {d}{any<30}"
    where: line
    action: drop-line
    evidence: unverified (article info under the body)
  - id: nicovideo.revision-number
    pattern: "リビジョン番号: {d}"
    where: line
    action: drop-line
    evidence: unverified (article info under the body)
  - id: nicovideo.edit-comment
    pattern: "編集内容についての説明/コメント: {any<300}"
    where: line
    action: drop-line
    evidence: unverified (article info under the body)
  - id: nicovideo.mobile-url
    pattern: "スマホ版URL: http{any<400}"
    where: line
    action: drop-line
    evidence: page (the smartphone URL shape `https://dic.nicovideo.jp/t/a/…` of stored pages), unverified (the label)
  - id: nicovideo.board-poster
    pattern: "{d} ななしのよっしん"
    where: line
    action: drop-line
    evidence: unverified (board post header, the post number and the default name of the board)
  - id: nicovideo.board-post-time
    pattern: "{d}/{d}/{d}({any<3}) {d}:{d}:{d} ID: {any<20}"
    where: line
    action: drop-line
    next-lines: drop-all # the post, up to the next post's header
    evidence: unverified (board post header, the time stamp and the poster ID)
  - id: nicovideo.board-heading
    pattern: "この記事の掲示板"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (heading of the board posts shown under the article)
  # --- ピクシブ百科事典: blocks under the article ------------------------------------------
  - id: pixiv.parent-articles
    pattern: "親記事"
    where: line
    action: drop-line
    next-lines: drop     # the linked article names
    evidence: unverified (親記事, 子記事, 兄弟記事 blocks under a ピクシブ百科事典 article)
  - id: pixiv.children-articles
    pattern: "子記事"
    where: line
    action: drop-line
    next-lines: drop     # the linked article names
    evidence: unverified (親記事, 子記事, 兄弟記事 blocks under a ピクシブ百科事典 article)
  - id: pixiv.siblings-articles
    pattern: "兄弟記事"
    where: line
    action: drop-line
    next-lines: drop     # the linked article names
    evidence: unverified (親記事, 子記事, 兄弟記事 blocks under a ピクシブ百科事典 article)
  - id: pixiv.works
    pattern: "pixivに投稿された{?イラスト}{?小説}{?マンガ}"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (the works block under a ピクシブ百科事典 article)
  - id: pixiv.works-link
    pattern: "pixivで「{text<80}」の{any<10}を見る"
    where: line
    action: drop-line
    evidence: unverified (as pixiv.works)
  - id: pixiv.view-data
    pattern: "このタグがついたpixivの作品閲覧データ"
    where: line
    action: drop-line
    signal: page-end
    evidence: unverified (as pixiv.works)
  - id: pixiv.total-views
    pattern: "総閲覧数: {d}"
    where: line
    action: drop-line
    evidence: unverified (as pixiv.works)
  - id: pixiv.policy
    pattern: "ピクシブ百科事典は{d}年{d}月{d}日付でプライバシーポリシーを改定しました。{?改訂履歴}"
    signal: page-start
    first-on-page: true   # the banner over the site's header: a line before it is the page before's
    evidence: page
  - id: pixiv.history-title
    pattern: "{text<120}の編集履歴"
    where: line
    action: drop-line
    evidence: page (ピクシブ百科事典 history pages `Xの編集履歴`, catalogue §9)
  - id: pixiv.history-version
    pattern: "{any<24}{d} バージョン"   # `2024-03-15 21:04:33 バージョン`; `-` and `:` are in too many lines to look for
    where: line
    action: drop-line
    evidence: page (ピクシブ百科事典 history pages, one version a line, catalogue §9)

  # --- Any site: title bar, page metadata, comment counts ------------------------------
  - id: generic.html-title-wiki
    pattern: "{any<80} - {any<40}wiki"
    where: line
    action: drop-line
    signal: page-start
    evidence: unverified (an HTML title `ページ名 - サイト名wiki` kept by text scrapes, as Wikipedia's and WIKIWIKI's are)
  - id: generic.html-title-wiki-capital
    pattern: "{any<80} - {any<40}Wiki"
    where: line
    action: drop-line
    signal: page-start
    evidence: unverified (as generic.html-title-wiki)
  - id: generic.html-title-wiki-kana
    pattern: "{any<80} - {any<40}ウィキ"
    where: line
    action: drop-line
    signal: page-start
    evidence: unverified (as generic.html-title-wiki)
  # The HTML titles of families that name themselves in it (the page's `<title>`, which
  # browser copies, reader views and some scrapers put above the page): what the site
  # renders first, so a line before it is the page before's.
  - id: atwiki.html-title
    pattern: "{any<160} - atwiki(アットウィキ)"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: unverified (the HTML title `ページ名 - サイト名 - atwiki（アットウィキ）` of an @wiki page)
  - id: seesaa.html-title
    pattern: "{any<160} - Seesaa Wiki(ウィキ)"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: unverified (the HTML title `ページ名 - サイト名 - Seesaa Wiki（ウィキ）` of a Seesaa Wiki page)
  - id: nicovideo.html-title
    pattern: "{any<160} - ニコニコ大百科"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: unverified (the HTML title `Xとは (読みとは) [単語記事] - ニコニコ大百科` of a dic.nicovideo.jp article)
  - id: pixiv.html-title
    pattern: "{any<160}とは【ピクシブ百科事典】"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: unverified (the HTML title `X (読み)とは【ピクシブ百科事典】` of a dic.pixiv.net article)
  - id: hatena.html-title
    pattern: "{any<160} - はてなキーワード"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: unverified (the HTML title `Xとは - はてなキーワード` of a d.hatena.ne.jp/keyword page)
  - id: goo.html-title
    pattern: "{any<160} - goo{?国語}辞書"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true
    evidence: unverified (the HTML title `Xとは？ 意味・使い方をわかりやすく解説 - goo国語辞書` of a dictionary.goo.ne.jp entry)
  - id: generic.last-modified
    pattern: "最終更新日{?時}: {d}{any<40}"
    where: line
    action: drop-line
    evidence: unverified (page metadata line; Wikipedia's and Seesaa's forms have rules of their own)
  - id: aniwota.registered
    pattern: "登録日: {d}/{d}/{d} {text<4} {d}:{d}:{d}"
    where: line
    action: drop-line
    evidence: "page (w.atwiki.jp/aniwotawiki, アニヲタWiki(仮)'s page header under the title, `登録日:2016/10/27 Thu 14:35:50` over `更新日:…` (generic.updated) and `所要時間:約 19 分で読めます`)"
  - id: aniwota.reading-time
    pattern: "所要時間: 約 {d} 分で読めます"
    where: line
    action: drop-line
    evidence: "page (w.atwiki.jp/aniwotawiki, the same header's last line, `所要時間:約 19 分で読めます`)"
  - id: generic.updated
    pattern: "更新日{?時}: {d}{any<40}"
    where: line
    action: drop-line
    evidence: unverified (page metadata line)
  # The date alone where a list of other pages glues it before a page's preview
  # (`更新日：2024年05月01日 霊台橋は、…...`): the date goes, the preview stays (a whole-line rule
  # yields to it on a line cut off by a truncation mark).
  - id: generic.updated-date
    pattern: "更新日{?時}: {d}年{d}月{d}日{?({any<3})}{? {d}:{d}}{?:{d}}"
    where: start
    evidence: unverified (as generic.updated)
  - id: generic.updated-date-slashes
    pattern: "更新日{?時}: {d}/{d}/{d}{? {d}:{d}}{?:{d}}"
    where: start
    evidence: unverified (as generic.updated)
  - id: generic.updated-date-dashes
    pattern: "更新日{?時}: {d}-{d}-{d}{? {d}:{d}}{?:{d}}"
    where: start
    evidence: unverified (as generic.updated)
  - id: generic.created
    pattern: "作成日{?時}: {d}{any<40}"
    where: line
    action: drop-line
    evidence: unverified (page metadata line)
  - id: generic.view-count
    pattern: "閲覧数: {d}{any<20}"
    where: line
    action: drop-line
    evidence: unverified (page counter; MediaWiki's `このページは N 回アクセスされました。` has a rule of its own)
  - id: generic.comment-count
    pattern: "コメント({d})"
    where: line
    action: drop-line
    evidence: unverified (comment section header with its count)

  # --- Any site: copyright footer ----------------------------------------------------
  - id: generic.copyright
    pattern: "Copyright ©{any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: peer (web page footers; PukiWiki's © footer, catalogue §7)
  - id: generic.copyright-c
    pattern: "Copyright (C){any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: peer (web page footers)
  - id: generic.copyright-year
    pattern: "Copyright {d}{any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: peer (web page footers)
  - id: generic.copyright-mark
    pattern: "© {any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: peer (web page footers; PukiWiki's © footer, catalogue §7)
  - id: generic.all-rights-reserved
    pattern: "{any<120}All Rights Reserved."
    where: line
    action: drop-line
    signal: page-end
    evidence: peer (web page footers)

  # --- DokuWiki (the dokuwiki template; strings from its ja language file inc/lang/ja/lang.php) ---
  - id: dokuwiki.skip-to-content
    pattern: "内容へ移動"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # the template's first link: a line before it is the page before's
    next-line: drop      # the wiki's name, the header's h1 right under the skip link
    evidence: src (skip_to_content; the header's order from the dokuwiki template's tpl_header.php)
  - id: dokuwiki.trace
    pattern: "トレース: •{any<300}"
    where: line
    action: drop-line
    next-line: drop-page-id   # the page id the template prints over the page (`kyushu:sakurajima`)
    evidence: src (breadcrumb `トレース:`; the template puts • before each crumb; main.php prints `<div class="pageId">` with the id right after the header)
  - id: dokuwiki.you-are-here
    pattern: "現在位置: {any<300}"
    where: line
    action: drop-line
    next-line: drop-page-id   # the page id the template prints over the page
    evidence: src (youarehere `現在位置:`; the template joins the crumbs with »)
  - id: dokuwiki.doc-info
    pattern: "{any<200}.txt · 最終更新: {any<80}"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (lastmod `最終更新:` in the doc info under the page, NAME.txt · 最終更新 then the date and user)
  - id: dokuwiki.page-tools
    pattern: "ページ用ツール"
    where: line
    action: drop-line
    next-lines: drop     # 文書の表示, 以前のリビジョン, バックリンク, 文書の先頭へ, one a line
    evidence: src (page_tools)
  - id: dokuwiki.license
    pattern: "特に明示されていない限り、本Wikiの内容は次のライセンスに従います:{any<120}"
    where: line
    action: drop-line
    signal: page-end
    evidence: src (license)

  # --- the Wayback Machine's toolbar (web.archive.org), over an archived page ------------
  - id: wayback.captures
    pattern: "{any<12} captures"
    where: line
    action: drop-line
    signal: page-start
    first-on-page: true   # the toolbar comes before the archived page's own text
    next-lines: drop     # the timespan, the month, day and year of the capture, `success`, `fail`
    evidence: page (the toolbar of a saved archived page, `N captures` over `DD Mon YYYY - DD Mon YYYY`)
  - id: wayback.about-capture
    pattern: "About this capture"
    where: line
    action: drop-line
    next-lines: drop-all   # COLLECTED BY, Collection, Organization and their notes, up to TIMESTAMPS
    evidence: page (the toolbar's capture details)
  - id: wayback.timestamps
    pattern: "TIMESTAMPS"
    where: line
    action: drop-line
    evidence: page (the toolbar's capture details)
  - id: wayback.print-line
    pattern: "The Wayback Machine - https://web.archive.org/{any<400}"
    where: line
    action: drop-line
    evidence: page (the line the toolbar prints over the archived page, naming its capture's address)

  # --- GROWI (strings from its ja_JP translation.json) --------------------------------------
  - id: growi.created-by
    pattern: "作成者: {any<40}"
    where: line
    action: drop-line
    path-over-title: drop   # the parent page's path over the title line (`/火山/`)
    evidence: src (author_info.created_by, in the page header's author info; the date under it goes by generic.timestamp-line-slashes)
  - id: growi.updated-by
    pattern: "最終更新者: {any<40}"
    where: line
    action: drop-line
    path-over-title: drop   # the parent page's path over the title line, when the page shows no creator
    evidence: src (author_info.updated_by, in the page header's author info)
  - id: growi.add-comment
    pattern: "コメントを追加"
    where: line
    action: drop-line
    previous-line: drop   # the comment section's label `コメント`
    signal: page-end
    evidence: src (page_comment.add_a_comment, the comment form under the page)

menus:
  # Single words that are menu items in a skin; as lines they are chrome only when at least
  # min-run of them stand together (ヘルプ or 表示 alone can be prose or a heading).
  - id: wikipedia.navbar-links
    min-run: 4
    evidence: unverified (Template:Navbox navbar scraped one link a line, 表 話 編 and 歴, whose rule takes the navbox)
    words: [表, 表示, 話, 編]
  - id: wikipedia.vector-menu
    min-run: 2
    evidence: src (Vector, Vector 2022, Timeless, core messages), peer
    words: [メインメニュー, サイドバーに移動, 非表示, 案内, メインページ, コミュニティ・ポータル, 最近の出来事, 新しいページ,
      最近の更新, おまかせ表示, 練習用ページ, アップロード (ウィキメディア・コモンズ), ヘルプ, 井戸端, お知らせ, バグの報告, 寄付,
      ウィキペディアに関するお問い合わせ, 検索, 表示, アカウント作成, ログイン, 個人用ツール, ログアウトした編集者のページ もっと詳しく,
      ログアウトした編集者のページ, もっと詳しく, 投稿記録, トーク, 目次, ページ先頭, 目次の表示・非表示を切り替え, ツール, 全般, 操作,
      言語を追加, 個人設定, ページツール, その他の操作, ログインしていません, アカウントを作成, ページ, ノート, 閲覧, 編集, 履歴表示,
      ソースを編集, 履歴, 議論, リンク元, 関連ページの更新状況, ファイルをアップロード, 特別ページ, この版への固定リンク, ページ情報,
      このページを引用, ウィキデータ項目, 短縮URLを取得する, QRコードをダウンロード, ブックの新規作成, PDF 形式でダウンロード,
      印刷用バージョン, 他言語版, リンクを編集, 記事, 日本語, 他のプロジェクト, ウィキメディア・コモンズ, 印刷/書き出し, 外観,
      ウィキペディア, フリー百科事典, 言語, 利用者, 別の言語で閲覧, 言語版, 文字, 小, 標準, 大, 幅, 広, 色 (ベータ版), 自動, ライト, ダーク, 話題を追加,
      案内メニュー, 名前空間, 変種, その他, 表示, 他言語版, プロジェクト, 印刷用バージョン, Cookieの声明, 移動先,
      匿名の利用者, あなたのアカウント, ウィキツール, ページツール, ページアクション, ページの履歴, 利用者ツール, 利用者ページ,
      利用者トーク,
      本文, ナビゲーション, ツールボックス, 他の言語, 最近更新したページ, ログインまたはアカウント作成]
      # the line before the last: Timeless's menu headings and items (i18n ja.json); the last: MonoBook's
      # with the messages of MediaWiki before 1.13 or so (nstab-main, navigation, toolbox, otherlanguages,
      # recentchanges, userlogin; MessagesJa.php of MediaWiki 1.11, Sligowebworks/mediawiki)
  - id: wikipedia.minerva-menu
    min-run: 3
    evidence: "page (ja.m.wikipedia.org 杜: the main menu one item a line over the title, `ホーム`, `おまかせ表示`, `付近`, `ログイン`, `設定`, `寄付`, `ウィキペディアについて`, `免責事項`, then `検索`); src (MinervaNeue and MobileFrontend messages: ウォッチリスト, 投稿記録, 最近の更新, 特別ページ, ログアウト)"
    words: [ホーム, おまかせ表示, 付近, ログイン, 設定, 寄付, ウィキペディアについて, 免責事項, 検索, ウォッチリスト, 投稿記録, 最近の更新,
      特別ページ, コミュニティ・ポータル, ログアウト, メインメニューを開く]
  - id: wikipedia.language-links
    min-run: 2
    evidence: fix (interlanguage list before the footer)
    words: [English, Deutsch, Français, Español, Italiano, Português, Русский, 中文, 한국어, 粵語, Bân-lâm-gú, العربية, Polski,
      Nederlands, Svenska, Türkçe, Tiếng Việt, Bahasa Indonesia, Українська, فارسی, Suomi, Čeština, Magyar, Română,
      עברית, ไทย, Dansk, Norsk bokmål, Català, Ελληνικά, 文言, 吴语, Esperanto, Euskara, Galego, Latina, Hrvatski]
  - id: wikipedia.footer-links
    min-run: 2
    signal: page-end
    evidence: fix, peer, src
    words: [プライバシー・ポリシー, ウィキペディアについて, 免責事項, モバイルビュー, 開発者, 統計, Cookieに関する声明, 行動規範,
      利用規約, デスクトップ, 連絡先, プライバシーポリシー, Cookieの声明]
  - id: wikipedia.single-chrome-lines
    min-run: 1
    evidence: src, page
    words: [サイドバーに移動, ページ先頭, 目次の表示・非表示を切り替え, メインメニューを開く, ウォッチリストに追加, 言語を追加,
      ログアウトした編集者のページ もっと詳しく, Cookieに関する声明, このページを引用, この版への固定リンク, ページの問題点,
      リンクを編集]   # `リンクを編集`: the interlanguage list's Wikidata edit link (catalogue §1.3)
  - id: wikimedia.sister-project-logos
    min-run: 1
    evidence: "page (ja.wikiquote.org 岡山県: the logos' alt texts `Wikipedia`, `Wiktionary`, `Commons`, each on the line over its sister-project box); the other projects' names as their logos are named"
    words: [Wikipedia, Wiktionary, Commons, Wikiquote, Wikisource, Wikibooks, Wikinews, Wikiversity, Wikivoyage, Wikispecies, Wikidata]
  - id: citizen.single-chrome-lines
    min-run: 1
    evidence: src (Citizen i18n ja.json, the header's buttons and the footer's share and back-to-top buttons)
    words: [検索を切り替える, 個人設定メニューを切り替える, 個人メニューを切り替える, このページを共有, トップに戻る]
  - id: fandom.footer
    min-run: 2
    signal: page-end
    evidence: fix, page
    words: [Fan Feed, More, Explore properties, Follow Us, Overview, "What is Fandom?", About, Careers, Press, Contact,
      Terms of Use, Privacy Policy, Global Sitemap, Local Sitemap, Community, Community Central, Support, Help,
      Do Not Sell or Share My Personal Information, Advertise, Media Kit, Fandom Apps, D&D Beyond, Fandom, FANDOM,
      Muthead, Fanatical, GameSpot, Metacritic, TV Guide, Giant Bomb, Comic Vine, Digital Services Act,
      Games, Movies, TV, Video, Wikis, Start a Wiki, Explore, 探索, コミュニティ, 最近の更新, ランダムページ,
      ディスカッション, Fandomでもっと見る, メインページ, 全てのページ, すべてのページ, 全ページ, インタラクティブマップ,
      最近のブログ記事, コメント, カテゴリ, カテゴリー, 人気ページ, ページ一覧, アカウント作成, ログイン]
  - id: fandom.account
    min-run: 2
    evidence: unverified (the account links of Fandom's global navigation, scraped one a line under the community's name, English labels as the English interface shows them)
    words: [Sign In, Sign in, Register, Sign Up, Log In, サインイン]   # the Japanese labels other menus know (ログイン, 新規登録) stay theirs
  - id: fandom.global-navigation
    min-run: 4
    evidence: unverified (the global navigation FandomDesktop prints down the page's left edge in the Japanese interface, scraped one link a line over the community header; its generic words need a run of four)
    words: [FANDOM, Fandom, ゲーム, 映画, テレビ, Wiki, Wikiを探索, コミュニティセントラル, Wikiを作成, アカウントをお持ちでない場合,
      "アカウントをお持ちでない場合?", 登録, ログイン, アカウント作成]
  - id: pukiwiki.toolbar
    min-run: 2
    evidence: src
    words: [トップ, 編集, 凍結, 凍結解除, 差分, 履歴, 添付, 複製, 名前変更, リロード, 新規, 一覧, ファイル名一覧, 検索, 最終更新,
      ヘルプ, ログイン, ログアウト, 最終更新のRSS, バックアップ, ホーム, Page Top]
  - id: fswiki.menu
    min-run: 2
    evidence: "src (FreeStyleWiki's menu bar over every page, its items from the plugins' `add_menu` calls: core トップ 新規 編集 差分 一覧 ヘルプ ソース, 履歴, search 検索, pdf PDF, rss RSS, admin ログイン / 管理); page (syutin.cside.ne.jp/wiki/wiki.cgi, `トップ 差分 一覧 ソース 検索 ヘルプ RSS ログイン` over the page name; koitaro.fswiki.com quotes the full bar `トップ 新規 編集 差分 一覧 ソース 検索 ヘルプ PDF RSS ログイン`)"
    words: [トップ, 新規, 編集, 差分, 履歴, 一覧, ソース, 検索, ヘルプ, PDF, RSS, ログイン, 管理]
  - id: wikidot.page-options
    min-run: 2
    evidence: unverified (Wikidot page options bar under the body)
    words: [編集, タグ, 履歴, ファイル, 印刷, サイトツール, + オプション, ページのソース, 親ページ, 名前変更, 削除, ブロック,
      リビジョン比較, 過去のバージョン]
  - id: wikiwiki.footer-links
    min-run: 2
    signal: page-end
    evidence: fix
    words: [レンタルWIKI by WIKIWIKI.jp*, Designed by Olivia, 広告について, 無料レンタル掲示板 zawazawa]
  - id: weblio.menu
    min-run: 2
    evidence: unverified (Weblio page furniture)
    words: [辞書ショートカット, すべての辞書の索引, Weblio 辞書, 辞書・百科事典, 百科事典, ウィキペディア小見出し辞書,
      索引トップ, 用語の索引, ランキング, ウィキペディアウィキペディア, 隣接する言葉, 関連する用語, 辞書, 類語, 英和, 和英, 例文]
  # With the left menu's words (seed), atwiki's header: the `atwiki-logo` image's alt text, the header menu's
  # dropdowns (新規作成, 編集, バージョン管理, ページ一覧, RSS, ヘルプ) and the wiki's own bar under it,
  # scraped one item a line (rejoin-lines takes the list bullets off). One menu with the left menu's
  # words, so that a line is looked up in one list more only.
  - id: atwiki.menu
    min-run: 2
    evidence: "seed; page (w.atwiki.jp/wuri/pages/163.html, the header scraped one item a line: `atwiki-logo`, `• 新規ページ作成`, `• このページをコピーして新規ページ作成`, `• ページ編集(簡易版)`, `• 最新版変更点(差分)`, `• このウィキの更新情報RSS`, `• 運営会社に連絡(不具合、障害など)`, `ページ検索 メニュー`, `• 広告なしオファー`, `• 目安箱バナー`, `• 登録/ログイン`, `広告非表示(β版)`)"
    words: [掲示板, 雑談・質問・相談掲示板, 更新履歴, 最近のコメント, カウンター, トップページ, メニュー, 右メニュー, プラグイン紹介,
      まとめサイト作成支援ツール, リンク, ページ一覧, タグ一覧, 最新ページ,
      atwiki-logo, 新規作成, 新規ページ作成, 新規ページ作成(その他), このページをコピーして新規ページ作成,
      このウィキ内の別ページをコピーして新規ページ作成, このページの子ページを作成, 新規ウィキ作成, 編集, ページ編集(簡易版), ページ名変更,
      メニュー非表示でページ編集, ページの閲覧/編集権限変更, ページの編集モード変更, このページにファイルをアップロード, メニューを編集,
      右メニューを編集, バージョン管理, 最新版変更点(差分), 編集履歴(バックアップ), アップロードファイル履歴, このページの操作履歴,
      このウィキのページ操作履歴, このウィキのタグ一覧, このウィキのタグ(更新順), このページの全コメント一覧, このウィキの全コメント一覧,
      おまかせページ移動, RSS, このウィキの更新情報RSS, このウィキ新着ページRSS, ヘルプ, ご利用ガイド, Wiki初心者向けガイド(基本操作),
      このウィキの管理者に連絡, 運営会社に連絡(不具合、障害など), ページ検索 メニュー, ページ検索, 広告なしオファー, ウィキ募集バナー,
      目安箱バナー, 操作ガイド, 編集する, 全ページ一覧, 登録/ログイン, 広告非表示(β版)]
  - id: generic.site-menu
    min-run: 2
    evidence: peer (HojiChar's header/footer keywords, catalogue §10), unverified (site navigation, account, footer and share links of Japanese web pages)
    words: [ホーム, トップ, トップページ, ログイン, ログアウト, 新規登録, 会員登録, お問い合わせ, サイトマップ, 利用規約,
      プライバシーポリシー, 個人情報保護方針, 会社概要, 運営会社, よくある質問, 記事一覧, 一覧に戻る, 前の記事, 次の記事,
      前のページへ戻る, ページトップへ, ページの先頭へ, サイト内検索, この記事をシェアする, シェアする, ツイート,
      はてなブックマーク, LINEで送る, このページを編集する, コメントを投稿する, コメントを書く, "名前:",
      Twitterでシェア, Twitterでシェアする, Facebookでシェア, Facebookでシェアする, Xでシェア, Xでシェアする, Xでポスト,
      LINEでシェア, LINEでシェアする, はてなブックマークに追加, Pocketに保存]
  - id: generic.page-top
    min-run: 1
    evidence: unverified (back-to-top links, chrome even alone)
    words: [ページの先頭へ, ページの先頭へ戻る, ページトップへ, ページトップへ戻る, このページの先頭へ, このページのトップへ,
      トップへ戻る, 先頭へ戻る, ▲ページトップへ, ↑ページの先頭へ, Page Top]
  - id: generic.read-more
    min-run: 1
    evidence: unverified (links under previews and side blocks of list pages, chrome even alone)
    words: [続きを読む, 続きを見る, もっと読む, もっと見る, 全文を読む, 全文を表示, 詳細を見る, さらに表示, もっと表示,
      最近更新されたページ, 新着ページ, 最新記事, 人気記事, 人気のページ, アクセスランキング]
  - id: dokuwiki.tools
    min-run: 2
    evidence: src (DokuWiki ja lang.php, the user, site and page tools of the dokuwiki template, one a line)
    words: [ユーザ用ツール, サイト用ツール, ページ用ツール, ツール, 検索, ログイン, ログアウト, 管理, ユーザー情報の更新,
      文書の表示, 文書の編集, ソースの表示, 文書の作成, 以前のリビジョン, バックリンク, 最近の変更, メディアマネージャー,
      サイトマップ, 文書の先頭へ, 変更履歴配信の登録]
  - id: growi.sidebar
    min-run: 2
    evidence: src (GROWI ja_JP translation.json, the sidebar's menu one a line)
    words: [ページツリー, 最新の変更, カスタムサイドバー, ブックマーク, タグ, 通知, 下書き一覧, 削除済みページ, 新規ページ]
  - id: xoops.login
    min-run: 2
    evidence: page (the login block of xpWiki on XOOPS, catalogue §7)
    words: [ユーザー名, ユーザ名, E-mail, パスワード, 次回から自動ログインする, パスワード紛失, ログイン, 新規登録]

breadcrumb:
  id: generic.breadcrumb
  max-crumb: 40

toc:
  id: generic.toc
  headings: [目次, "目次 [非表示]"]   # `目次 [非表示]`: ピクシブ百科事典's TOC box (catalogue §9, page)

infobox:
  id: wikipedia.infobox
  end-markers: [テンプレートを表示]

truncated-prefix-min: 4
"""#
}
