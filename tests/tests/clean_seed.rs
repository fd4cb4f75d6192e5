//! End-to-end: the cleaner on the real seed issue (`corpus/raw/000_d2874fb822b0e5bc.txt`).
//!
//! Every fact asserted here was checked by reading the raw text against `yuliao show`:
//! article count, titles, authors, units, kinds, the shifted-font repairs, the poem's lines,
//! conservation, and that the committed `corpus/clean/*.json` is a fresh clean of `corpus/raw`.
use std::collections::BTreeSet;
use yuliao::clean::{clean_issue, to_json, ConservationReport};
use yuliao::corpus::{Article, Issue, Kind};
use yuliao_tests::{repo_root, seed_raw_path};

const SOURCE: &str = "corpus/raw/000_d2874fb822b0e5bc.txt";
const REFRESH: &str = "cargo run -p yuliao --bin yuliao -- clean";

fn seed() -> (Issue, ConservationReport) {
    let raw = std::fs::read(seed_raw_path()).expect("seed raw file");
    clean_issue(&raw, SOURCE).expect("the seed issue cleans")
}

fn article<'a>(issue: &'a Issue, title: &str) -> &'a Article {
    issue
        .articles
        .iter()
        .find(|a| a.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("no article titled {title}; titles: {:?}", titles(issue)))
}

fn titles(issue: &Issue) -> Vec<Option<String>> {
    issue.articles.iter().map(|a| a.title.clone()).collect()
}

fn text(a: &Article) -> String {
    a.paragraphs.join("\n")
}

fn all_text(issue: &Issue) -> String {
    let mut s = String::new();
    for a in &issue.articles {
        for f in [&a.title, &a.subtitle, &a.column].into_iter().flatten() {
            s.push_str(f);
            s.push('\n');
        }
        for f in a.authors.iter().chain(&a.photographers).chain(&a.units).chain(&a.paragraphs) {
            s.push_str(f);
            s.push('\n');
        }
    }
    s
}

#[test]
fn issue_metadata() {
    let (issue, _) = seed();
    assert_eq!(issue.source, SOURCE);
    assert_eq!(issue.publication, "劲旅");
    assert_eq!(issue.date.as_deref(), Some("2024-01"));
    assert_eq!(issue.editors, vec!["苗滨"]);
    assert!(issue.unplaced.is_empty(), "{:?}", issue.unplaced);
}

#[test]
fn articles_in_reading_order_with_titles() {
    let (issue, _) = seed();
    let expected: Vec<Option<&str>> = vec![
        Some("超额完成2023年生产经营目标任务"),
        Some("超额完成2023年生产经营目标任务"),
        Some("启动设备整治“专项行动” 拉开2024年工作序幕"),
        None,
        Some("企业一员工喜获运城市“新时代最美劳动者”称号"),
        Some("强化禁烟管理 消除安全隐患"),
        None,
        Some("开展“实战”演练 提升应急能力"),
        None,
        Some("优化粒度指标 提升产品质量"),
        Some("“铁军”大会战"),
        Some("聚合力巧攻关 降消耗稳生产"),
        None,
        Some("节能降耗在行动"),
        Some("迎难而上显担当 清理消缺提效率"),
        Some("管好干部 聚拢人才 打开提产降耗新局面"),
        Some("新年送祝福 岗位作贡献"),
        None,
        None,
        Some("专项技能竞赛 充分发挥“半边天”作用"),
        Some("聚焦“关键小事” 办好“暖心实事”"),
        Some("积极探索 创新方法 解锁党员管理新模式"),
        Some("暖"),
        Some("往事如烟"),
        Some("父亲的“首义门”情结"),
        Some("爱的探寻美的咏唱"),
    ];
    let got: Vec<Option<&str>> = issue.articles.iter().map(|a| a.title.as_deref()).collect();
    assert_eq!(got, expected);
    assert_eq!(issue.articles.len(), 26);
    let mut ids = std::collections::BTreeSet::new();
    for a in &issue.articles {
        let hash = a.id.strip_prefix("000_d2874fb822b0e5bc-").expect("ids start with the issue's stem");
        assert!(hash.len() == 8 && hash.chars().all(|c| c.is_ascii_hexdigit()), "{}", a.id);
        assert!(ids.insert(a.id.clone()), "duplicate id {}", a.id);
        assert!(!a.paragraphs.is_empty(), "{} has no text", a.id);
    }
}

#[test]
fn bylines_units_and_kinds() {
    let (issue, _) = seed();
    let a = article(&issue, "强化禁烟管理 消除安全隐患");
    assert_eq!(a.authors, vec!["师晓娟", "柴水霞"]);
    assert_eq!(a.units, vec!["资源综合利用分公司焙烧工区"]);
    assert_eq!(a.kind, Kind::News);
    assert!(a.paragraphs[0].starts_with("劲旅讯 近日，资源综合利用分公司焙烧工区采取多项措施"));

    // 劲旅讯 … 又讯 … under one headline: the unit line names one unit per report.
    let (first, second) = (&issue.articles[0], &issue.articles[1]);
    assert_eq!(first.units, vec!["精细氧化铝事业部"]);
    assert_eq!(second.units, vec!["山西中铝工服"]);
    assert_eq!(second.authors, vec!["王星芸", "郭美霞"]);
    assert!(second.paragraphs[0].starts_with("又讯 2023年以来，山西中铝工服"));

    // Padded two-character names close up; bylines right after the dateline are taken off.
    let meeting = article(&issue, "启动设备整治“专项行动” 拉开2024年工作序幕");
    assert_eq!(meeting.authors, vec!["杨红"]);
    assert_eq!(meeting.subtitle.as_deref(), Some("中铝山西新材料召开氧化铝板块“工艺设备性能优化大排查大整治”专项行动动员会"));
    assert!(meeting.paragraphs[0].starts_with("劲旅讯 1月4日，中铝山西新材料召开"));
    assert_eq!(issue.articles[3].authors, vec!["杨红"]);
    assert_eq!(article(&issue, "开展“实战”演练 提升应急能力").authors, vec!["李东"]);
    assert_eq!(article(&issue, "优化粒度指标 提升产品质量").authors, vec!["吕丽萍"]);
    assert_eq!(issue.articles[8].authors, vec!["王军"]);

    let feature = article(&issue, "“铁军”大会战");
    assert_eq!((feature.kind, feature.authors.clone()), (Kind::Feature, vec!["郭美霞".to_string(), "董成龙".to_string()]));
    assert!(feature.paragraphs[0].starts_with("“虽然甲方要求工期很紧，但我们不能因为赶时间就放松了对质量的要求"));
    // A short last line ends a paragraph even without a blank line after it.
    assert!(feature.paragraphs[2].ends_with("为风炮、空压机等工器具的正常使用提供保障。"));
    assert!(feature.paragraphs[3].starts_with("即便做足了准备，大会战一开始，风管、风炮等工器具便被冻得“哑了声”"));
    assert_eq!(feature.paragraphs.len(), 6);

    // The caption opening with 图为 belongs to the story before it.
    let worker = article(&issue, "企业一员工喜获运城市“新时代最美劳动者”称号");
    assert_eq!(worker.authors, vec!["杜亮芳"]);
    assert_eq!(worker.photographers, vec!["郭美霞"]);
    assert_eq!(worker.paragraphs.last().unwrap(), "图为山西中铝工服检修人员认真做好设备检修维护。");

    let photos: Vec<&Article> = issue.articles.iter().filter(|a| a.kind == Kind::Photo).collect();
    assert_eq!(photos.len(), 4);
    assert_eq!(photos[0].photographers, vec!["刘立新", "刘佳"]);
    assert_eq!(photos[1].photographers, vec!["杨效民"]);
    assert_eq!(photos[2].photographers, vec!["师晓娟", "王峰"]);
    assert_eq!(photos[3].photographers, vec!["张秀秀", "张林"]);

    let cadres = article(&issue, "管好干部 聚拢人才 打开提产降耗新局面");
    assert_eq!(cadres.column.as_deref(), Some("两带两创"));
    assert_eq!(cadres.units, vec!["氧化铝厂党委"]);
    assert_eq!(issue.articles.iter().filter(|a| a.column.is_some()).count(), 1);

    let literature: Vec<&str> = issue.articles.iter().filter(|a| a.kind == Kind::Literature).filter_map(|a| a.title.as_deref()).collect();
    assert_eq!(literature, vec!["暖", "往事如烟", "父亲的“首义门”情结", "爱的探寻美的咏唱"]);
    let warm = article(&issue, "暖");
    assert_eq!(warm.authors, vec!["王建强"]);
    assert!(warm.paragraphs.last().unwrap().ends_with("此时此刻，我相信父亲的心里一定暖洋洋的。"));
    assert_eq!(article(&issue, "父亲的“首义门”情结").authors, vec!["韩长绵"]);
    assert_eq!(article(&issue, "爱的探寻美的咏唱").authors, vec!["杨生贵"]);
}

#[test]
fn no_shifted_punctuation_is_left_but_real_characters_stay() {
    let (issue, _) = seed();
    let all = all_text(&issue);
    for glyph in ['袁', '遥', '尧', '曰', '渊', '冤', '冶', '曳', '浴', '荫', '滋'] {
        assert!(!all.contains(glyph), "shifted {glyph} left in the cleaned issue");
    }
    assert!(!all.contains('野'), "野 is only ever a quote mark in this issue");
    // Real characters that share a glyph with shifted punctuation.
    assert_eq!(all.matches('窑').count(), 1);
    assert!(all.contains("投身到炉、窑、磨、机等包保检修任务中"));
    assert!(text(article(&issue, "往事如烟")).contains("日落而息的庄稼院"));
    assert_eq!(text(article(&issue, "暖")).matches("院子").count(), 2);
    // Repairs from context.
    assert!(text(&issue.articles[12]).contains("为深刻汲取齐齐哈尔“7·23”某中学体育馆坍塌及中铝国际施工项目模板垮塌事故教训，近日，"));
    assert!(text(article(&issue, "管好干部 聚拢人才 打开提产降耗新局面")).contains("氧化铝粒度-45μm较2022年同期降低了0.74%"));
    assert!(text(article(&issue, "管好干部 聚拢人才 打开提产降耗新局面")).contains("出台了《关于提高干部工作执行力 强化考核问责的规定》，做到了"));
    assert!(text(article(&issue, "优化粒度指标 提升产品质量")).contains("氧化铝粒度-45μm较上一年降低了0.74%"));
    let method = text(article(&issue, "积极探索 创新方法 解锁党员管理新模式"));
    assert!(method.contains("创新提炼“3233”工作法，确保将流动党员集结在党旗下"));
    assert!(method.contains("“32”即“双强、双找、双培养”。“双强”即强组织、强班子；"));
    let contest = text(article(&issue, "专项技能竞赛 充分发挥“半边天”作用"));
    assert!(contest.contains("综合管理科（政工科）每月公布劳动竞赛情况"));
    assert!(text(article(&issue, "“铁军”大会战")).contains("当机立断，“用大锤砸！”为了节约时间"));
}

#[test]
fn lines_join_and_paragraphs_end_where_the_text_does() {
    let (issue, _) = seed();
    // Across a blank line in the middle of a word.
    assert!(text(&issue.articles[3]).contains("中铝股份党建工作第二考核组组长"));
    assert!(text(&issue.articles[1]).contains("高标准落实“两带两创”活动"));
    assert!(text(&issue.articles[0]).contains("“两带两创”活动项目课题16项"));
    // A sentence that starts a column after a finished one is body, not a title.
    assert!(text(&issue.articles[2]).contains("在客观分析了企业设备系统非计划停车多、辅助系统不平衡、重要工序运行不经济"));
    // Narrow side column and letter-spaced body text.
    let lab = text(&issue.articles[18]);
    assert!(lab.starts_with("近段时间以来，技术研发中心质量检测党支部"));
    assert!(lab.contains("2台ARL3460直读光谱仪是进口设备"));
    assert!(lab.ends_with("节省了大量备件费用，预计年可节约备件费用19余万元。"));
    let gate = article(&issue, "父亲的“首义门”情结");
    assert_eq!(gate.paragraphs[0], "1958年9月我毕业后，被分配到山西工作，临动身前，父亲对我说：“我从报纸上得知，1949年解放太原时，解放军从首义门发起攻城战斗，仗打得异常激烈，阎匪军虽然负隅顽抗，终究挡不住我们英勇的解放大军，我被这场胜利的战斗所感动，并牢牢地记住了首义门这个地方。”");
    assert_eq!(gate.paragraphs.len(), 7);
    // Typesetting spaces around numbers go.
    assert!(issue.articles[0].paragraphs[0].ends_with("2023年，拟薄水铝石产量超年计划4.9%，硅铝粉产量超年计划9.25%。"));
    assert_eq!(issue.articles[0].paragraphs.len(), 5);
    let warm = article(&issue, "暖");
    assert_eq!(warm.paragraphs.len(), 8);
    assert!(warm.paragraphs[5].ends_with("学骑自行车的样子……"));
    for a in &issue.articles {
        for p in &a.paragraphs {
            assert!(!p.contains("  ") && p.trim() == p, "{}: {p:?}", a.id);
        }
    }
}

#[test]
fn the_poem_keeps_its_lines() {
    let (issue, _) = seed();
    let poem = article(&issue, "往事如烟");
    assert_eq!(poem.kind, Kind::Literature);
    assert_eq!(poem.paragraphs.len(), 25);
    assert_eq!(&poem.paragraphs[..3], ["老实的梧桐", "紧挨着土崖", "蝉虫肆意鸣叫的夜风里"]);
    assert_eq!(poem.paragraphs.last().unwrap(), "那一帧帧原生态的剪影");
    assert!(poem.authors.is_empty());
}

#[test]
fn conservation_nothing_vanishes_but_whitespace_and_byline_markers() {
    let (issue, report) = seed();
    assert!(report.lost.is_empty(), "lost: {:?}", report.lost);
    let markers: BTreeSet<char> = report.markers.keys().copied().collect();
    let allowed: BTreeSet<char> = "●（）()摄影报道责编／".chars().collect();
    assert!(markers.is_subset(&allowed), "unexpected markers {markers:?}");
    assert_eq!(report.markers.get(&'●'), Some(&4));
    assert_eq!(report.chars_unplaced, 0);
    let out: usize = report.chars_out.values().sum();
    let markers: usize = report.markers.values().sum();
    let duplicated: usize = report.duplicated.values().sum();
    assert_eq!(report.chars_in + duplicated, out + markers);
    // The only duplication: the headline and nothing else shared by 劲旅讯 and 又讯.
    assert_eq!(duplicated, issue.articles[0].title.as_ref().unwrap().chars().count());
    assert!(report.repaired.get("袁→，").is_some_and(|&n| n > 100));
    assert_eq!(report.repaired.get("窑→·"), Some(&1));
    assert_eq!(report.repaired.get("滋→μ"), Some(&1));
}

#[test]
fn cleaning_is_deterministic() {
    let (a, _) = seed();
    let (b, _) = seed();
    assert_eq!(to_json(&a), to_json(&b));
}

#[test]
fn committed_clean_corpus_is_fresh() {
    let root = repo_root();
    let mut raws: Vec<_> = std::fs::read_dir(root.join("corpus/raw"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    raws.sort();
    assert!(!raws.is_empty());
    for raw in raws {
        let name = raw.file_name().unwrap().to_string_lossy().to_string();
        let stem = name.trim_end_matches(".txt");
        let source = format!("corpus/raw/{name}");
        let Ok((issue, _)) = clean_issue(&std::fs::read(&raw).unwrap(), &source) else { continue };
        let json_path = root.join("corpus/clean").join(format!("{stem}.json"));
        let committed = std::fs::read_to_string(&json_path).unwrap_or_default();
        assert!(
            committed == to_json(&issue),
            "corpus/clean/{stem}.json is missing or stale: it is not what the cleaner makes of {source}. Refresh it with `{REFRESH}` and review the diff."
        );
    }
}

/// An article's id depends on its own opening, not its position: cutting articles before it
/// (a corrected extraction, a better cleaner) leaves every later id, and so every shared
/// `#/article/<id>` link, as it was.
#[test]
fn article_ids_survive_articles_cut_before_them() {
    let issue = yuliao_tests::clean_issues().remove(0);
    let stem = "000_d2874fb822b0e5bc";
    let ids = |articles: &[yuliao::corpus::Article]| -> Vec<String> {
        let mut taken = std::collections::BTreeSet::new();
        articles
            .iter()
            .map(|a| {
                let id = yuliao::corpus::article_id(stem, a, &taken);
                taken.insert(id.clone());
                id
            })
            .collect()
    };
    let all = ids(&issue.articles);
    assert_eq!(all, issue.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>(), "the committed ids are the hashes");
    for cut in [0, 5, 12] {
        let mut rest = issue.articles.clone();
        rest.remove(cut);
        let mut expected = all.clone();
        expected.remove(cut);
        assert_eq!(ids(&rest), expected, "cutting article {cut} changed other ids");
    }
    // A changed opening is a different article: a new id.
    let mut edited = issue.articles[3].clone();
    edited.paragraphs[0].insert_str(0, "更正：");
    assert_ne!(ids(std::slice::from_ref(&edited))[0], all[3]);
}
