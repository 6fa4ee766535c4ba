//! The YAML target-document reader: keys and aliases, spans, errors.

use jxlint::model::{Document, Field, Format};
use jxlint::read::ReadError;
use jxlint::source::SourceFile;

fn read(text: &str) -> (SourceFile, Result<Document, ReadError>) {
    let src = SourceFile::new("t.yaml", text.to_string());
    let doc = jxlint::read_source(&src, Format::Yaml);
    (src, doc)
}

fn pos(src: &SourceFile, f: &Option<Field>) -> (String, usize, usize) {
    let f = f.as_ref().expect("field present");
    let p = src.position(f.span.start);
    (f.text.clone(), p.line, p.column)
}

#[test]
fn nested_value_spans_point_at_the_cell() {
    let text = "\
department: 某市医疗保障局
projects:
  - name: 城乡居民基本医疗保险市级补助
    budget:
      total: 1200.50
    indicators:
      - level1: 产出指标
        level2: 数量指标
        level3: 参保人数
        value: ≥120万人
      - 一级指标: 满意度指标
        三级指标: 群众满意度
        指标值: \"≥90%\"
";
    let (src, doc) = read(text);
    let doc = doc.unwrap();
    let p = &doc.projects[0];
    assert_eq!(
        pos(&src, &p.name),
        ("城乡居民基本医疗保险市级补助".into(), 3, 11)
    );
    // A number keeps its text exactly as written (not 1200.5).
    assert_eq!(pos(&src, &p.budget.total), ("1200.50".into(), 5, 14));
    assert_eq!(
        pos(&src, &p.indicators[0].value),
        ("≥120万人".into(), 10, 16)
    );
    // A quoted value's span excludes the quotes.
    assert_eq!(pos(&src, &p.indicators[1].value), ("≥90%".into(), 13, 15));
    let v = p.indicators[1].value.as_ref().unwrap();
    assert_eq!(src.slice(v.span), "≥90%");
    assert_eq!(
        pos(&src, &p.indicators[1].level3),
        ("群众满意度".into(), 12, 15)
    );
    assert_eq!(p.indicators[1].level2, None);
    assert!(!p.has_basis_column && !p.has_unit_column);
    assert_eq!(pos(&src, &doc.department), ("某市医疗保障局".into(), 1, 13));
}

#[test]
fn chinese_keys_single_project_and_goal_block() {
    let text = "\
项目名称: 农村公路危桥改造
预算规模:
  预算数: \"860.5\"
  财政资金: 800.5
  其他资金:
资金支出计划:
  3月底: 10%
  12月底: 100
绩效目标: |
  完成6座危桥拆除重建。
  工程验收合格率100%。
绩效指标:
  - 一级指标: 产出指标
    二级指标: 数量指标
    指标名称: 改造危桥数量
    指标值: =6
    计量单位: 座
    指标值确定依据: 年度计划
";
    let (src, doc) = read(text);
    let doc = doc.unwrap();
    assert_eq!(doc.projects.len(), 1);
    let p = &doc.projects[0];
    assert_eq!(pos(&src, &p.budget.total), ("860.5".into(), 3, 9));
    assert_eq!(pos(&src, &p.budget.fiscal), ("800.5".into(), 4, 9));
    // An empty value is "not given": present and blank, never 0.
    assert!(p.budget.other.as_ref().unwrap().is_blank());
    assert_eq!(pos(&src, &p.budget.other).1, 5);
    let s = p.schedule.as_ref().unwrap();
    assert_eq!(s.periods.len(), 2);
    assert_eq!(s.periods[0].label.text, "3月底");
    assert_eq!(s.periods[0].value.text, "10%");
    assert_eq!(s.periods[1].value.text, "100");
    let g = &p.goals.as_ref().unwrap().lines;
    assert_eq!(g.len(), 2);
    assert_eq!(
        pos(&src, &Some(g[1].clone())),
        ("工程验收合格率100%。".into(), 11, 3)
    );
    let ind = &p.indicators[0];
    assert_eq!(pos(&src, &ind.level3), ("改造危桥数量".into(), 15, 11));
    assert_eq!(pos(&src, &ind.unit), ("座".into(), 17, 11));
    assert!(p.has_unit_column && p.has_basis_column);
}

#[test]
fn unknown_key_is_an_error_naming_key_and_line() {
    let text = "\
name: 测试项目
indicators:
  - level1: 产出指标
    三级指票: 群众满意度
    value: ≥90%
";
    let (_, doc) = read(text);
    let e = doc.unwrap_err();
    assert!(e.message.contains("三级指票"), "{}", e.message);
    assert_eq!(e.line, Some(4));
    assert!(!e.not_target);
}

#[test]
fn malformed_and_foreign_yaml() {
    let (_, doc) = read("name: [unclosed\n");
    let e = doc.unwrap_err();
    assert!(e.line.is_some(), "a syntax error names its line");
    assert_eq!(e.message, "YAML 语法错误：括号或引号没有闭合");
    assert_eq!((e.line, e.column), (Some(1), Some(7)));
    // The parser's own words are kept as the detail.
    assert!(e.detail.is_some());

    // A type error names the key and what was written.
    let (_, doc) = read("name: a\nindicators:\n  - {level1: 产出, value: [1, 2]}\n");
    let e = doc.unwrap_err();
    assert_eq!(e.message, "类型不对：“value”应是文字或数字，写成了列表");
    assert_eq!(e.line, Some(3));

    // A CI workflow: not a target document at all.
    let (_, doc) = read("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n");
    assert!(doc.unwrap_err().not_target);

    // Both a project list and single-project keys.
    let (_, doc) = read("name: a\nprojects: []\n");
    let e = doc.unwrap_err();
    assert!(!e.not_target);
    assert!(e.message.contains("只能取其一"));

    let (_, doc) = read("");
    assert!(doc.unwrap_err().not_target);
}

#[test]
fn aliases_and_anchors_are_safe() {
    // An alias is expanded, and its position is where it is used.
    let text = "\
projects:
  - name: 甲
    indicators:
      - &row {level1: 产出指标, level3: 培训人次, value: ≥300人次}
      - *row
";
    let (_, doc) = read(text);
    let doc = doc.unwrap();
    assert_eq!(doc.projects[0].indicators.len(), 2);
    assert_eq!(
        doc.projects[0].indicators[1].value.as_ref().unwrap().text,
        "≥300人次"
    );
}
