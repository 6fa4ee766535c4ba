//! Parsing of 指标值: [symbol] number [unit], ranges, dates, qualitative words
//! (grammar under "V" in `shared/spec/rules.md`). Never panics: anything it cannot read is
//! [`Value::Text`].

use crate::data::Units;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Ge,
    Gt,
    Le,
    Lt,
    Eq,
}

impl Op {
    pub fn symbol(self) -> &'static str {
        match self {
            Op::Ge => "≥",
            Op::Gt => ">",
            Op::Le => "≤",
            Op::Lt => "<",
            Op::Eq => "=",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// Empty, or only a symbol and/or a unit ("≧ %", "公里").
    Blank,
    /// [symbol] number [unit]: "≥90%", "100", "不少于300人次", "28.8万元".
    Number {
        op: Option<Op>,
        number: f64,
        unit: Option<String>,
    },
    /// "90%-95%", "90~95%".
    Range {
        low: f64,
        high: f64,
        unit: Option<String>,
    },
    /// "2020年12月底前", "12月底", "≤2020年12月"; a period ("2025年3月—10月").
    Date { op: Option<Op> },
    /// A change against a baseline: "较上年提高5个百分点", "同比增长10%", "下降2%".
    Change {
        number: f64,
        unit: Option<String>,
        /// Up (提高, 增长 …) or down (下降, 减少 …).
        up: bool,
    },
    /// A graded qualitative word ("好", "合格", "达到").
    Qualitative(String),
    /// 是 / 否.
    Boolean(bool),
    /// Anything else: a sentence, several numbers, a vague word.
    Text(TextKind),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TextKind {
    /// Two or more numbers that form no range ("= 44,561 44,561").
    SeveralNumbers,
    /// Text with a number in it that is not [symbol] number [unit].
    WithNumber,
    /// Text without any digit.
    Words,
    /// Every grade listed instead of one chosen ("优/良/中/差", "好、较好、一般、差").
    AllGrades,
    /// A sentence (aims, a description) written into the value cell.
    Sentence,
}

impl Value {
    pub fn number(&self) -> Option<f64> {
        match self {
            Value::Number { number, .. } => Some(*number),
            _ => None,
        }
    }
    pub fn op(&self) -> Option<Op> {
        match self {
            Value::Number { op, .. } | Value::Date { op } => *op,
            _ => None,
        }
    }
    pub fn unit(&self) -> Option<&str> {
        match self {
            Value::Number { unit, .. } | Value::Range { unit, .. } | Value::Change { unit, .. } => {
                unit.as_deref()
            }
            _ => None,
        }
    }
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            Value::Number { .. } | Value::Range { .. } | Value::Change { .. }
        )
    }
}

pub use crate::text::norm_value as normalize;

/// Leading comparison words and symbols, longest first.
const PREFIX_OPS: &[(&str, Op)] = &[
    (">=", Op::Ge),
    ("<=", Op::Le),
    ("=>", Op::Ge),
    ("=<", Op::Le),
    ("大于等于", Op::Ge),
    ("小于等于", Op::Le),
    ("大于或等于", Op::Ge),
    ("小于或等于", Op::Le),
    ("不低于", Op::Ge),
    ("不少于", Op::Ge),
    ("不小于", Op::Ge),
    ("不高于", Op::Le),
    ("不超过", Op::Le),
    ("不大于", Op::Le),
    ("不多于", Op::Le),
    ("达到", Op::Ge),
    ("超过", Op::Gt),
    ("多于", Op::Gt),
    ("大于", Op::Gt),
    ("小于", Op::Lt),
    ("高于", Op::Gt),
    ("低于", Op::Lt),
    ("等于", Op::Eq),
    ("≥", Op::Ge),
    ("≤", Op::Le),
    // A tolerance (误差 ±3%以内): the deviation at most.
    ("±", Op::Le),
    ("=", Op::Eq),
    (">", Op::Gt),
    ("<", Op::Lt),
];

/// Trailing comparison words: "90%以上", "7天以内", "24小时内".
const SUFFIX_OPS: &[(&str, Op)] = &[
    ("及以上", Op::Ge),
    ("以上", Op::Ge),
    ("及以下", Op::Le),
    ("以下", Op::Le),
    ("以内", Op::Le),
    ("之内", Op::Le),
    ("内", Op::Le),
];

/// Words of approximation that change nothing about the target: "约200人", "200人左右".
const APPROX_PREFIXES: &[&str] = &["大约", "约", "近", "预计"];
const APPROX_SUFFIXES: &[&str] = &["左右", "上下"];

/// A frequency prefix: "每月1次" is 1 次/月.
const PER: &[(&str, &str)] = &[
    ("每半年", "半年"),
    ("每季度", "季度"),
    ("每季", "季度"),
    ("每年", "年"),
    ("每月", "月"),
    ("每周", "周"),
    ("每天", "天"),
    ("每日", "日"),
];

/// Words that start a change against a baseline, and whether they go up.
const CHANGE_VERBS: &[(&str, bool)] = &[
    ("提高", true),
    ("提升", true),
    ("增长", true),
    ("增加", true),
    ("上升", true),
    ("增幅", true),
    ("下降", false),
    ("降低", false),
    ("减少", false),
    ("压减", false),
    ("缩短", false),
];

/// Baselines a change is measured against: "较上年", "同比", "比2024年".
fn strip_baseline(s: &str) -> &str {
    use std::sync::LazyLock;
    static BASE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:较|比|与)?(?:上年|上一年|去年|上年度|上一年度|往年|[0-9]{4}年|基期|基准年)(?:同期)?(?:相比)?|^同比|^环比",
        )
        .expect("baseline pattern")
    });
    match BASE.find(s) {
        Some(m) => &s[m.end()..],
        None => s,
    }
}

/// A change against a baseline ("较上年提高5个百分点", "同比增长10%", "下降2%").
fn parse_change(body: &str) -> Option<Value> {
    let rest = strip_baseline(body);
    let based = rest.len() < body.len();
    let (verb_len, up) = CHANGE_VERBS
        .iter()
        .find(|(v, _)| rest.starts_with(v))
        .map(|(v, up)| (v.len(), *up))?;
    let rest = rest[verb_len..].trim_start_matches(['了', ' ']);
    let (number, after) = leading_number(rest)?;
    let unit = after.trim();
    if !unit.is_empty() && !is_unit_text(unit) {
        return None;
    }
    // Without a baseline, only a change in percent or points reads as one ("下降2%").
    if !(based || unit.contains('%') || unit.contains("百分点")) {
        return None;
    }
    Some(Value::Change {
        number,
        unit: (!unit.is_empty()).then(|| unit.to_string()),
        up,
    })
}

/// A note after the value, in brackets: "≥95%（2024年为93%）", "≥4.5分（5分制）".
fn strip_note(t: &str) -> &str {
    let Some(body) = t.strip_suffix([')', '）']) else {
        return t;
    };
    match body.rfind(['(', '（']) {
        Some(i) if i > 0 => t[..i].trim_end(),
        _ => t,
    }
}

/// Grade words a value may list ("优/良/中/差" lists them all instead of choosing one).
const GRADES: &[&str] = &[
    "好",
    "较好",
    "一般",
    "差",
    "较差",
    "优",
    "良",
    "中",
    "优秀",
    "良好",
    "合格",
    "不合格",
    "高",
    "较高",
    "低",
    "较低",
    "满意",
    "基本满意",
    "不满意",
    "达到",
    "基本达到",
    "部分达到",
    "未达到",
    "及格",
    "不及格",
];

fn all_grades(b: &str) -> bool {
    if ["优良中差", "好较好一般差", "高中低", "优良中", "好中差"].contains(&b) {
        return true;
    }
    let parts: Vec<&str> = b
        .split(['/', '、', ',', '，', ' ', '|', '；', ';'])
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 3 && parts.iter().all(|p| GRADES.contains(p))
}

/// A sentence rather than a value: long, or with clause punctuation.
fn is_sentence(b: &str) -> bool {
    let n = b.chars().count();
    n >= 20 || (n >= 10 && b.contains(['，', ',', '；', ';', '。']))
}

/// A period: two dates joined by a dash or 至/到 ("2025年3月-2025年10月", "2020.1.1-2020.12.31",
/// "2025年1-12月", "3月至10月").
fn is_period(s: &str) -> bool {
    use std::sync::LazyLock;
    static MONTHS: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(r"^(?:[0-9]{4}年)?[0-9]{1,2}(?:月)?[-~至到][0-9]{1,2}月(?:份)?$")
            .expect("months")
    });
    if MONTHS.is_match(s) {
        return true;
    }
    s.char_indices()
        .filter(|(_, c)| matches!(c, '-' | '~' | '至' | '到'))
        .any(|(i, c)| {
            let (a, b) = (&s[..i], &s[i + c.len_utf8()..]);
            !a.is_empty() && !b.is_empty() && is_date(a.trim()) && is_date(b.trim())
        })
}

/// A cell of nothing but slashes or dashes (“/”, “—”, “--”): left empty on purpose, “不适用”.
pub fn not_applicable(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty() && t.chars().all(|c| "/／-－—–―".contains(c))
}

pub fn parse(raw: &str, units: &Units, qualitative: &[String]) -> Value {
    let folded = normalize(raw);
    let t = folded
        .trim_end_matches(['。', '，', '；', ',', ';', '.'])
        .trim_end();
    let t = strip_note(t);
    if t.is_empty() || t == "定性" || t == "定量" || not_applicable(t) {
        // "定性" alone is the 指标性质 of a split value column, not a value; "/" or "—" alone
        // marks a cell left empty on purpose.
        return Value::Blank;
    }
    if let Some(v) = deadline_value(t, units, qualitative) {
        return v;
    }
    let (mut op, mut rest) = strip_prefix_op(t);
    rest = rest.trim_start();
    // A second symbol ("≥=90") or a symbol repeated is tolerated: keep the first.
    if let (Some(_), (Some(_), r)) = (op, strip_prefix_op(rest)) {
        rest = r.trim_start();
    }
    for w in APPROX_PREFIXES {
        if let Some(r) = rest.strip_prefix(w) {
            rest = r.trim_start();
            break;
        }
    }
    let mut body = rest.to_string();
    for w in APPROX_SUFFIXES {
        if let Some(b) = body.strip_suffix(w) {
            body = b.trim_end().to_string();
            break;
        }
    }
    for (w, o) in SUFFIX_OPS {
        if let Some(b) = body.strip_suffix(w) {
            if op.is_none() {
                op = Some(*o);
            }
            body = b.trim_end().to_string();
            break;
        }
    }
    if body.is_empty() || is_unit_only(&body, units) {
        return Value::Blank;
    }
    if is_date(&body) || (op.is_none() && is_period(&body)) {
        return Value::Date { op };
    }
    if op.is_none()
        && let Some(change) = parse_change(&body)
    {
        return change;
    }
    if !body.chars().any(|c| c.is_ascii_digit()) {
        let b = body.as_str();
        // "无重大安全事故", "未发生责任事故", "零投诉": a checkable zero target.
        if ["无", "未发生", "零"].iter().any(|p| b.starts_with(p)) && b.chars().count() <= 12 {
            return Value::Qualitative(b.to_string());
        }
        if b == "是" {
            return Value::Boolean(true);
        }
        if b == "否" {
            return Value::Boolean(false);
        }
        let q = b
            .strip_prefix("定性")
            .map(|s| s.trim_start_matches([':', ' ']).trim())
            .unwrap_or(b);
        if all_grades(q) {
            return Value::Text(TextKind::AllGrades);
        }
        if qualitative.iter().any(|w| w == q || w == b) {
            return Value::Qualitative(q.to_string());
        }
        if is_sentence(b) {
            return Value::Text(TextKind::Sentence);
        }
        return Value::Text(TextKind::Words);
    }
    // "每月1次" → 1 次/月.
    let mut per = None;
    for (w, period) in PER {
        if let Some(r) = body.strip_prefix(w) {
            per = Some(*period);
            body = r.trim_start().to_string();
            break;
        }
    }
    let Some((n1, after1)) = leading_number(&body) else {
        return Value::Text(if is_sentence(&body) {
            TextKind::Sentence
        } else {
            TextKind::WithNumber
        });
    };
    let mut after1 = after1.trim_start();
    // A ratio: "1:1", "≥3:1".
    if let Some(r) = after1.strip_prefix(':')
        && let Some((n2, tail)) = leading_number(r.trim_start())
        && tail.trim().is_empty()
    {
        return Value::Number {
            op,
            number: n1,
            unit: Some(format!(":{n2}")),
        };
    }
    // "1000余人", "100多人": more than the number.
    if let Some(r) = after1.strip_prefix(['余', '多']) {
        after1 = r.trim_start();
        if op.is_none() {
            op = Some(Op::Ge);
        }
    }
    let after1 = after1;
    // A range: number [unit] (-|~|至|到) number [unit]
    if let Some(range) = parse_range(n1, after1, units) {
        return if op.is_none() {
            range
        } else {
            Value::Text(TextKind::WithNumber)
        };
    }
    let unit = after1.trim();
    if unit.is_empty() {
        return Value::Number {
            op,
            number: n1,
            unit: None,
        };
    }
    if leading_number(unit).is_some()
        || unit.split_whitespace().any(|w| leading_number(w).is_some())
    {
        return Value::Text(TextKind::SeveralNumbers);
    }
    let compound = compound_unit(unit, units);
    let unit = compound.as_deref().unwrap_or(unit);
    if is_unit_text(unit) {
        let unit = match per {
            Some(p) if !unit.contains('/') => format!("{unit}/{p}"),
            _ => unit.to_string(),
        };
        return Value::Number {
            op,
            number: n1,
            unit: Some(unit),
        };
    }
    Value::Text(if is_sentence(&body) {
        TextKind::Sentence
    } else {
        TextKind::WithNumber
    })
}

/// What may end a value after a deadline: "12月底前100%到位", "年底前100%拨付".
const DEADLINE_TAILS: &[&str] = &[
    "拨付到位",
    "支付到位",
    "发放到位",
    "到位",
    "完成",
    "拨付",
    "支付",
    "发放",
];

/// A deadline before the value ("12月底前100%到位", "12月底前100%", "年底前完成100%",
/// "2025年6月30日前≥90%"): a deadline and a rate, both checkable. The value part is what the
/// other rules read (V001 sees the 100%); the deadline itself is the row's own 时效. `None` when
/// no deadline leads or what follows is no [symbol] number [unit] (a sentence of aims after a
/// deadline stays text: "12月底前完成项目规划相关工作").
fn deadline_value(t: &str, units: &Units, qualitative: &[String]) -> Option<Value> {
    use std::sync::LazyLock;
    static DEADLINE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:截至|截止|于|在)?(?:(?:[0-9]{4}年)?(?:[0-9]{1,2}月(?:[0-9]{1,2}[日号])?(?:底|末)?|年底|年末)(?:前|之前|以前)|(?:[0-9]{4}年)?(?:[0-9]{1,2}月(?:底|末)|年底|年末))[,，、 ]*(?:完成|拨付到位|支付到位|拨付|支付|发放|到位)?",
        )
        .expect("deadline pattern")
    });
    let m = DEADLINE.find(t)?;
    let mut rest = t[m.end()..].trim();
    for w in DEADLINE_TAILS {
        if let Some(r) = rest.strip_suffix(w) {
            rest = r.trim_end();
            break;
        }
    }
    // The value must start with a digit or a comparison ("≥90%", "不低于95%"), not a dash or
    // 至 (a period: "3月底-10月底").
    let starts =
        rest.starts_with(|c: char| c.is_ascii_digit()) || strip_prefix_op(rest).0.is_some();
    if !starts || rest.starts_with(['-', '+']) {
        return None;
    }
    match parse(rest, units, qualitative) {
        // With a unit that is no date's: a bare number after a deadline is a garbled value
        // ("12月底前2025", "2025年12月31日前45657", an Excel date serial), not a target.
        v @ (Value::Number { .. } | Value::Range { .. })
            if v.unit()
                .is_some_and(|u| !u.starts_with(['年', '月', '日', '号'])) =>
        {
            Some(v)
        }
        _ => None,
    }
}

/// A cell that holds only a comparison, as a split value column writes it (符号, 计算符号,
/// 指标方向): "≥", ">=", "大于等于", "不低于", "小于" …; `None` for anything else (a word
/// such as 正向, 定性 or 达到, a number, a comparison with a number after it).
pub fn comparison(cell: &str) -> Option<Op> {
    let s = normalize(cell);
    if s == "达到" || s == "±" {
        return None;
    }
    match strip_prefix_op(&s) {
        (Some(op), "") => Some(op),
        _ => None,
    }
}

fn strip_prefix_op(s: &str) -> (Option<Op>, &str) {
    for (w, o) in PREFIX_OPS {
        if let Some(r) = s.strip_prefix(w) {
            return (Some(*o), r);
        }
    }
    (None, s)
}

/// Only a unit (and maybe symbols): "公里", "%", "≥ %".
fn is_unit_only(body: &str, units: &Units) -> bool {
    let b: String = body
        .chars()
        .filter(|c| !c.is_whitespace() && !"≥≤=<>".contains(*c))
        .collect();
    b.is_empty() || units.all().any(|u| u == b)
}

/// A compound unit with a full stop (or 、) for its middle dot ("元/人.每天", "元/人。月", "元/人、天", a common slip
/// for 元/人·天): each side a unit ("元/人", then 天 or 每天, 月 …), joined by “·”. `None` when
/// the unit has no such stop or a side is no unit ("元.5", "元/人.左右"). A decimal never gets
/// here: the number took its point ("17.5元").
fn compound_unit(unit: &str, units: &Units) -> Option<String> {
    if !unit.contains(['.', '。', '、']) {
        return None;
    }
    // 、 joins a rate and its period only (元/人、天), never a list (个、村).
    if unit.contains('、') && !unit.split('、').next().is_some_and(|h| h.contains('/')) {
        return None;
    }
    let known = |u: &str| units.kind(u).is_some();
    let mut parts = unit.split(['.', '。', '·', '、']);
    let head = parts.next()?;
    if !known(head) {
        return None;
    }
    let mut out = head.to_string();
    for p in parts {
        let p = p.strip_prefix('每').unwrap_or(p);
        if p.is_empty() || !known(p) {
            return None;
        }
        out.push('·');
        out.push_str(p);
    }
    Some(out)
}

/// What may follow a number as its unit: short, no sentence punctuation, no digits.
fn is_unit_text(u: &str) -> bool {
    u.chars().count() <= 8
        && !u.chars().any(|c| {
            c.is_ascii_digit() || ",.;:!?，。；：！？、()（）\"“”".contains(c) || c.is_whitespace()
        })
}

/// A number at the start: optional sign, digits with optional thousands separators, decimals.
fn leading_number(s: &str) -> Option<(f64, &str)> {
    let bytes = s.as_bytes();
    let mut i = 0;
    if i < bytes.len() && (bytes[i] == b'-' || bytes[i] == b'+') {
        i += 1;
    }
    let digits_start = i;
    while i < bytes.len() {
        match bytes[i] {
            b'0'..=b'9' => i += 1,
            // A thousands separator: a comma followed by exactly three digits.
            b',' if i > digits_start
                && bytes.len() >= i + 4
                && bytes[i + 1..i + 4].iter().all(u8::is_ascii_digit)
                && bytes.get(i + 4).is_none_or(|b| !b.is_ascii_digit()) =>
            {
                i += 4
            }
            _ => break,
        }
    }
    if i == digits_start {
        return None;
    }
    if i + 1 < bytes.len() && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        i += 1;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
    }
    let num: String = s[..i].chars().filter(|&c| c != ',').collect();
    let n: f64 = num.parse().ok()?;
    n.is_finite().then_some((n, &s[i..]))
}

fn parse_range(low: f64, after: &str, units: &Units) -> Option<Value> {
    // Optional unit after the first number ("90%-95%").
    let sep_at = after.find(['-', '~', '至', '到'])?;
    let unit1 = after[..sep_at].trim();
    if !unit1.is_empty() && units.kind(unit1).is_none() {
        return None;
    }
    let sep_len = after[sep_at..].chars().next()?.len_utf8();
    let rest = after[sep_at + sep_len..].trim_start();
    let (high, after2) = leading_number(rest)?;
    let unit2 = after2.trim();
    if !unit2.is_empty() && !is_unit_text(unit2) {
        return None;
    }
    let unit = [unit2, unit1]
        .into_iter()
        .find(|u| !u.is_empty())
        .map(str::to_string);
    Some(Value::Range { low, high, unit })
}

/// "2020年12月底前", "12月底", "2020年12月31日", "2020年底", "2020-12-31", "2020.12".
fn is_date(s: &str) -> bool {
    use std::sync::LazyLock;
    static DATE: LazyLock<regex::Regex> = LazyLock::new(|| {
        regex::Regex::new(
            r"^(?:(?:[0-9]{4}年)?(?:年底|年末|年中|上半年|下半年)|(?:[0-9]{4}年)?第[一二三四1-4]季度(?:末|底)?|(?:[0-9]{4}年)?[0-9]{1,2}月(?:[0-9]{1,2}[日号])?|(?:每月|当月|次月)[0-9]{1,2}[日号]|(?:每|当|次)(?:季度|季|月|年|半年)(?:末|底|初)|[0-9]{4}年|[0-9]{4}[-./][0-9]{1,2}(?:[-./][0-9]{1,2})?)(?:底|末|初|中旬|上旬|下旬|中)?(?:前|之前|以前|止|内)?(?:完成)?$",
        )
        .expect("date pattern")
    });
    DATE.is_match(s)
}

/// A number written in Chinese numerals ("三百万", "一千二百五十", "两亿三千万", "三点五"), and
/// whether it carries a magnitude of its own (万 or 亿). `None` for anything else.
pub fn chinese_number(s: &str) -> Option<(f64, bool)> {
    fn digit(c: char) -> Option<u64> {
        Some(match c {
            '零' | '〇' => 0,
            '一' | '壹' => 1,
            '二' | '两' | '贰' => 2,
            '三' | '叁' => 3,
            '四' | '肆' => 4,
            '五' | '伍' => 5,
            '六' | '陆' => 6,
            '七' | '柒' => 7,
            '八' | '捌' => 8,
            '九' | '玖' => 9,
            _ => return None,
        })
    }
    let s = s.trim();
    if s.is_empty() || s.chars().count() > 32 {
        return None;
    }
    let (int_part, frac_part) = match s.split_once('点') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut total: f64 = 0.0; // completed 亿 sections
    let mut section: u64 = 0; // within the current 万 section
    let mut small: u64 = 0; // within the current 千 group
    let mut pending: Option<u64> = None;
    let mut seen = false;
    let mut magnitude = false;
    for c in int_part.chars() {
        seen = true;
        if let Some(d) = digit(c) {
            if d == 0 {
                continue; // 零 only marks a skipped place ("一万零五百")
            }
            if pending.is_some() {
                return None; // two digits in a row ("三三")
            }
            pending = Some(d);
            continue;
        }
        let unit = match c {
            '十' | '拾' => 10,
            '百' | '佰' => 100,
            '千' | '仟' => 1000,
            '万' | '萬' => {
                section = (section + small + pending.take().unwrap_or(0)) * 10_000;
                small = 0;
                magnitude = true;
                continue;
            }
            '亿' | '億' => {
                total = (total + (section + small + pending.take().unwrap_or(0)) as f64) * 1e8;
                section = 0;
                small = 0;
                magnitude = true;
                continue;
            }
            _ => return None,
        };
        // "十五" has no digit before 十: it is one ten.
        small += pending.take().unwrap_or(1) * unit;
    }
    if !seen {
        return None;
    }
    let mut n = total + (section + small + pending.unwrap_or(0)) as f64;
    if let Some(f) = frac_part {
        let mut scale = 0.1;
        for c in f.chars() {
            n += digit(c)? as f64 * scale;
            scale /= 10.0;
        }
    }
    Some((n, magnitude))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::RuleData;

    fn p(s: &str) -> Value {
        let d = RuleData::embedded();
        parse(s, &d.units, &d.values.qualitative_words)
    }

    fn num(op: Option<Op>, n: f64, unit: Option<&str>) -> Value {
        Value::Number {
            op,
            number: n,
            unit: unit.map(str::to_string),
        }
    }

    #[test]
    fn symbols_numbers_units() {
        assert_eq!(p("≥90"), num(Some(Op::Ge), 90.0, None));
        assert_eq!(p("≥90%"), num(Some(Op::Ge), 90.0, Some("%")));
        assert_eq!(p("100"), num(None, 100.0, None));
        assert_eq!(p("＝１００％"), num(Some(Op::Eq), 100.0, Some("%")));
        assert_eq!(p("≧95%"), num(Some(Op::Ge), 95.0, Some("%")));
        assert_eq!(p(">=95%"), num(Some(Op::Ge), 95.0, Some("%")));
        assert_eq!(p("<= 5 天"), num(Some(Op::Le), 5.0, Some("天")));
        assert_eq!(p("不少于300人次"), num(Some(Op::Ge), 300.0, Some("人次")));
        assert_eq!(
            p("不超过15个工作日"),
            num(Some(Op::Le), 15.0, Some("个工作日"))
        );
        assert_eq!(p("90%以上"), num(Some(Op::Ge), 90.0, Some("%")));
        assert_eq!(p("7天以内"), num(Some(Op::Le), 7.0, Some("天")));
        assert_eq!(p("±3%以内"), num(Some(Op::Le), 3.0, Some("%")));
        assert_eq!(p("±0.5%"), num(Some(Op::Le), 0.5, Some("%")));
        assert_eq!(p("28.8万元"), num(None, 28.8, Some("万元")));
        assert_eq!(p("1,200人"), num(None, 1200.0, Some("人")));
        assert_eq!(p("≥100百分比"), num(Some(Op::Ge), 100.0, Some("百分比")));
        assert_eq!(p("≤7工作日"), num(Some(Op::Le), 7.0, Some("工作日")));
        assert_eq!(p("-5%"), num(None, -5.0, Some("%")));
        assert_eq!(p("88100"), num(None, 88100.0, None));
        assert_eq!(p("约200人"), num(None, 200.0, Some("人")));
        assert_eq!(p("200人左右"), num(None, 200.0, Some("人")));
        assert_eq!(p("1000余人"), num(Some(Op::Ge), 1000.0, Some("人")));
        assert_eq!(p("24小时内"), num(Some(Op::Le), 24.0, Some("小时")));
        assert_eq!(p("每月1次"), num(None, 1.0, Some("次/月")));
        assert_eq!(p("≥1次/月"), num(Some(Op::Ge), 1.0, Some("次/月")));
        assert_eq!(p("1:1"), num(None, 1.0, Some(":1")));
        assert_eq!(p("≥3：1"), num(Some(Op::Ge), 3.0, Some(":1")));
        assert_eq!(p("超过500人"), num(Some(Op::Gt), 500.0, Some("人")));
    }

    #[test]
    fn ranges_dates_words() {
        assert_eq!(
            p("90%-95%"),
            Value::Range {
                low: 90.0,
                high: 95.0,
                unit: Some("%".into())
            }
        );
        assert_eq!(
            p("90~95%"),
            Value::Range {
                low: 90.0,
                high: 95.0,
                unit: Some("%".into())
            }
        );
        assert_eq!(p("2020年12月底前"), Value::Date { op: None });
        assert_eq!(p("12月底"), Value::Date { op: None });
        assert_eq!(p("≤2020年12月"), Value::Date { op: Some(Op::Le) });
        assert_eq!(p("2020-12-31"), Value::Date { op: None });
        assert_eq!(p("≤每月15日"), Value::Date { op: Some(Op::Le) });
        assert_eq!(p("每月15日前"), Value::Date { op: None });
        assert_eq!(p("每季度末前"), Value::Date { op: None });
        assert_eq!(p("12月底前完成"), Value::Date { op: None });
        assert_eq!(p("年底前"), Value::Date { op: None });
        assert_eq!(p("2025年第四季度"), Value::Date { op: None });
        assert_eq!(
            p("无重大安全事故"),
            Value::Qualitative("无重大安全事故".into())
        );
        assert_eq!(p("≤每季度末"), Value::Date { op: Some(Op::Le) });
        assert_eq!(p("合格"), Value::Qualitative("合格".into()));
        // Every grade listed: the target is not set.
        assert_eq!(p("定性 高中低"), Value::Text(TextKind::AllGrades));
        assert_eq!(p("优/良/中/差"), Value::Text(TextKind::AllGrades));
        assert_eq!(p("好、较好、一般、差"), Value::Text(TextKind::AllGrades));
        assert_eq!(p("优良"), Value::Qualitative("优良".into()));
        assert_eq!(p("良好"), Value::Qualitative("良好".into()));
        assert_eq!(p("规范"), Value::Qualitative("规范".into()));
        assert_eq!(p("定性"), Value::Blank);
        assert_eq!(p("是"), Value::Boolean(true));
        assert_eq!(p("否"), Value::Boolean(false));
        assert_eq!(p("长期"), Value::Text(TextKind::Words));
        assert_eq!(p("有所提升"), Value::Text(TextKind::Words));
    }

    #[test]
    fn chinese_numerals() {
        assert_eq!(chinese_number("三百万"), Some((3_000_000.0, true)));
        assert_eq!(chinese_number("一千二百五十"), Some((1250.0, false)));
        assert_eq!(chinese_number("十五"), Some((15.0, false)));
        assert_eq!(chinese_number("两亿三千万"), Some((230_000_000.0, true)));
        assert_eq!(chinese_number("三点五"), Some((3.5, false)));
        assert_eq!(chinese_number("一万零五百"), Some((10_500.0, true)));
        assert_eq!(chinese_number("三三"), None);
        assert_eq!(chinese_number("abc"), None);
        assert_eq!(chinese_number(""), None);
    }

    #[test]
    fn periods_changes_notes() {
        for d in [
            "2025年3月—2025年10月",
            "2025年1-12月",
            "2020.1.1-2020.12.31",
            "3月至10月",
            "2025年3月至2025年10月",
        ] {
            assert_eq!(p(d), Value::Date { op: None }, "{d}");
        }
        assert_eq!(
            p("较上年提高5个百分点"),
            Value::Change {
                number: 5.0,
                unit: Some("个百分点".into()),
                up: true
            }
        );
        assert_eq!(
            p("同比增长10%"),
            Value::Change {
                number: 10.0,
                unit: Some("%".into()),
                up: true
            }
        );
        assert_eq!(
            p("比2024年下降2%"),
            Value::Change {
                number: 2.0,
                unit: Some("%".into()),
                up: false
            }
        );
        assert_eq!(p("≥95%（2024年为93%）"), num(Some(Op::Ge), 95.0, Some("%")));
        assert_eq!(p("≥4.5分（5分制）"), num(Some(Op::Ge), 4.5, Some("分")));
        assert_eq!(p("95%以上。"), num(Some(Op::Ge), 95.0, Some("%")));
        assert_eq!(p("﹦100"), num(Some(Op::Eq), 100.0, None));
        assert_eq!(p("═100"), num(Some(Op::Eq), 100.0, None));
        assert_eq!(
            p("改善群众出行条件，促进经济发展，提高道路通行能力"),
            Value::Text(TextKind::Sentence)
        );
        assert_eq!(p("明显改善"), Value::Text(TextKind::Words));
    }

    /// A deadline before the value (trial 2, T4 row 19): the value part is read.
    #[test]
    fn a_deadline_then_a_value() {
        for (v, want) in [
            ("12月底前100%到位", num(None, 100.0, Some("%"))),
            ("12月底前100%", num(None, 100.0, Some("%"))),
            ("年底前100%拨付", num(None, 100.0, Some("%"))),
            ("年底前完成100%", num(None, 100.0, Some("%"))),
            ("2025年12月底前拨付到位100%", num(None, 100.0, Some("%"))),
            ("2025年6月30日前≥90%", num(Some(Op::Ge), 90.0, Some("%"))),
            ("6月底前，≥50%", num(Some(Op::Ge), 50.0, Some("%"))),
            ("12月底100%到位", num(None, 100.0, Some("%"))),
            ("12月底前≥120%", num(Some(Op::Ge), 120.0, Some("%"))),
            ("10月31日前完成300人", num(None, 300.0, Some("人"))),
        ] {
            assert_eq!(p(v), want, "{v}");
        }
        // Still a date, a period or text: no value after the deadline, a period, a sentence.
        // A bare number after a deadline is no value (a garbled 时效 cell stays V007's).
        for v in ["12月底前2025", "年底前1", "2025年12月31日前45657"] {
            assert!(
                !matches!(p(v), Value::Number { .. } | Value::Range { .. }),
                "{v}: {:?}",
                p(v)
            );
        }
        assert_eq!(p("12月底前完成"), Value::Date { op: None });
        assert_eq!(p("2025年12月底前"), Value::Date { op: None });
        assert_eq!(p("2025年3月-2025年10月"), Value::Date { op: None });
        assert!(matches!(
            p("3月底-10月底"),
            Value::Date { .. } | Value::Text(_)
        ));
        assert!(matches!(
            p("2021年12月底完成项目规划相关工作。"),
            Value::Text(_)
        ));
        assert!(matches!(
            p("12月底前完成全年任务的90%，确保资金安全"),
            Value::Text(_)
        ));
        assert!(matches!(
            p("12月底前100%到位并完成验收工作"),
            Value::Text(_)
        ));
        assert!(matches!(
            p("12月底前12月"),
            Value::Text(_) | Value::Date { .. }
        ));
    }

    /// A full stop for the middle dot of a compound unit (trial 3, 湘西: "17元/人.每天" was
    /// V007, an error): read as 元/人·天 when both sides are units; a decimal point stays one.
    #[test]
    fn a_full_stop_in_a_compound_unit() {
        for (v, want) in [
            ("17元/人.每天", num(None, 17.0, Some("元/人·天"))),
            ("17元/人.天", num(None, 17.0, Some("元/人·天"))),
            ("17元/人。天", num(None, 17.0, Some("元/人·天"))),
            ("17元/人．月", num(None, 17.0, Some("元/人·月"))),
            ("≥300元/人.每月", num(Some(Op::Ge), 300.0, Some("元/人·月"))),
            ("17元/人·天", num(None, 17.0, Some("元/人·天"))),
            ("400元/人、天", num(None, 400.0, Some("元/人·天"))),
            ("17.5元", num(None, 17.5, Some("元"))),
            ("17.5元/人.天", num(None, 17.5, Some("元/人·天"))),
            ("17元。", num(None, 17.0, Some("元"))),
        ] {
            assert_eq!(p(v), want, "{v}");
        }
        // A side that is no unit: still text.
        for v in [
            "17元.5",
            "17元/人.左右",
            "17.元",
            "17元/人..天",
            "17元/人.每",
        ] {
            assert!(matches!(p(v), Value::Text(_)), "{v}: {:?}", p(v));
        }
    }

    #[test]
    fn blanks_and_junk() {
        assert_eq!(p(""), Value::Blank);
        assert_eq!(p("  "), Value::Blank);
        assert_eq!(p("公里"), Value::Blank);
        assert_eq!(p("≧ %"), Value::Blank);
        assert_eq!(p("≥"), Value::Blank);
        assert_eq!(p("= 44,561 44,561"), Value::Text(TextKind::SeveralNumbers));
        assert_eq!(p("88 100"), Value::Text(TextKind::SeveralNumbers));
        assert_eq!(p("逾期发放率 >=100%"), Value::Text(TextKind::WithNumber));
        assert_eq!(p("≥**%"), Value::Text(TextKind::Words));
        assert_eq!(
            p("完成全年任务的90%，确保资金安全"),
            Value::Text(TextKind::Sentence)
        );
    }
}
