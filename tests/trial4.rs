//! The tables of the fourth reviewer trial (`fixtures/trial4/`, see its README): layouts the
//! trial found misread and rows it found falsely reported.

mod common;

use std::path::Path;

use jxlint::model::{Document, Field};

fn read(name: &str) -> Document {
    common::read_doc(&Path::new("fixtures/trial4").join(name))
}

fn t(f: &Option<Field>) -> Option<String> {
    f.as_ref().map(|f| f.trimmed().to_string())
}

/// The findings of `check` on a fixture: (code, location, message).
fn findings(name: &str) -> Vec<(String, String, String)> {
    let path = Path::new("fixtures/trial4").join(name);
    common::findings_at(&path)
}

/// (code, cell) of each finding, in the report's order.
fn at(found: &[(String, String, String)]) -> Vec<(&str, &str)> {
    found
        .iter()
        .map(|(c, a, _)| (c.as_str(), a.as_str()))
        .collect()
}

/// 湖北 自评表: 年初目标值(A) is the value column; the budget is the amount under 预算数(A), not
/// the 执行数(B) heading beside it; no goal row, so no empty goal; the form is a 自评表 (no B003).
#[test]
fn hubei_self_evaluation() {
    for name in [
        "hubei-huangshi-tushuguan-gongxiang-2022.html",
        "hubei-huangshi-tushuguan-gongxiang-2022.xlsx",
    ] {
        let d = read(name);
        assert_eq!(d.projects.len(), 1, "{name}");
        let p = &d.projects[0];
        assert_eq!(t(&p.name).as_deref(), Some("共享工程"), "{name}");
        assert_eq!(t(&p.budget.total).as_deref(), Some("5"), "{name}");
        assert_eq!(p.kind, jxlint::model::FormKind::SelfEvaluation, "{name}");
        assert_eq!(p.indicators.len(), 13, "{name}");
        assert_eq!(
            t(&p.indicators[0].level3).as_deref(),
            Some("一个存储备份器")
        );
        assert_eq!(t(&p.indicators[0].value).as_deref(), Some("25TB"));
        // Exactly these, in both formats (no B006 on the 执行数 heading, no B003 on a 自评表,
        // no R001 on 存储备份器 or 绿色环保, no empty goal).
        let found = findings(name);
        let want = if name.ends_with(".html") {
            [
                ("V005", "表1 第11行 第5列"),
                ("V007", "表1 第12行 第5列"),
                ("V007", "表1 第15行 第5列"),
                ("V007", "表1 第16行 第5列"),
                ("C002", "表1 第17行 第5列"),
                ("S009", "表1 第18行 第3列"),
                ("S001", "表1 第21行 第3列"),
                ("C002", "表1 第21行 第5列"),
            ]
        } else {
            [
                ("V005", "Sheet1!E15"),
                ("V007", "Sheet1!E16"),
                ("V007", "Sheet1!E19"),
                ("V007", "Sheet1!E20"),
                ("C002", "Sheet1!E21"),
                ("S009", "Sheet1!C22"),
                ("S001", "Sheet1!C25"),
                ("C002", "Sheet1!D25"),
            ]
        };
        assert_eq!(at(&found), want, "{name}: {found:?}");
    }
}

/// 主管部门(单位)名称 names the department; 附件2 above the table does not.
#[test]
fn fujian_department_label() {
    let d = read("fujian-anxi-shuili-diqipi-2022.xlsx");
    let dept = d
        .department
        .as_ref()
        .or(d.projects[0].department.as_ref())
        .map(|f| f.trimmed().to_string());
    assert_eq!(dept.as_deref(), Some("安溪县水利局"));
    // Its per-village value columns are not read (the issue note): the header is reported.
    let found = findings("fujian-anxi-shuili-diqipi-2022.xlsx");
    assert_eq!(
        at(&found),
        [("B003", "Sheet1!B3"), ("C001", "Sheet1!A6")],
        "{found:?}"
    );
}

/// 绩效指标评价标准 over 优 | 良 | 中 | 差: the target is the 优 column.
#[test]
fn hebei_graded_values() {
    let d = read("hebei-handan-kunnanjiuzhu-2019.html");
    let p = &d.projects[0];
    let rows: Vec<(Option<String>, Option<String>, Option<String>)> = p
        .indicators
        .iter()
        .map(|i| (t(&i.level1), t(&i.level3), t(&i.value)))
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        rows,
        [
            (s("产出指标"), s("救助覆盖率"), s("100%")),
            (
                s("产出指标"),
                s("农村低保救助资金按标准发放的比率"),
                s("90%")
            ),
            (s("效果指标"), s("救助对象对救助工作满意度(%)"), s("85%")),
        ]
    );
    // No 项目名称 row: the title names the project (no C001 for its name); no budget (C001).
    assert_eq!(t(&p.name), s("中央财政困难群众救助补助"));
    let found = findings("hebei-handan-kunnanjiuzhu-2019.html");
    assert_eq!(
        at(&found),
        [
            ("B003", "表1 第1行 第1列"),
            ("C001", "表1 第1行 第1列"),
            ("S005", "表1 第4行 第1列"),
            ("S009", "表1 第6行 第1列"),
        ],
        "{found:?}"
    );
    assert!(found[1].2.starts_with("预算数为空"), "{found:?}");
    // Its 满意度 row stands under the legacy 效果指标: the table has one (no S006).
}

/// 预算(或投资规模)控制指标 is a legacy 成本指标 (S009, no S001), and 年度预算执行率 ≥90% under
/// it is higher-better (no V006).
#[test]
fn guangdong_budget_control_class() {
    let found = findings("guangdong-dongguan-jiaotong-zhenjilianwang-2019.html");
    assert_eq!(
        at(&found),
        [
            ("B003", "表1 第4行 第2列"),
            ("S009", "表1 第8行 第2列"),
            ("V003", "表1 第8行 第8列"),
            ("V005", "表1 第10行 第8列"),
            ("S009", "表1 第11行 第6列"),
            ("S006", "表1 第12行 第1列"),
            ("S009", "表1 第12行 第2列"),
            ("S001", "表1 第12行 第6列"),
        ],
        "{found:?}"
    );
    assert!(
        found[4].2.starts_with("“预算(或投资规模)控制指标”是旧版"),
        "{found:?}"
    );
}

/// 中医药健康管理 is a 基本公卫 service: no R001 on its rows; and 实际完成值 marks a 自评表
/// whose title was left off (no B003).
#[test]
fn shanxi_public_health_and_untitled_self_evaluation() {
    for name in [
        "shanxi-jishan-zhaidian-gongwei-2021.html",
        "probe-jishan-no-title.html",
    ] {
        let found = findings(name);
        assert_eq!(
            at(&found),
            [
                ("G002", "表1 第8行 第2列"),
                ("G003", "表1 第8行 第2列"),
                ("S004", "表1 第10行 第1列"),
                ("S006", "表1 第31行 第1列"),
                ("V004", "表1 第31行 第4列"),
            ],
            "{name}: {found:?}"
        );
    }
    let p = &read("probe-jishan-no-title.html").projects[0];
    assert_eq!(p.kind, jxlint::model::FormKind::SelfEvaluation);
}

/// The project a form's title names, where no 项目名称 row does; nothing when the title names
/// only a department, a year or the form.
#[test]
fn a_title_names_the_project_only_when_it_names_one() {
    use jxlint::form::name_from_title;
    let n = |t: &str| name_from_title(t);
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        n("邯财社[2018]126号提前下达2019年中央财政困难群众救助补助预算指标绩效目标表"),
        s("中央财政困难群众救助补助")
    );
    assert_eq!(
        n("农村饮水安全巩固提升工程项目支出绩效目标表（2023年度）"),
        s("农村饮水安全巩固提升工程")
    );
    assert_eq!(
        n("附件2：2024年高标准农田建设绩效目标申报表"),
        s("高标准农田建设")
    );
    assert_eq!(
        n("湘财预〔2023〕12号 城乡居民基本医疗保险补助资金绩效目标表"),
        s("城乡居民基本医疗保险补助资金")
    );
    assert_eq!(
        n("食品监管补助资金区域绩效目标自评表"),
        s("食品监管补助资金")
    );
    assert_eq!(
        n("县级财政衔接推进乡村振兴补助资金绩效目标表（批复）"),
        s("县级财政衔接推进乡村振兴补助资金")
    );
    assert_eq!(
        n("附表3-1 城乡居民职业技能培训补贴项目绩效目标表"),
        s("城乡居民职业技能培训补贴项目")
    );
    for none in [
        "项目支出绩效目标表",
        "2023年度项目支出绩效目标表",
        "项目支出绩效目标表(2023年度)",
        "某县人力资源和社会保障局2023年度项目支出绩效目标表",
        "某县2023年项目支出绩效目标表",
        "部门整体绩效目标表",
        "专项资金绩效目标表",
        "项目绩效自评表",
        "某某市某某区2023年项目支出绩效目标表",
        "2021年度中央对地方转移支付区域绩效自评表",
        // From the review of the change: headings of prose, notes in brackets, a continuation,
        // numbering, kinds of project, institutions.
        "五、项目支出绩效目标情况",
        "2024年度重点项目支出绩效目标公开表",
        "项目支出绩效目标表（参考样式）",
        "项目绩效目标申报表（试行）",
        "2024年度项目支出绩效目标执行监控表",
        "部门项目支出绩效目标表",
        "表5 2024年部门预算项目绩效目标表",
        "长沙市图书馆项目支出绩效目标表",
        "某某县第一中学2024年项目支出绩效目标表",
        "湖南某某建设投资有限公司项目支出绩效目标表",
        "某某县总工会项目绩效目标表",
        "某某县消防救援大队项目支出绩效目标表",
        "项目支出绩效目标表（续表）",
        "城乡居民职业技能培训补贴项目绩效目标表（续）",
        "市级重点项目绩效目标表",
        "二级项目绩效目标表",
        "省级财政专项资金绩效目标表",
        "一般公共预算项目支出绩效目标表",
        "某某县人力资源和社会保障局单位整体支出绩效目标表",
        "某县林业局部门整体支出绩效自评表",
    ] {
        assert_eq!(n(none), None, "{none}");
    }
}
